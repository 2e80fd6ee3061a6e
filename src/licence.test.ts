// The LICENSE file is the licence package.json names, and the reference data names the police
// force areas as they are called now.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('what the checkout says about itself', () => {
  it('has a LICENSE of the licence package.json names', () => {
    const { license } = JSON.parse(read('../package.json')) as { license: string };
    expect(license).toBe('MIT');
    expect(read('../LICENSE')).toMatch(/^MIT License\n/);
  });

  it('calls the Hampshire area by its name since 2022', () => {
    const hampshire = read('./reference/police-force-areas.csv')
      .split('\n')
      .find((line) => line.startsWith('hampshire,'));
    expect(hampshire).toContain(',Hampshire and Isle of Wight,');
  });
});
