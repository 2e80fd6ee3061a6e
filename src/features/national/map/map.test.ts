import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bandBounds, bandOf, bandsOf, MAP_MEASURES } from './measures.js';
import { mapSize, tilePosition, TILES } from './tiles.js';

const areaIds = readFileSync(
  new URL('../../../reference/police-force-areas.csv', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[0]!);

describe('the tile map', () => {
  it('has one tile for each of the 43 areas, no two in one place', () => {
    expect(areaIds).toHaveLength(43);
    expect(Object.keys(TILES).sort()).toEqual([...areaIds].sort());
    const places = Object.values(TILES).map((t) => `${t.col},${t.row}`);
    expect(new Set(places).size).toBe(43);
    expect(new Set(Object.values(TILES).map((t) => t.abbr)).size).toBe(43);
  });

  it('keeps every tile inside the map', () => {
    const { width, height } = mapSize();
    for (const tile of Object.values(TILES)) {
      const { x, y } = tilePosition(tile);
      expect(x + 60).toBeLessThanOrEqual(width);
      expect(y + 60).toBeLessThanOrEqual(height);
    }
  });

  it('puts the four Welsh areas west of the English areas beside them', () => {
    for (const id of ['north-wales', 'dyfed-powys', 'south-wales', 'gwent'])
      expect(TILES[id]!.col).toBeLessThanOrEqual(2);
  });
});

describe('the bands of a measure', () => {
  it('put a value at a threshold in the band above, and no value in none', () => {
    expect(bandOf('spend_share', 0)!.key).toBe('band0');
    expect(bandOf('spend_share', 2.49)!.key).toBe('band0');
    expect(bandOf('spend_share', 2.5)!.key).toBe('band1');
    expect(bandOf('victims_offered', 7.5)!.key).toBe('band3');
    expect(bandOf('agencies_covered', 14)!.key).toBe('band4');
    expect(bandOf('spend_share', null)).toBeNull();
  });

  it('show zero as a value, not as no data', () => {
    expect(bandOf('referrals_per_100k', 0)).not.toBeNull();
  });

  it('give each quality mark answer its own colour', () => {
    expect(bandOf('quality_mark', 'awarded')!.fill).not.toBe(bandOf('quality_mark', 'none')!.fill);
    expect(bandOf('quality_mark', 'unknown')).toBeNull();
  });

  it('describe five numeric bands, from zero, the last open-ended', () => {
    expect(bandBounds('spend_share')).toEqual([
      { from: 0, to: 2.5 },
      { from: 2.5, to: 5 },
      { from: 5, to: 7.5 },
      { from: 7.5, to: 10 },
      { from: 10, to: null },
    ]);
    for (const measure of MAP_MEASURES) expect(bandsOf(measure).length).toBeGreaterThan(2);
  });
});
