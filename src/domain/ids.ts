const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value from a URL or a file can be a row id (anything else cannot match a row). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
