import type { Command } from '../../cli/command.js';
import { withServices } from '../../cli/runtime.js';
import { describeVerifyReport, verifyAuditChains } from './verify.js';

export const AUDIT_COMMANDS: Command[] = [
  {
    name: 'audit verify',
    summary:
      "Check every organisation's audit chain: exit 1 naming the first row that does not fit",
    usage: 'waymark audit verify',
    options: {},
    async run(context) {
      const report = await withServices(context, 'audit verify', (_services, database) =>
        verifyAuditChains(database),
      );
      const lines = describeVerifyReport(report);
      for (const line of lines) (report.ok ? context.out : context.err)(line);
      return report.ok ? 0 : 1;
    },
  },
];
