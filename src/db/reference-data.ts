// Reference data shipped with Waymark (src/reference/*.csv), loaded after the schema
// migrations. Loading is an upsert, so corrections to a file reach every database; a file is
// only read again when its content changed. Rows added locally (a bank holiday added with the
// command line, say) are kept.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { OwnerSession } from './connect.js';

const referenceDir = fileURLToPath(new URL('../reference/', import.meta.url));

export async function readReferenceCsv(file: string): Promise<Record<string, string>[]> {
  const text = await readFile(`${referenceDir}${file}`, 'utf8');
  return parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
}

type Loader = (owner: OwnerSession, rows: Record<string, string>[]) => Promise<void>;

const LOADERS: [file: string, load: Loader][] = [
  ['police-force-areas.csv', loadAreas],
  ['offence-groups.csv', loadOffenceGroups],
  ['bank-holidays-england-and-wales.csv', loadBankHolidays],
  ['assessment-questions.json', loadAssessmentQuestions],
  ['categories-of-need.csv', loadCategoriesOfNeed],
  ['questionnaire.json', loadQuestionnaire],
];

export async function loadReferenceData(owner: OwnerSession): Promise<void> {
  const tracked = await owner.query<{ n: number }>(
    `select count(*)::int as n from information_schema.tables where table_name = 'reference_data_loads'`,
  );
  for (const [file, load] of LOADERS) {
    const text = await readFile(`${referenceDir}${file}`, 'utf8');
    const fingerprint = createHash('sha256').update(text).digest('hex');
    if (tracked[0]?.n) {
      const [loaded] = await owner.query<{ fingerprint: string }>(
        'select fingerprint from reference_data_loads where name = $1',
        [file],
      );
      if (loaded?.fingerprint === fingerprint) continue;
    }
    await load(owner, file.endsWith('.json') ? [{ json: text }] : await readReferenceCsv(file));
    if (tracked[0]?.n) {
      await owner.query(
        `insert into reference_data_loads (name, fingerprint) values ($1, $2)
         on conflict (name) do update set fingerprint = excluded.fingerprint, loaded_at = now()`,
        [file, fingerprint],
      );
    }
  }
}

async function loadAreas(owner: OwnerSession, rows: Record<string, string>[]) {
  for (const row of rows) {
    await owner.query(
      `insert into areas (id, force_name, name, ons_code, region, country, is_welsh)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (id) do update set force_name = excluded.force_name, name = excluded.name,
         ons_code = excluded.ons_code, region = excluded.region, country = excluded.country,
         is_welsh = excluded.is_welsh`,
      [
        row.id,
        row.force_name,
        row.pfa_name,
        row.ons_code,
        row.region,
        row.country,
        row.is_welsh === 'true',
      ],
    );
    await owner.query(
      `insert into area_governance (area_id, governance, governance_body, note)
       values ($1, $2, $3, nullif($4, ''))
       on conflict (area_id, governance, governance_body) do update set note = excluded.note`,
      [row.id, row.governance, row.governance_body, row.governance_note ?? ''],
    );
  }
}

async function loadOffenceGroups(owner: OwnerSession, rows: Record<string, string>[]) {
  for (const row of rows) {
    await owner.query(
      `insert into offence_groups (id, name, sort_order, crime_category, subgroups, in_total_recorded_crime)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (id) do update set name = excluded.name, sort_order = excluded.sort_order,
         crime_category = excluded.crime_category, subgroups = excluded.subgroups,
         in_total_recorded_crime = excluded.in_total_recorded_crime`,
      [
        row.id,
        row.name,
        Number(row.order),
        row.crime_category,
        (row.subgroups ?? '')
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean),
        row.in_total_recorded_crime_excluding_fraud === 'true',
      ],
    );
  }
}

async function loadBankHolidays(owner: OwnerSession, rows: Record<string, string>[]) {
  for (const row of rows) {
    await owner.query(
      `insert into bank_holidays (day, name) values ($1, $2)
       on conflict (day) do update set name = excluded.name`,
      [row.date, row.name],
    );
  }
}

/**
 * The shipped assessment questions: version 1 of each set, with no organisation. A service's
 * own additions are later versions with its organisation; the shipped set is never changed in
 * place, so old answers stay readable.
 */
async function loadAssessmentQuestions(owner: OwnerSession, rows: Record<string, string>[]) {
  const sets = JSON.parse(rows[0]!.json!) as Record<string, { id: string; type: string }[]>;
  for (const [kind, questions] of Object.entries(sets)) {
    await owner.query(
      `insert into assessment_question_sets (org_id, kind, version, questions)
       select null, $1, 1, $2::jsonb
       where not exists (select 1 from assessment_question_sets where org_id is null and kind = $1 and version = 1)`,
      [kind, JSON.stringify(questions.map((q) => ({ ...q, shipped: true })))],
    );
  }
}

/**
 * The default categories of need, as an editable default (see src/reference/README.md for how
 * sure we are of the list). Services copy them when they first record a measure.
 */
async function loadCategoriesOfNeed(owner: OwnerSession, rows: Record<string, string>[]) {
  for (const row of rows) {
    await owner.query(
      `insert into wellbeing_categories (org_id, key, label, sort_order, shipped)
       select null, $1, $2, $3, true
       where not exists (select 1 from wellbeing_categories where org_id is null and key = $1)`,
      [row.id, row.label, Number(row.order)],
    );
  }
}

/** The default satisfaction questionnaires for people harmed and people who harmed: version 1. */
async function loadQuestionnaire(owner: OwnerSession, rows: Record<string, string>[]) {
  const sets = JSON.parse(rows[0]!.json!) as Record<string, unknown[]>;
  for (const [audience, items] of Object.entries(sets)) {
    await owner.query(
      `insert into questionnaires (org_id, audience, version, items)
       select null, $1, 1, $2::jsonb
       where not exists (select 1 from questionnaires where org_id is null and audience = $1 and version = 1)`,
      [audience, JSON.stringify(items)],
    );
  }
}
