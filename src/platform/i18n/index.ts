// Every user-facing string goes through t(). Each catalogue is split by feature: the platform's
// strings in src/platform/i18n/en.json, and each feature's in an en.json anywhere under src/features, merged
// at start-up (a key defined twice is an error). Welsh will sit beside as cy.json files with the
// same keys (see docs/adr/0005-one-translation-function.md).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOCALES = ['en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

type Catalogue = { [key: string]: string | Catalogue };

const here = path.dirname(fileURLToPath(import.meta.url));
const featuresDir = path.resolve(here, '..', '..', 'features');

function merge(into: Catalogue, from: Catalogue, file: string, prefix = ''): void {
  for (const [name, value] of Object.entries(from)) {
    const key = prefix ? `${prefix}.${name}` : name;
    const existing = into[name];
    if (typeof value === 'string') {
      if (existing !== undefined)
        throw new Error(`Translation key ${key} is defined twice (again in ${file})`);
      into[name] = value;
    } else {
      if (typeof existing === 'string')
        throw new Error(`Translation key ${key} is defined twice (again in ${file})`);
      const child: Catalogue = existing ?? {};
      into[name] = child;
      merge(child, value, file, key);
    }
  }
}

/** Every <locale>.json under the features folder, at any depth, in a stable order. */
function catalogueFiles(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return catalogueFiles(full, name);
      return entry.name === name ? [full] : [];
    });
}

function loadCatalogue(locale: Locale): Catalogue {
  const catalogue: Catalogue = {};
  const files = [
    path.join(here, `${locale}.json`),
    ...catalogueFiles(featuresDir, `${locale}.json`),
  ];
  for (const file of files)
    merge(catalogue, JSON.parse(readFileSync(file, 'utf8')) as Catalogue, file);
  return catalogue;
}

const catalogues: Record<Locale, Catalogue> = { en: loadCatalogue('en') };

function node(catalogue: Catalogue, key: string): string | Catalogue | undefined {
  let found: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (found === undefined || typeof found === 'string') return undefined;
    found = found[part];
  }
  return found;
}

/** A message whose wording depends on a number: { "one": "1 person", "other": "{count} people" }. */
const isPlural = (found: string | Catalogue | undefined): found is Catalogue =>
  typeof found === 'object' && typeof found.other === 'string';

export function lookup(catalogue: Catalogue, key: string): string | undefined {
  const found = node(catalogue, key);
  return typeof found === 'string' ? found : undefined;
}

export function hasKey(key: string, locale: Locale = 'en'): boolean {
  const found = node(catalogues[locale], key);
  return typeof found === 'string' || isPlural(found);
}

// Made once a locale: making the rules costs far more than using them.
const pluralRulesByLocale = new Map<Locale, Intl.PluralRules>();

function pluralRules(locale: Locale): Intl.PluralRules {
  let rules = pluralRulesByLocale.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(`${locale}-GB`);
    pluralRulesByLocale.set(locale, rules);
  }
  return rules;
}

/**
 * The form of a plural message for params.count, by the locale's plural rules (English has
 * "one" and "other"; Welsh has six), falling back to "other". The count may come already
 * formatted for display ("1,250").
 */
function pluralForm(forms: Catalogue, locale: Locale, params: Params = {}): string {
  const count = Number(String(params.count).replaceAll(',', ''));
  const category = Number.isFinite(count) ? pluralRules(locale).select(count) : 'other';
  const form = forms[category] ?? forms.other;
  return typeof form === 'string' ? form : '';
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
    const found = node(catalogue, key);
    if (typeof found === 'string') return interpolate(found, params);
    if (isPlural(found)) return interpolate(pluralForm(found, locale, params), params);
    return key;
  };
}
