// Generated referral CSVs for the import benchmark and the import tests: every row valid and
// distinct (its own crime reference), the values varied as a partner agency's export would be.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { CJS_STAGES, INITIATORS } from '../src/domain/referrals.js';

export const CSV_COLUMNS = [
  'source_org',
  'initiated_by',
  'received_on',
  'crime_reference',
  'offence_group',
  'offence_date',
  'cjs_stage',
  'sv_da',
  'victim_forename',
  'victim_surname',
  'victim_dob',
  'victim_phone',
  'victim_email',
  'victim_postcode',
  'offender_forename',
  'offender_surname',
  'offender_dob',
  'offender_establishment',
  'notes',
] as const;

const OFFENCES = [
  'violence-against-the-person',
  'robbery',
  'theft-offences',
  'criminal-damage-and-arson',
  'public-order-offences',
];
const FORENAMES = ['Siân', 'Amira', 'Jordan', 'Zoë', 'Priya', 'Gethin', 'Tomasz', 'Ngozi'];
const SURNAMES = ['Pryce-Jônes', 'Khan', 'Bell', "O'Brien", 'Shah', 'Llŷr', 'Nowak', 'Okafor'];
const POSTCODES = ['BS1 4ST', 'CF10 1AA', 'SA1 1AA', 'GL1 2AB'];

const pad = (n: number) => String(n).padStart(2, '0');

/** The values of row i (0-based) as CSV-ready strings. */
export function referralRow(i: number, sources: readonly string[]): string[] {
  const day = pad((i % 28) + 1);
  const month = pad((i % 9) + 1);
  const pick = <T>(list: readonly T[], salt = 0) => list[(i + salt) % list.length]!;
  const initiator = pick(INITIATORS);
  const stage = pick(
    CJS_STAGES.filter((stage) => stage !== 'not_reported'),
    2,
  );
  // A referral order is made by a youth court: the person who harmed was under 18 at the offence.
  const bornIn = stage === 'referral_order' ? 2010 : 1970 + (i % 30);
  return [
    pick(sources),
    initiator,
    i % 2 === 0 ? `2026-${month}-${day}` : `${day}/${month}/2026`,
    `CR-${String(i).padStart(7, '0')}`,
    pick(OFFENCES, 1),
    `2025-${month}-${day}`,
    stage,
    i % 7 === 0 ? 'yes' : 'no',
    pick(FORENAMES),
    pick(SURNAMES, 3),
    `19${60 + (i % 40)}-${month}-${day}`,
    `07700 9${String(i % 100000).padStart(5, '0')}`,
    `person${i}@example.org`,
    pick(POSTCODES),
    pick(FORENAMES, 5),
    pick(SURNAMES, 6),
    i % 3 === 0 ? `${bornIn}-${month}-${day}` : '',
    initiator === 'offender' ? 'HMP Severnside' : '',
    i % 5 === 0
      ? 'Prefers contact by text, after 6pm.\nSay "Waymark" when calling.'
      : 'Referred after a first account',
  ].map((value) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value));
}

/** Row `from` up to (not including) `to`, as CSV text (with the header when from is 0). */
export function referralCsvText(from: number, to: number, sources: readonly string[]): string {
  const lines = from === 0 ? [CSV_COLUMNS.join(',')] : [];
  for (let i = from; i < to; i++) lines.push(referralRow(i, sources).join(','));
  return `${lines.join('\n')}\n`;
}

/** Writes a CSV of `rows` referrals to a file, in slices, so it is never built in memory. */
export async function writeReferralCsv(
  file: string,
  rows: number,
  sources: readonly string[],
): Promise<number> {
  const out = createWriteStream(file);
  for (let from = 0; from < rows; from += 1000) {
    if (!out.write(referralCsvText(from, Math.min(rows, from + 1000), sources)))
      await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return out.bytesWritten;
}
