/**
 * A type guard for the codes of one of the domain's fixed lists (`[...] as const`): whether a
 * value from a form, a file or a URL is one of them.
 */
export function oneOf<T extends string>(codes: readonly T[]) {
  return (value: unknown): value is T =>
    typeof value === 'string' && (codes as readonly string[]).includes(value);
}
