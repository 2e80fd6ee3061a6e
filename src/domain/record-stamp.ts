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
