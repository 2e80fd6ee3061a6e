// Reference data shipped with Waymark (src/reference/*.csv), loaded after the schema
// migrations on every migrate. Loading is an upsert, so it is safe to repeat and picks up
// corrections to the files.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { OwnerSession } from './connect.js';

const referenceDir = fileURLToPath(new URL('../reference/', import.meta.url));

export async function readReferenceCsv(file: string): Promise<Record<string, string>[]> {
  const text = await readFile(`${referenceDir}${file}`, 'utf8');
  return parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
}

export async function loadReferenceData(owner: OwnerSession): Promise<void> {
  await loadAreas(owner);
}

async function loadAreas(owner: OwnerSession): Promise<void> {
  const rows = await readReferenceCsv('police-force-areas.csv');
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
