// The Victims' Code duties for the referrals received: information about restorative justice
// and a referral to a support service, each in time, late or not recorded. In time is the
// domain's rule (src/domain/victims-code.ts); the store keeps the working days each took.
import {
  RJ_INFORMATION_ENHANCED_WORKING_DAYS,
  RJ_INFORMATION_WORKING_DAYS,
  SUPPORT_REFERRAL_WORKING_DAYS,
} from '../../../domain/victims-code.js';
import type { ReportBuilder } from '../builder.js';
import type { Row, Table } from '../model.js';

const FIGURE = 'referrals_received';

export function victimsCode(b: ReportBuilder): Table {
  const { ctx } = b;
  const days = (dimension: string) =>
    ctx.data.valuesOf('victims_code', dimension).filter((v) => v !== 'not_recorded');
  const within = (dimension: string, limit: number) =>
    days(dimension).filter((d) => Number(d) <= limit);
  const late = (dimension: string, limit: number) =>
    days(dimension).filter((d) => Number(d) > limit);
  const duty = (name: string, parts: [dimension: string, limit: number][]): Row[] => {
    const cellsFor = (key: string, pick: (dimension: string, limit: number) => string[]) =>
      ctx.units.map((unit) =>
        b.count(
          b.key('victims_code', name, key, unit),
          parts.reduce(
            (sum, [dimension, limit]) =>
              sum +
              ctx.data.count('victims_code', dimension, pick(dimension, limit), {
                orgIds: unit.orgIds,
                months: ctx.months,
              }),
            0,
          ),
        ),
      );
    const rows = (['on_time', 'late', 'not_recorded'] as const).map((key) => {
      const cells = cellsFor(
        key,
        key === 'on_time' ? within : key === 'late' ? late : () => ['not_recorded'],
      );
      b.relateServices(cells);
      return {
        key: `${name}.${key}`,
        label: ctx.t(`reports.volumes.victimsCode.${name}.${key}`),
        cells,
      };
    });
    // Every referral has exactly one answer for each duty.
    ctx.units.forEach((unit, i) =>
      b.relate(
        b.key(FIGURE, '', '', unit),
        rows.map((r) => r.cells[i]!.key),
      ),
    );
    return rows;
  };
  return {
    id: 'victims-code',
    title: ctx.t('reports.volumes.victimsCode.title'),
    figure: 'victims_code',
    alsoFigures: [FIGURE],
    rowHeading: ctx.t('reports.volumes.victimsCode.duty'),
    columns: b.unitColumns(),
    rows: [
      ...duty('rj_information', [
        ['rj_information.standard', RJ_INFORMATION_WORKING_DAYS],
        ['rj_information.enhanced', RJ_INFORMATION_ENHANCED_WORKING_DAYS],
      ]),
      ...duty('support_referral', [['support_referral', SUPPORT_REFERRAL_WORKING_DAYS]]),
    ],
  };
}
