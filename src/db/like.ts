// A search typed by a person, matched with LIKE: its wildcards (% and _) and the escape
// character are taken literally.
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
