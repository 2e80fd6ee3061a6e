import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoDir } from './paths.js';
import {
  checkAdvisories,
  installedPackages,
  parseRange,
  satisfies,
  type Advisory,
  type AdvisoryFile,
} from './advisories.js';

const range = (text: string) => {
  const parsed = parseRange(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

const advisory = (extra: Partial<Advisory> = {}): Advisory => ({
  id: 'GHSA-test-0000-0000',
  package: 'left-pad',
  vulnerable: '<1.3.0',
  summary: 'pads the wrong side',
  recorded: '2026-12-01',
  ...extra,
});

const installed = [
  { name: 'left-pad', version: '1.2.9', path: 'node_modules/left-pad' },
  { name: '@scope/tool', version: '2.0.0-rc.1', path: 'node_modules/x/node_modules/@scope/tool' },
];

describe('version ranges', () => {
  it.each([
    ['1.2.9', '<1.3.0', true],
    ['1.3.0', '<1.3.0', false],
    ['5.3.1', '>=5.0.0 <5.3.2', true],
    ['4.29.0', '>=5.0.0 <5.3.2', false],
    ['2.0.4', '<1.2.3 || >=2.0.0 <2.0.5', true],
    ['1.5.0', '<1.2.3 || >=2.0.0 <2.0.5', false],
    ['2.0.0-rc.1', '<2.0.0', true],
    ['2.0.0', '=2.0.0', true],
    ['2.0.0', '2.0.0', true],
    ['10.0.0', '<9.0.0', false],
  ])('%s in %s: %s', (version, text, expected) => {
    expect(satisfies(version, range(text))).toBe(expected);
  });

  it('names what it cannot read', () => {
    expect(parseRange('<1.x')).toMatch(/"<1.x" in range "<1.x" is not a comparator/);
    expect(parseRange('<1.0.0 ||')).toMatch(/empty part/);
  });
});

describe('checking installed packages against recorded advisories', () => {
  const file = (extra: Partial<AdvisoryFile> = {}): AdvisoryFile => ({
    advisories: [advisory()],
    exceptions: [],
    ...extra,
  });

  it('fails on an affected version, naming the copy, the advisory and the range', () => {
    expect(checkAdvisories(file(), installed, '2026-12-06')).toEqual([
      'left-pad@1.2.9 (node_modules/left-pad) is affected by GHSA-test-0000-0000: pads the wrong side (affected: <1.3.0)',
    ]);
  });

  it('finds a scoped package installed inside another', () => {
    const scoped = advisory({ package: '@scope/tool', vulnerable: '<2.0.0' });
    expect(checkAdvisories(file({ advisories: [scoped] }), installed, '2026-12-06')).toHaveLength(
      1,
    );
  });

  it('passes an exception with a reason until its review date, then fails it', () => {
    const exceptions = [
      {
        id: 'GHSA-test-0000-0000',
        package: 'left-pad',
        reason: 'only used by a test tool',
        reviewBy: '2027-01-31',
      },
    ];
    expect(checkAdvisories(file({ exceptions }), installed, '2027-01-31')).toEqual([]);
    expect(checkAdvisories(file({ exceptions }), installed, '2027-02-01')).toEqual([
      'exception for GHSA-test-0000-0000 left-pad: its review was due on 2027-01-31; review it (only used by a test tool)',
      'left-pad@1.2.9 (node_modules/left-pad) is affected by GHSA-test-0000-0000: pads the wrong side (affected: <1.3.0)',
    ]);
  });

  it('refuses an exception without a reason or a date, or for no recorded advisory', () => {
    const base = { id: 'GHSA-test-0000-0000', package: 'left-pad' };
    const problems = (exception: object) =>
      checkAdvisories(
        file({ exceptions: [exception as AdvisoryFile['exceptions'][number]] }),
        [],
        '2026-12-06',
      );
    expect(problems({ ...base, reason: ' ', reviewBy: '2027-01-01' })).toEqual([
      'exception for GHSA-test-0000-0000 left-pad: it needs a reason',
    ]);
    expect(problems({ ...base, reason: 'x', reviewBy: 'soon' })).toEqual([
      'exception for GHSA-test-0000-0000 left-pad: reviewBy must be a date as YYYY-MM-DD',
    ]);
    expect(
      problems({ ...base, package: 'right-pad', reason: 'x', reviewBy: '2027-01-01' }),
    ).toEqual([
      'exception for GHSA-test-0000-0000 right-pad: no advisory recorded with that id and package',
    ]);
  });

  it('reads the repository lock file, and fails it when an installed dependency is recorded as affected', () => {
    const lock = JSON.parse(readFileSync(path.join(repoDir, 'package-lock.json'), 'utf8'));
    const packages = installedPackages(lock);
    const fastify = packages.find((p) => p.path === 'node_modules/fastify')!;
    expect(packages.length).toBeGreaterThan(100);
    const recorded = JSON.parse(
      readFileSync(path.join(repoDir, 'security/advisories.json'), 'utf8'),
    ) as AdvisoryFile;
    expect(checkAdvisories(recorded, packages, '2026-12-06')).toEqual([]);
    const planted = advisory({ package: 'fastify', vulnerable: `<=${fastify.version}` });
    expect(checkAdvisories({ ...recorded, advisories: [planted] }, packages, '2026-12-06')).toEqual(
      [expect.stringContaining(`fastify@${fastify.version} (node_modules/fastify) is affected`)],
    );
  });
});
