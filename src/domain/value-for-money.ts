// Value for money: what a PCC office spent on restorative justice, what that cost per case, and
// an estimate of what it saved. The estimate multiplies spend by a cost–benefit ratio that is a
// setting with its source (WAYMARK_COST_BENEFIT_RATIO and _SOURCE), and is always called an
// estimate: it applies a ratio found elsewhere, not anything Waymark measured.
import {
  financialYearOf,
  monthsInFinancialYear,
  monthsOf,
  type ReportPeriod,
} from './report-periods.js';

export interface CostBenefit {
  /** Pounds saved for every pound spent. */
  ratio: number;
  /** Where the ratio comes from, shown beside every estimate. */
  source: string;
}

/**
 * The default, as the Criminal Justice Alliance's 2018 briefing cites it: the University of
 * Sheffield's 2007 evaluation of pilot RJ schemes in England.
 */
export const SHEFFIELD_EVALUATION: CostBenefit = {
  ratio: 8,
  source:
    'University of Sheffield evaluation of pilot restorative justice schemes in England (2007): on average, criminal justice agencies saved £8 for every £1 spent',
};

export interface ReportingSettings {
  /** Counts above zero and below this are hidden from commissioners and national analysts. */
  suppressionThreshold: number;
  costBenefit: CostBenefit;
}

export interface YearSpend {
  /** The financial year, by the year it starts. */
  financialYear: number;
  pence: number;
}

/**
 * The spend a period carries: each financial year's spend shared equally over its twelve
 * months, and the months of the period added up. Null when no year the period touches has any
 * spend entered (unknown, not zero).
 */
export function apportionedSpend(period: ReportPeriod, years: readonly YearSpend[]): number | null {
  const touched = new Set(monthsOf(period).map(financialYearOf));
  let pence = 0;
  let known = false;
  for (const year of touched) {
    const entered = years.find((y) => y.financialYear === year);
    if (!entered) continue;
    known = true;
    pence += (entered.pence * monthsInFinancialYear(period, year)) / 12;
  }
  return known ? Math.round(pence) : null;
}

/** Pounds per unit (a case, a completed case), or null when there is nothing to divide by. */
export function costPer(pence: number | null, count: number): number | null {
  if (pence === null || count === 0) return null;
  return Math.round(pence / count);
}

/** The estimated savings of a spend: spend × ratio. */
export function estimatedSavings(pence: number | null, costBenefit: CostBenefit): number | null {
  return pence === null ? null : Math.round(pence * costBenefit.ratio);
}
