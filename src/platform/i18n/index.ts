// Every user-facing string goes through t(). English is the only catalogue today; Welsh will
// sit beside it as cy.json with the same keys (see docs/adr/0005-one-translation-function.md).
import en from './en.json' with { type: 'json' };

export const LOCALES = ['en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

type Catalogue = { [key: string]: string | Catalogue };
const catalogues: Record<Locale, Catalogue> = { en };

export function lookup(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function hasKey(key: string, locale: Locale = 'en'): boolean {
  return lookup(catalogues[locale], key) !== undefined;
}

export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * A translator for one locale. A missing key is a programming error: it shows as the key
 * itself (so the page still renders) and the unit test over every key used catches it.
 */
export function translator(locale: Locale = 'en'): Translate {
  const catalogue = catalogues[locale];
  return (key, params) => {
    const template = lookup(catalogue, key);
    return template === undefined ? key : interpolate(template, params);
  };
}

/** Every key in a catalogue, for the completeness tests. */
export function allKeys(locale: Locale = 'en'): string[] {
  const keys: string[] = [];
  const walk = (node: Catalogue, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${name}` : name;
      if (typeof value === 'string') keys.push(key);
      else walk(value, key);
    }
  };
  walk(catalogues[locale], '');
  return keys;
}
