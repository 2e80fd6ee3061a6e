// The shape most case use cases share, written once: the input parsed first (every field error
// before anything is read or authorised), a day that cannot be later than today refused, then
// the change made through the kernel, with the case version the form carried back when the
// change is to something that already exists.
import type { z } from 'zod';
import type { Tx } from '../../../db/actor-context.js';
import type { Actor } from '../../../domain/roles.js';
import { refuseFutureDate } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import type { CaseRow } from './case-row.js';
import type { CaseDeps } from './deps.js';
import { expectedVersion, type CaseChange, type ChangeCaseOptions } from './kernel.js';

/** The change, as the kernel takes it; `versioned` for a change of something that exists. */
export interface FormChangeOptions extends Omit<ChangeCaseOptions, 'expectedVersion'> {
  /**
   * Refused if the case changed since the form was built (the `version` the form carries back;
   * see ChangeCaseOptions.expectedVersion). Left out for adding something new.
   */
  versioned?: boolean;
}

/** What the form (or the API) sent, and what it must be. */
export interface SentForm<S extends z.ZodType> {
  input: unknown;
  schema: S;
  /** The date field that may not be later than today (in London). */
  notInFuture?: keyof z.output<S> & string;
}

export function changeFromForm<S extends z.ZodType, T = void>(
  { kernel, clock }: Pick<CaseDeps, 'kernel' | 'clock'>,
  { versioned, ...change }: FormChangeOptions,
  { input, schema, notInFuture }: SentForm<S>,
  work: (data: z.output<S>, tx: Tx, row: CaseRow) => Promise<CaseChange<T>>,
): Promise<T> {
  const data = parseInput(schema, input);
  if (notInFuture)
    refuseFutureDate(data[notInFuture] as string | undefined, londonDate(clock.now()), notInFuture);
  return kernel.changeCase(
    versioned ? { ...change, expectedVersion: expectedVersion(input) } : change,
    (tx, row) => work(data, tx, row),
  );
}

/** What a form change's work is given. */
export interface FormChangeAt<S extends z.ZodType> {
  deps: CaseDeps;
  actor: Actor;
  caseId: string;
  /** What was sent, parsed (`data`) and as sent (`input`). */
  data: z.output<S>;
  input: unknown;
  tx: Tx;
  row: CaseRow;
}

/**
 * A whole use case of that shape, declared: `formChange(change, form, work)` is the use case
 * `(deps) => (actor, caseId, ...ids, input)`, where `ids` are the work's own parameters after
 * the first (the record the change is about: `itemId`, `letterId`...).
 */
export function formChange<S extends z.ZodType, Ids extends string[], T = void>(
  change: Omit<FormChangeOptions, 'actor' | 'caseId'>,
  form: Omit<SentForm<S>, 'input'>,
  work: (at: FormChangeAt<S>, ...ids: Ids) => Promise<CaseChange<T>>,
) {
  return (deps: CaseDeps) =>
    (actor: Actor, caseId: string, ...idsAndInput: [...ids: Ids, input: unknown]): Promise<T> => {
      const ids = idsAndInput.slice(0, -1) as Ids;
      const input = idsAndInput.at(-1);
      return changeFromForm(
        deps,
        { ...change, actor, caseId },
        { ...form, input },
        (data, tx, row) => work({ deps, actor, caseId, data, input, tx, row }, ...ids),
      );
    };
}
