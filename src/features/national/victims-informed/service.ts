// Monthly Victims' Code returns: a PCC office enters its area's, a national analyst or the
// command line imports any area's, and national analysts read them by area and over time.
import type { Kysely } from 'kysely';
import { withActor } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { readReturn } from '../../../domain/victims-informed.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { validationFailed } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { asOperatorOr, csvImport } from '../import-run.js';
import { ownArea, recordedBy } from '../provision/service.js';
import { importReturnRows } from './import.js';
import { areaReturnHistory, currentReturns, recordReturn } from './store.js';

export function victimsInformedService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  return {
    importCsv: csvImport(db, 'returns_import', (tx, file, { actor, fileName, dryRun }) => {
      const recorded = recordedBy(actor, clock.now(), fileName);
      return importReturnRows(tx, file, {
        dryRun,
        today: londonDate(recorded.at),
        write: (value) => recordReturn(tx, { ...value, ...recorded }),
      });
    }),

    /** A PCC office's return for a month of its own area. */
    async record(actor: Actor, input: Record<string, unknown>) {
      await authorize(db, actor, 'report_area', 'victims_informed.recorded');
      const texts = Object.fromEntries(
        ['month', 'victims', 'told_about_rj'].map((f) => [f, String(input[f] ?? '')]),
      );
      const at = clock.now();
      const read = readReturn(texts, londonDate(at));
      if (!read.ok)
        throw validationFailed(
          read.problems.map((p) => ({
            field: p.field,
            key: `national.victimsInformed.form.errors.${p.key === 'required' ? `${p.field}Required` : p.key}`,
            params: p.params,
          })),
        );
      return withActor(db, actor, async (tx) => {
        const areaId = await ownArea(tx, actor.orgId!);
        const outcome = await recordReturn(tx, {
          ...read.value,
          areaId,
          ...recordedBy(actor, at),
        });
        await recordAudit(tx, actor, {
          action: 'victims_informed.recorded',
          details: { area: areaId, month: read.value.month, outcome },
        });
        return { areaId, month: read.value.month, outcome };
      });
    },

    /** The acting PCC office's area and every return it has given. */
    async own(actor: Actor) {
      await authorize(db, actor, 'report_area', 'victims_informed.viewed');
      return withActor(db, actor, async (tx) => {
        const areaId = await ownArea(tx, actor.orgId!);
        return { areaId, history: await areaReturnHistory(tx, areaId) };
      });
    },

    /** Every area's current returns from a month on, for the national pages. */
    async returns(actor: Actor, filter: { areaId?: string; from?: string } = {}) {
      await authorize(db, actor, asOperatorOr(actor, 'view_national'), 'victims_informed.viewed');
      return withActor(db, actor, (tx) => currentReturns(tx, filter));
    },
  };
}

export type VictimsInformedService = ReturnType<typeof victimsInformedService>;
