import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../../cli/command.js';
import { UsageError, withServices } from '../../cli/runtime.js';
import { isUuid } from '../../domain/ids.js';
import { subjectAccessHtml, subjectAccessJson } from './document.js';

/** "report", "report.html" or "report.json" → report.html and report.json. */
export function outputFiles(out: string): { readable: string; data: string } {
  const base = out.replace(/\.(html?|json)$/i, '');
  return { readable: `${base}.html`, data: `${base}.json` };
}

export const SUBJECT_ACCESS_COMMANDS: Command[] = [
  {
    name: 'subject-access',
    summary: 'Write everything held about a person, and who accessed it, as HTML and JSON',
    usage:
      'waymark subject-access --person ID --out FILE\n  ID is a person id (or a participant id); FILE.html and FILE.json are written',
    options: { person: { type: 'string' }, out: { type: 'string' } },
    required: ['person', 'out'],
    async run(context, flags) {
      const id = String(flags.person);
      if (!isUuid(id)) throw new UsageError(`--person must be a person's id (got "${id}")`);
      const files = outputFiles(path.resolve(String(flags.out)));
      const started = Date.now();
      const report = await withServices(context, 'subject-access', async (services, database) => {
        // The operator acts for the service that holds the person (row-level security then
        // keeps the report to that service's records).
        const [holder] = await database.withOwner((owner) =>
          owner.query<{ org_id: string }>(
            `select org_id::text from persons where id = $1
             union select org_id::text from case_participants where id = $1`,
            [id],
          ),
        );
        if (!holder) throw new UsageError(`No person or participant has the id ${id}`);
        return services.subjectAccess.report(
          { kind: 'system', orgId: holder.org_id, name: 'command line' },
          id,
        );
      });
      await writeFile(files.readable, subjectAccessHtml(report), { mode: 0o600 });
      await writeFile(files.data, subjectAccessJson(report), { mode: 0o600 });
      context.out(
        `Wrote ${files.readable} and ${files.data}: ${report.cases.length} case(s), ${report.access.length} access event(s), in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
      return 0;
    },
  },
];
