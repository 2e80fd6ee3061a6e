import { SUPPRESSED_MARKER } from '../../../domain/suppression.js';
import { oneOf } from '../../../domain/one-of.js';

// What the national map can be coloured by, and the bands each measure's values fall into.
// Bands are fixed per measure (not stretched to the data), so a colour means the same from one
// year to the next. Five shades of one blue for a number; the quality mark's three answers get
// three colours. An area without a value has no band: it is drawn hatched and says "No data".

/**
 * Each measure, in the order the map offers them, with the definition (src/domain/figures.ts)
 * of what it shows.
 */
export const MEASURE_FIGURE = {
  spend_share: 'rj_spend_share',
  quality_mark: 'quality_mark',
  agencies_covered: 'agencies_covered',
  victims_offered: 'victims_told_returns',
  victims_told_waymark: 'victims_told_waymark',
  referrals_per_100k: 'referrals_per_100k',
} as const;
export type MapMeasure = keyof typeof MEASURE_FIGURE;
export const MAP_MEASURES = Object.keys(MEASURE_FIGURE) as MapMeasure[];

export const isMapMeasure = oneOf(MAP_MEASURES);

export interface Band {
  /** Names the band in the legend: national.map.bands.<measure>.<key>. */
  key: string;
  fill: string;
  /** The colour of text on the band's fill (4.5:1 contrast or more). */
  ink: string;
}

const DARK = '#0b0c0c';
const LIGHT = '#ffffff';
const BLUES: [fill: string, ink: string][] = [
  ['#d2e2f1', DARK],
  ['#9cc3e6', DARK],
  ['#5694ca', DARK],
  ['#1d70b8', LIGHT],
  ['#003078', LIGHT],
];

/** Lower bounds of the second to fifth bands. */
const THRESHOLDS: Record<Exclude<MapMeasure, 'quality_mark'>, number[]> = {
  spend_share: [2.5, 5, 7.5, 10],
  agencies_covered: [4, 7, 10, 13],
  victims_offered: [2.5, 5, 7.5, 10],
  victims_told_waymark: [20, 40, 60, 80],
  referrals_per_100k: [10, 25, 50, 100],
};

/** A value hidden to protect small numbers: drawn apart from every band and from no data. */
export const HIDDEN_BAND: Band = { key: 'hidden', fill: '#505a5f', ink: '#ffffff' };

const QUALITY_BANDS: Band[] = [
  { key: 'awarded', fill: '#00703c', ink: LIGHT },
  { key: 'working_towards', fill: '#ffdd00', ink: DARK },
  { key: 'none', fill: '#f3d1cd', ink: DARK },
];

export function bandsOf(measure: MapMeasure): Band[] {
  if (measure === 'quality_mark') return QUALITY_BANDS;
  return BLUES.map(([fill, ink], index) => ({ key: `band${index}`, fill, ink }));
}

/** The lower and upper bound of each numeric band, for the legend's words. */
export function bandBounds(measure: Exclude<MapMeasure, 'quality_mark'>) {
  const limits = THRESHOLDS[measure];
  return [0, ...limits].map((from, index) => ({ from, to: limits[index] ?? null }));
}

/** The band a value falls in; null for no data. */
export function bandOf(measure: MapMeasure, value: number | string | null): Band | null {
  if (value === null) return null;
  if (value === SUPPRESSED_MARKER) return HIDDEN_BAND;
  const bands = bandsOf(measure);
  if (measure === 'quality_mark') return bands.find((band) => band.key === value) ?? null;
  if (typeof value !== 'number' || Number.isNaN(value)) return null;
  const index = THRESHOLDS[measure].filter((limit) => value >= limit).length;
  return bands[index]!;
}
