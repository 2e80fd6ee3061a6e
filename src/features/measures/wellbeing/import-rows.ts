// One row of a wellbeing import, checked: its case (by reference), its participant (harmed,
// harmer or an id), and its measure, through the same checks as the web form and the API.
import { type Tx } from '../../../db/actor-context.js';
import { isIsoDate } from '../../../domain/calendar-dates.js';
import { isUuid } from '../../../domain/ids.js';
import { MEASURE_KINDS, type TakenMeasure } from '../../../domain/measures.js';
import { isAppError, type FieldError } from '../../../platform/errors.js';
import {
  checkColumns,
  isoFromUkDate,
  type CsvHeader,
  type RowProblem,
} from '../../imports/index.js';
import { requireCanWorkWith } from '../../cases/index.js';
import { isActive, type Category } from './categories.js';
import { checkMeasure, measuresTaken, numericScores, type CheckedMeasure } from './record.js';

const R = 'measures.wellbeing.import.reasons';

export const IMPORT_COLUMNS = [
  'case_reference',
  'participant',
  'kind',
  'taken_on',
  'notes',
] as const;
const REQUIRED_COLUMNS = ['case_reference', 'participant', 'kind', 'taken_on'];

export function readWellbeingHeader(cells: string[], categories: readonly Category[]): CsvHeader {
  const known = new Set<string>([...IMPORT_COLUMNS, ...categories.map((c) => c.key)]);
  const names = checkColumns(cells, {
    known: (name) => known.has(name),
    required: [...REQUIRED_COLUMNS, ...categories.filter(isActive).map((c) => c.key)],
  });
  // rowFields (the referral import's) splits a row by this header; our names stand in for its field names.
  return { cells, fields: names.map((n) => (known.has(n) ? n : null)) as CsvHeader['fields'] };
}

/** A check's field errors as reasons a file can act on ("kind: Enter one of …"). */
function rowProblems(errors: readonly FieldError[], fields: Record<string, string>): RowProblem[] {
  return errors.map((error) => {
    const column = error.field.startsWith('scores.')
      ? error.field.slice('scores.'.length)
      : error.field;
    const value = (fields[column] ?? '').trim();
    const shown = value.length > 40 ? `${value.slice(0, 39)}…` : value;
    const reword: Record<string, RowProblem> = {
      'measures.wellbeing.errors.scoreRequired': { key: 'imports.reasons.required' },
      'measures.wellbeing.errors.score': { key: `${R}.score`, params: { value: shown } },
      'measures.wellbeing.errors.dateRequired': { key: 'imports.reasons.required' },
      'measures.wellbeing.errors.dateInvalid': {
        key: 'imports.reasons.date',
        params: { value: shown },
      },
      'measures.wellbeing.errors.kind': {
        key: 'imports.reasons.notOneOf',
        params: { value: shown, values: MEASURE_KINDS.join(', ') },
      },
    };
    return { field: column, ...(reword[error.key] ?? { key: error.key, params: error.params }) };
  });
}

interface CaseFound {
  id: string;
  orgId: string;
  participants: {
    id: string;
    display_name: string;
    role: string;
    organisation_name: string | null;
    consent_status: string;
  }[];
}

export async function lookUp(tx: Tx, orgId: string, references: string[]) {
  const cases = references.length
    ? await tx
        .selectFrom('cases')
        .select(['id', 'reference', 'org_id'])
        .where('org_id', '=', orgId)
        .where('reference', 'in', references)
        .execute()
    : [];
  const participants = cases.length
    ? await tx
        .selectFrom('case_participants')
        .select(['id', 'case_id', 'display_name', 'role', 'organisation_name', 'consent_status'])
        .where(
          'case_id',
          'in',
          cases.map((c) => c.id),
        )
        .execute()
    : [];
  const byReference = new Map<string, CaseFound>();
  for (const c of cases)
    byReference.set(c.reference.toUpperCase(), {
      id: c.id,
      orgId: c.org_id,
      participants: participants.filter((p) => p.case_id === c.id),
    });
  const taken = await measuresTaken(
    tx,
    participants.map((p) => p.id),
  );
  return { byReference, taken };
}

