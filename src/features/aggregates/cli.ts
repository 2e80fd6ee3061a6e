// waymark aggregates refresh|check: keeping the aggregate store up to date by hand (the server
// does it on a schedule).
import type { Command } from '../../cli/command.js';
import { withServices } from '../../cli/runtime.js';
import type { RefreshResult } from './service.js';

/** What a refresh did (null: --full), in a line. */
function refreshed(result: RefreshResult | null, seconds: string): string {
  if (result === null) return `Recomputed every figure in ${seconds} s.`;
  if (result.rebuilt)
    return `The bank holidays had changed: recomputed every figure in ${seconds} s.`;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    `Recomputed ${count(result.buckets, 'service month', 'service months')} for ` +
    `${count(result.subjects, 'changed record', 'changed records')} in ${seconds} s ` +
    `(${count(result.steps, 'step', 'steps')}, the longest ${Math.round(result.longestStepMs)} ms).`
  );
}

export const AGGREGATE_COMMANDS: Command[] = [
  {
    name: 'aggregates refresh',
    summary: 'Bring the figures commissioners and reports read up to date now',
    usage:
      'waymark aggregates refresh [--full]\n  --full  recompute every figure from the case records, not only what changed',
    options: { full: { type: 'boolean' } },
    async run(context, flags) {
      const started = Date.now();
      const result = await withServices(context, 'aggregates refresh', async (services) => {
        if (flags.full === true) {
          await services.aggregates.rebuild();
          return null;
        }
        return services.aggregates.refresh();
      });
      context.out(refreshed(result, ((Date.now() - started) / 1000).toFixed(1)));
      return 0;
    },
  },
  {
    name: 'aggregates check',
    summary: 'Compare the stored figures with a recomputation from the case records',
    usage: 'waymark aggregates check',
    options: {},
    async run(context) {
      const differences = await withServices(context, 'aggregates check', (services) =>
        services.aggregates.differences(),
      );
      if (differences.length === 0) {
        context.out('The stored figures match the case records.');
        return 0;
      }
      context.out(
        `${differences.length} stored figures differ from the case records (run waymark aggregates refresh):`,
      );
      for (const d of differences.slice(0, 20))
        context.out(
          `  ${d.month.slice(0, 7)} ${d.figure} ${d.dimension || '(total)'}=${d.value}: stored ${d.stored?.n ?? 'none'}, recomputed ${d.recomputed?.n ?? 'none'}`,
        );
      return 1;
    },
  },
];
