// The offline dependency check (`scripts/check-advisories.ts`, run by `npm run lint` and
// `npm test`): security advisories recorded in the repository (security/advisories.json), each a
// package and the versions it affects, checked against every package installed by
// package-lock.json. It needs no network, so it runs in CI whatever the advisory service's
// reachability; `npm audit` (see README) is how new advisories are found and recorded here.
//
// An installed version an advisory affects fails the check, unless an exception names that
// advisory and package with a reason and a review date that has not passed. An exception past
// its review date fails too, so every exception is looked at again.

export interface Advisory {
  id: string;
  package: string;
  /** The affected versions, as a semver range: "<5.7.2", ">=5.0.0 <5.3.2", "<1.2.3 || >=2.0.0 <2.0.5". */
  vulnerable: string;
  summary: string;
  recorded: string;
}

export interface AdvisoryException {
  id: string;
  package: string;
  reason: string;
  /** YYYY-MM-DD: after this day the exception fails the check until reviewed. */
  reviewBy: string;
}

export interface AdvisoryFile {
  advisories: Advisory[];
  exceptions: AdvisoryException[];
}

export interface InstalledPackage {
  name: string;
  version: string;
  /** Where it is installed (the lock file's key), to say which copy. */
  path: string;
}

type Version = [number, number, number, string];

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const COMPARATOR = /^(<=|>=|<|>|=)?(.+)$/;

export function parseVersion(text: string): Version | undefined {
  const match = VERSION.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3]), match[4] ?? ''] : undefined;
}

/** Negative, zero or positive; a pre-release comes before its release (5.0.0-rc.1 < 5.0.0). */
export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  if (a[3] === b[3]) return 0;
  if (a[3] === '') return 1;
  if (b[3] === '') return -1;
  return a[3] < b[3] ? -1 : 1;
}

type Comparator = { op: string; version: Version };

/** A range's alternatives, each a list of comparators all of which must hold; or an error. */
export function parseRange(range: string): Comparator[][] | string {
  const sets = range.split('||').map((set) => set.trim());
  const parsed: Comparator[][] = [];
  for (const set of sets) {
    if (set === '') return `empty part in range "${range}"`;
    const comparators: Comparator[] = [];
    for (const part of set.split(/\s+/)) {
      const [, op = '=', text = ''] = COMPARATOR.exec(part) ?? [];
      const version = parseVersion(text);
      if (!version) return `"${part}" in range "${range}" is not a comparator and a version`;
      comparators.push({ op, version });
    }
    parsed.push(comparators);
  }
  return parsed;
}

function holds({ op, version }: Comparator, candidate: Version): boolean {
  const c = compareVersions(candidate, version);
  if (op === '<') return c < 0;
  if (op === '<=') return c <= 0;
  if (op === '>') return c > 0;
  if (op === '>=') return c >= 0;
  return c === 0;
}

export function satisfies(versionText: string, range: Comparator[][]): boolean {
  const version = parseVersion(versionText);
  if (!version) return false;
  return range.some((set) => set.every((comparator) => holds(comparator, version)));
}

/** Every installed package in an npm lock file (version 2 or 3), with where it is installed. */
export function installedPackages(lock: unknown): InstalledPackage[] {
  const packages = (lock as { packages?: Record<string, { version?: string; link?: boolean }> })
    .packages;
  if (!packages) throw new Error('package-lock.json has no "packages" (lockfileVersion 2 or 3)');
  return Object.entries(packages).flatMap(([where, entry]) => {
    const at = where.lastIndexOf('node_modules/');
    if (at < 0 || entry.link || !entry.version) return [];
    return [
      { name: where.slice(at + 'node_modules/'.length), version: entry.version, path: where },
    ];
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Each problem as one line; none means the check passes. `today` is YYYY-MM-DD. */
export function checkAdvisories(
  file: AdvisoryFile,
  installed: readonly InstalledPackage[],
  today: string,
): string[] {
  const problems: string[] = [];
  const known = new Set(file.advisories.map((a) => `${a.id} ${a.package}`));
  const excepted = new Map<string, AdvisoryException>();
  for (const exception of file.exceptions) {
    const key = `${exception.id} ${exception.package}`;
    if (!known.has(key))
      problems.push(`exception for ${key}: no advisory recorded with that id and package`);
    else if (!exception.reason?.trim()) problems.push(`exception for ${key}: it needs a reason`);
    else if (!ISO_DATE.test(exception.reviewBy ?? ''))
      problems.push(`exception for ${key}: reviewBy must be a date as YYYY-MM-DD`);
    else if (exception.reviewBy < today)
      problems.push(
        `exception for ${key}: its review was due on ${exception.reviewBy}; review it (${exception.reason})`,
      );
    else excepted.set(key, exception);
  }
  for (const advisory of file.advisories) {
    const range = parseRange(advisory.vulnerable ?? '');
    if (typeof range === 'string') {
      problems.push(`advisory ${advisory.id} (${advisory.package}): ${range}`);
      continue;
    }
    if (excepted.has(`${advisory.id} ${advisory.package}`)) continue;
    for (const copy of installed)
      if (copy.name === advisory.package && satisfies(copy.version, range))
        problems.push(
          `${copy.name}@${copy.version} (${copy.path}) is affected by ${advisory.id}: ${advisory.summary} (affected: ${advisory.vulnerable})`,
        );
  }
  return problems;
}
