// The national map for a measure: each area's tile (position, colour, the words a screen reader
// says), the legend, and the table of the same values. The tiles and the table are built from
// one list, so they cannot disagree.
import { formatNumber } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { HIDDEN, type AreaFigures, type YearFigures } from '../figures.js';
import { bandBounds, bandOf, bandsOf, HIDDEN_BAND, type MapMeasure } from './measures.js';
import { mapSize, placedTile } from './tiles.js';

const M = 'national.map';

/** An area's value for a measure: a number, a category, or null for no data. */
export function valueOf(measure: MapMeasure, area: AreaFigures): number | string | null {
  switch (measure) {
    case 'spend_share':
      return area.spendShare;
    case 'quality_mark':
      return area.qualityMark;
    case 'agencies_covered':
      return area.agenciesCovered;
    case 'victims_offered':
      return area.victimsOffered?.percent ?? null;
    case 'victims_told_waymark':
      return area.victimsToldWaymark?.percent ?? null;
    case 'referrals_per_100k':
      return area.referralsPer100k;
  }
}

/** A value as the tile and the table write it. */
export function valueText(t: Translate, measure: MapMeasure, value: number | string | null) {
  if (value === null) return t(`${M}.noData`);
  if (value === HIDDEN) return HIDDEN;
  if (typeof value === 'string') return t(`${M}.bands.quality_mark.${value}`);
  if (measure === 'agencies_covered') return formatNumber(value);
  const text = formatNumber(value, 1);
  return measure === 'referrals_per_100k' ? text : `${text}%`;
}

function legend(t: Translate, measure: MapMeasure) {
  if (measure === 'quality_mark')
    return bandsOf(measure).map((band) => ({
      ...band,
      text: t(`${M}.bands.quality_mark.${band.key}`),
    }));
  const unit = (n: number) =>
    measure === 'agencies_covered' || measure === 'referrals_per_100k' ? formatNumber(n) : `${n}%`;
  return bandsOf(measure).map((band, index) => {
    const { from, to } = bandBounds(measure)[index]!;
    return {
      ...band,
      text:
        to === null
          ? t(`${M}.legend.atLeast`, { from: unit(from) })
          : t(`${M}.legend.range`, { from: unit(from), to: unit(to) }),
    };
  });
}

export function presentMap(
  t: Translate,
  figures: YearFigures,
  measure: MapMeasure,
  options: { current?: string } = {},
) {
  const measureName = t(`${M}.measures.${measure}.name`);
  const areas = figures.areas.map((area) => {
    const value = valueOf(measure, area);
    const band = bandOf(measure, value);
    const text = valueText(t, measure, value);
    return { area, value, band, text };
  });
  const tiles = areas.map(({ area, value, band, text }) => {
    return {
      ...placedTile(area.areaId),
      fill: band?.fill ?? null,
      ink: band?.ink ?? '#0b0c0c',
      value: value === null ? '' : String(value),
      short:
        value === null
          ? t(`${M}.noDataShort`)
          : typeof value === 'string' && value !== HIDDEN
            ? t(`${M}.bands.quality_mark_short.${value}`)
            : text,
      label: t(`${M}.tileLabel`, { area: area.name, measure: measureName, value: text }),
      current: area.areaId === options.current,
    };
  });
  return {
    measure,
    measureName,
    title: t(`${M}.svgTitle`, { measure: measureName, year: figures.year }),
    ...mapSize(),
    tiles,
    legend: legend(t, measure),
    hiddenLegend: { ...HIDDEN_BAND, text: t(`${M}.hiddenLegend`, { marker: HIDDEN }) },
    anyHidden: areas.some((a) => a.value === HIDDEN),
    rows: areas.map(({ area, value, band, text }) => ({
      areaId: area.areaId,
      name: area.name,
      region: area.region,
      value: value === null ? '' : String(value),
      text:
        measure === 'agencies_covered' && value !== null
          ? t(`${M}.agenciesOf`, { count: text, of: figures.agencyOptions })
          : text,
      band: !band
        ? t(`${M}.noData`)
        : band === HIDDEN_BAND
          ? t(`${M}.hidden`)
          : legend(t, measure).find((l) => l.key === band.key)!.text,
    })),
    withData: areas.filter((a) => a.value !== null).length,
  };
}
