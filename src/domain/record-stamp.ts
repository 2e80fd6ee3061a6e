// A conflict is about the record being edited, not the whole case: a form carries a stamp of
// the record as it was shown, and a save is refused only when that record changed since
// (a co-worker's note elsewhere in the case does not block it). The stamp is a short hash of
// the record's editable fields; equal fields, equal stamp.

function canonical(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  return String(value);
}

/** FNV-1a over the fields' values in order: stable, pure, and only ever compared. */
export function recordStamp(record: Record<string, unknown>, fields: readonly string[]): string {
  let hash = 0x811c9dc5;
  const text = fields.map((f) => `${f}=${canonical(record[f])}`).join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** Whether a save made from a form stamped `given` must stop: the record changed since. */
export function recordChangedSince(
  current: Record<string, unknown>,
  fields: readonly string[],
  given: string | undefined,
): boolean {
  return given !== undefined && given !== '' && given !== recordStamp(current, fields);
}

/** The fields where what is saved now differs from what the user typed. */
export function differingFields(
  saved: Record<string, unknown>,
  typed: Record<string, unknown>,
  fields: readonly string[],
): string[] {
  return fields.filter((f) => canonical(saved[f]) !== canonical(typed[f]));
}

/** What a form refused because its record changed is shown with again (mergeChanges). */
export interface MergedChanges {
  /** What was typed, with the other person's change wherever only they changed a field. */
  values: Record<string, unknown>;
  /** The fields the other person changed since the form was shown. */
  theirs: string[];
  /** Of those, the fields this user changed too, differently: `values` keeps what was typed. */
  bothChanged: string[];
}

/**
 * A three-way merge of a record two people changed at once: `shown` is the record as this
 * user's form showed it, `typed` what they sent, `saved` the record now. A field only the other
 * person changed takes their change, so saving the form again does not quietly undo it (a new
 * safe phone number, say); a field only this user changed keeps what they typed; a field both
 * changed keeps what was typed and is named, for the user to choose. Without `shown` (a form
 * that did not carry it) nobody can tell who changed what: every differing field is named and
 * what was typed is kept.
 */
export function mergeChanges(
  record: {
    shown: Record<string, unknown> | undefined;
    typed: Record<string, unknown>;
    saved: Record<string, unknown>;
  },
  fields: readonly string[],
): MergedChanges {
  const { shown, typed, saved } = record;
  const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
  if (!shown) {
    const differing = differingFields(saved, typed, fields);
    return { values: { ...typed }, theirs: differing, bothChanged: differing };
  }
  const values = { ...typed };
  const theirs = fields.filter((f) => !same(saved[f], shown[f]));
  const bothChanged = theirs.filter((f) => !same(typed[f], shown[f]) && !same(typed[f], saved[f]));
  for (const f of theirs) if (!bothChanged.includes(f)) values[f] = saved[f];
  return { values, theirs, bothChanged };
}
