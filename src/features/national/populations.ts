// The population of each police force area, by year: reference data for rates per 100,000
// people, loaded where a deployment provides it (for example from the Office for National
// Statistics' mid-year estimates) with `waymark import populations FILE`. An area without a
// population has no rate: the map shows "no data", never zero.
import type { Kysely } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { readSurveyYear } from '../../domain/provision-survey.js';
import type { RowProblem } from '../imports/index.js';
import { csvImport, fixedColumns, importAreaRows } from './import-run.js';

export const POPULATION_COLUMNS = ['area', 'year', 'population', 'source'] as const;
const P = 'national.populations.problems';

const readHeader = fixedColumns(POPULATION_COLUMNS);

function checkRow(fields: Record<string, string>, areas: Map<string, string>) {
  const problems: RowProblem[] = [];
  const given = (name: string) => (fields[name] ?? '').trim();
  const areaId = areas.get(given('area').toLowerCase());
  if (!areaId)
    problems.push(
      given('area')
        ? {
            field: 'area',
            key: 'national.provision.problems.areaUnknown',
            params: { value: given('area') },
          }
        : { field: 'area', key: 'imports.reasons.required' },
    );
  const year = readSurveyYear(given('year'));
  if (year === null)
    problems.push({ field: 'year', key: `${P}.year`, params: { value: given('year') } });
  const population = /^\d[\d,]*$/.test(given('population'))
    ? Number(given('population').replace(/,/g, ''))
    : NaN;
  if (!(population > 0 && population < 100_000_000))
    problems.push({
      field: 'population',
      key: `${P}.population`,
      params: { value: given('population') },
    });
  if (!given('source')) problems.push({ field: 'source', key: 'imports.reasons.required' });
  if (problems.length > 0 || !areaId || year === null) return { problems };
  return { problems, value: { areaId, year, population, source: given('source').slice(0, 200) } };
}

async function writePopulation(
  tx: Tx,
  value: { areaId: string; year: number; population: number; source: string },
) {
  const current = await tx
    .selectFrom('area_populations')
    .select(['population', 'source'])
    .where('area_id', '=', value.areaId)
    .where('year', '=', value.year)
    .executeTakeFirst();
  if (current?.population === value.population && current.source === value.source)
    return 'unchanged' as const;
  await tx
    .insertInto('area_populations')
    .values({
      area_id: value.areaId,
      year: value.year,
      population: value.population,
      source: value.source,
    })
    .onConflict((oc) =>
      oc
        .columns(['area_id', 'year'])
        .doUpdateSet({ population: value.population, source: value.source }),
    )
    .execute();
  return current ? ('replaced' as const) : ('created' as const);
}

export function populationService({ db }: { db: Kysely<DB> }) {
  return {
    importCsv: csvImport(db, 'populations_import', (tx, file, { dryRun }) =>
      importAreaRows(
        tx,
        file,
        { read: readHeader, emptyKey: `${P}.empty`, dryRun },
        async (fields, _row, areas) => {
          const checked = checkRow(fields, areas);
          return checked.value
            ? { outcome: await writePopulation(tx, checked.value) }
            : { outcome: 'reject', problems: checked.problems };
        },
      ),
    ),
  };
}

/** Each area's population in the latest year given up to `year`, with its source. */
export async function populationsAsAt(tx: Tx, year: number) {
  const rows = await tx
    .selectFrom('area_populations')
    .select(['area_id', 'year', 'population', 'source'])
    .where('year', '<=', year)
    .orderBy('year', 'desc')
    .execute();
  const latest = new Map<string, { year: number; population: number; source: string }>();
  for (const row of rows)
    if (!latest.has(row.area_id))
      latest.set(row.area_id, { year: row.year, population: row.population, source: row.source });
  return latest;
}