/** The participant a row names: harmed, harmer (when the case has one), or an id. */
function participantIn(
  found: CaseFound,
  named: string,
): CaseFound['participants'][number] | RowProblem {
  const value = named.trim();
  const role = value.toLowerCase();
  if (role === 'harmed' || role === 'harmer') {
    const matches = found.participants.filter((p) => p.role === role);
    if (matches.length === 1) return matches[0]!;
    return {
      field: 'participant',
      key: matches.length ? `${R}.roleMany` : `${R}.roleNone`,
      params: { role },
    };
  }
  const match = isUuid(value) ? found.participants.find((p) => p.id === value) : undefined;
  return (
    match ?? {
      field: 'participant',
      key: `${R}.participantUnknown`,
      params: { value: value.slice(0, 40) },
    }
  );
}

type Person = CaseFound['participants'][number];

type RowCheck =
  | { outcome: 'duplicate' }
  | { outcome: 'reject'; problems: RowProblem[] }
  | { outcome: 'import'; found: CaseFound; person: Person; measure: CheckedMeasure };

/** One row's values, checked like the web form's, with reasons a file can act on. */
export function checkRow(
  fields: Record<string, string>,
  context: {
    byReference: Map<string, CaseFound>;
    categories: readonly Category[];
    today: string;
    taken: (participantId: string) => TakenMeasure[];
  },
): RowCheck {
  const given = (column: string) => (fields[column] ?? '').trim();
  const problems: RowProblem[] = REQUIRED_COLUMNS.filter((c) => !given(c)).map((field) => ({
    field,
    key: 'imports.reasons.required',
  }));
  const found = given('case_reference')
    ? context.byReference.get(given('case_reference').toUpperCase())
    : undefined;
  if (given('case_reference') && !found)
    problems.push({
      field: 'case_reference',
      key: `${R}.caseUnknown`,
      params: { value: given('case_reference').slice(0, 40) },
    });
  const named =
    found && given('participant') ? participantIn(found, given('participant')) : undefined;
  if (named && 'key' in named) problems.push(named);
  const person = named && !('key' in named) ? named : undefined;
  if (person?.organisation_name)
    problems.push({
      field: 'participant',
      key: 'measures.wellbeing.errors.organisation',
      params: { name: person.display_name },
    });
  else if (person) {
    try {
      requireCanWorkWith(person);
    } catch (error) {
      if (!isAppError(error)) throw error;
      problems.push({ field: 'participant', key: error.messageKey, params: error.params });
    }
  }
  // follow-up as well as follow_up; a real date in either form goes on as YYYY-MM-DD, anything
  // else as written, to be refused.
  const kind = given('kind').toLowerCase().replace('-', '_');
  const takenOn = isoFromUkDate(given('taken_on'));
  const check = checkMeasure(
    {
      kind: kind || undefined,
      taken_on: isIsoDate(takenOn) ? takenOn : given('taken_on'),
      scores: numericScores(
        Object.fromEntries(
          context.categories
            .filter((c) => Object.hasOwn(fields, c.key))
            .map((c) => [c.key, fields[c.key]]),
        ),
      ),
      notes: fields.notes,
    },
    {
      categories: context.categories,
      today: context.today,
      taken: person ? context.taken(person.id) : [],
    },
  );
  if (check.ok && problems.length === 0 && found && person)
    return { outcome: 'import', found, person, measure: check.measure };
  // A column already found missing or unknown is not reported twice.
  const errors = check.ok
    ? []
    : check.errors.filter((e) => !problems.some((p) => p.field === e.field));
  if (!check.ok && check.duplicate && problems.length === 0 && errors.length === 1)
    return { outcome: 'duplicate' };
  return { outcome: 'reject', problems: [...problems, ...rowProblems(errors, fields)] };
}
