import { operator, type Command } from '../../cli/command.js';
import { withServices } from '../../cli/runtime.js';
import { describePeriod } from '../../domain/retention.js';
import type { RetentionReport } from './service.js';

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i >= 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

const stagedReferrals = (n: number) => `${n} referral${n === 1 ? '' : 's'} staged`;

export function describeRetentionReport(report: RetentionReport): string[] {
  const rows = [
    ['kind', 'action', 'kept for', 'due', report.dryRun ? 'would handle' : 'handled'],
    ...report.kinds.map((k) => [
      k.kind,
      k.action,
      describePeriod(k.period),
      String(k.due),
      String(report.dryRun ? k.due : k.handled),
    ]),
  ];
  const due = report.kinds.reduce((n, k) => n + k.due, 0);
  const handled = report.kinds.reduce((n, k) => n + k.handled, 0);
  const leftovers = report.importLeftovers;
  return [
    ...table(rows),
    '',
    report.dryRun
      ? `Dry run: ${due} records are due; nothing was changed.`
      : `${handled} of ${due} due records anonymised or deleted.`,
    ...(leftovers.due === 0
      ? []
      : [
          report.dryRun
            ? `${stagedReferrals(leftovers.due)} by abandoned imports would be deleted.`
            : `${stagedReferrals(leftovers.handled)} by abandoned imports deleted.`,
        ]),
  ];
}

export const RETENTION_COMMANDS: Command[] = [
  {
    name: 'retention run',
    summary: 'Anonymise or delete every record kept past its retention period, and report counts',
    usage: 'waymark retention run [--dry-run]',
    options: { 'dry-run': { type: 'boolean' } },
    async run(context, flags) {
      const report = await withServices(context, 'retention run', (services) =>
        services.retention.run(operator('command line'), { dryRun: flags['dry-run'] === true }),
      );
      for (const line of describeRetentionReport(report)) context.out(line);
      return 0;
    },
  },
  {
    name: 'retention policy',
    summary: 'List how long each kind of record is kept',
    usage: 'waymark retention policy',
    options: {},
    async run(context) {
      const policies = await withServices(context, 'retention policy', (services) =>
        services.retention.policies(operator('command line')),
      );
      const rows = [
        ['kind', 'action', 'kept for', 'default'],
        ...policies.map((p) => [p.kind, p.action, p.period, p.defaultPeriod]),
      ];
      for (const line of table(rows)) context.out(line);
      return 0;
    },
  },
  {
    name: 'retention set',
    summary: 'Change how long a kind of record is kept (e.g. closed_cases 6y, sessions 30d)',
    usage:
      'waymark retention set KIND PERIOD\n  PERIOD is a number and d (days), m (months) or y (years)',
    options: {},
    positionals: 2,
    async run(context, _flags, [kind, period]) {
      await withServices(context, 'retention set', (services) =>
        services.retention.setPolicy(operator('command line'), kind, period),
      );
      context.out(`${kind} records are now kept for ${describePeriod(period!)}.`);
      return 0;
    },
  },
];
