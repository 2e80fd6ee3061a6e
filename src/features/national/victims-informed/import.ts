// Importing monthly Victims' Code returns from a CSV: area, month, victims, told_about_rj. Each
// row is read by the same rule as the PCC office's form (src/domain/victims-informed.ts); a row
// that repeats the current return changes nothing, one that differs replaces it (the earlier
// return is kept). The whole file is one transaction.
import type { Readable } from 'node:stream';
import type { Tx } from '../../../db/actor-context.js';
import type { IsoDate } from '../../../domain/calendar-dates.js';
import { readReturn, type MonthlyReturn } from '../../../domain/victims-informed.js';
import type { RowProblem } from '../../imports/index.js';
import {
  fixedColumns,
  importAreaRows,
  type NationalImportSummary,
  type RowOutcome,
} from '../import-run.js';
import type { RecordOutcome } from '../provision/store.js';

export const RETURN_COLUMNS = ['area', 'month', 'victims', 'told_about_rj'] as const;
const V = 'national.victimsInformed.problems';

const readHeader = fixedColumns(RETURN_COLUMNS, `${V}.unknownColumns`);

type Write = (value: MonthlyReturn & { areaId: string }) => Promise<RecordOutcome>;

function checkRow(
  fields: Record<string, string>,
  row: number,
  context: { areas: Map<string, string>; seen: Map<string, number>; today: IsoDate },
) {
  const problems: RowProblem[] = [];
  const areaText = (fields.area ?? '').trim();
  const areaId = context.areas.get(areaText.toLowerCase());
  if (!areaText) problems.push({ field: 'area', key: 'imports.reasons.required' });
  else if (!areaId)
    problems.push({
      field: 'area',
      key: 'national.provision.problems.areaUnknown',
      params: { value: areaText },
    });
  const read = readReturn(fields, context.today);
  if (!read.ok)
    problems.push(
      ...read.problems.map((p) => ({
        field: p.field,
        key: p.key === 'required' ? 'imports.reasons.required' : `${V}.${p.key}`,
        params: p.params,
      })),
    );
  if (!read.ok || !areaId) return { problems };
  const key = `${areaId}:${read.value.month}`;
  const earlier = context.seen.get(key);
  if (earlier !== undefined)
    return {
      problems: [
        ...problems,
        {
          key: `${V}.repeated`,
          params: { row: earlier, area: areaId, month: fields.month!.trim() },
        },
      ],
    };
  context.seen.set(key, row);
  return { problems, value: { ...read.value, areaId } };
}

export async function importReturnRows(
  tx: Tx,
  input: Readable,
  options: { dryRun: boolean; today: IsoDate; write: Write },
): Promise<NationalImportSummary> {
  const context = { seen: new Map<string, number>(), today: options.today };
  return importAreaRows(
    tx,
    input,
    { read: readHeader, emptyKey: `${V}.empty`, dryRun: options.dryRun },
    async (fields, row, areas): Promise<RowOutcome> => {
      const checked = checkRow(fields, row, { ...context, areas });
      if ('value' in checked && checked.value && checked.problems.length === 0)
        return { outcome: await options.write(checked.value) };
      return { outcome: 'reject', problems: checked.problems };
    },
  );
}
