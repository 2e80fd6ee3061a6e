// Victims' Code: every victim of crime has the right to be told about restorative justice and
// how to take part. Police forces report, for each month, how many victims of the crimes they
// recorded there were, and how many of them were told about it. The share told is set beside
// the national survey figure: in 2017/18, 7.5% of victims recalled being offered the chance to
// meet the person who harmed them (Office for National Statistics, as cited in the Criminal
// Justice Alliance's 2018 briefing).
import { isIsoDate, type IsoDate } from './calendar-dates.js';

/** The national survey figure, and the year it is for; its source is in the catalogue. */
export const NATIONAL_SURVEY_FIGURE = { percent: 7.5, period: '2017/18' } as const;

const MAX_VICTIMS = 10_000_000;

/** "2026-03", "2026-3" or "03/2026" as the month's first day, "2026-03-01"; else null. */
export function readMonth(text: string | undefined): IsoDate | null {
  const value = (text ?? '').trim();
  const iso = /^(\d{4})-(\d{1,2})$/.exec(value);
  const uk = /^(\d{1,2})\/(\d{4})$/.exec(value);
  const [year, month] = iso ? [iso[1], iso[2]] : uk ? [uk[2], uk[1]] : [undefined, undefined];
  if (!year || !month) return null;
  const first = `${year}-${month.padStart(2, '0')}-01`;
  return isIsoDate(first) ? first : null;
}

/** A count of victims: a whole number, not negative; null when it is not one. */
export function readCount(text: string | undefined): number | null {
  const value = (text ?? '').trim().replace(/,/g, '');
  if (!/^\d+$/.test(value)) return null;
  const count = Number(value);
  return count <= MAX_VICTIMS ? count : null;
}

export interface MonthlyReturn {
  /** The first day of the month. */
  month: IsoDate;
  victims: number;
  toldAboutRj: number;
}

export interface ReturnProblem {
  field: 'month' | 'victims' | 'told_about_rj';
  key: 'required' | 'month' | 'monthInFuture' | 'count' | 'moreThanVictims';
  params?: Record<string, string>;
}

/** A month's return from text (a form or a CSV row); `today` refuses a month not yet begun. */
export function readReturn(
  texts: { month?: string; victims?: string; told_about_rj?: string },
  today: IsoDate,
): { ok: true; value: MonthlyReturn } | { ok: false; problems: ReturnProblem[] } {
  const problems: ReturnProblem[] = [];
  const given = (text: string | undefined) => (text ?? '').trim();
  const month = readMonth(texts.month);
  if (!given(texts.month)) problems.push({ field: 'month', key: 'required' });
  else if (!month)
    problems.push({ field: 'month', key: 'month', params: { value: given(texts.month) } });
  else if (month > today) problems.push({ field: 'month', key: 'monthInFuture' });
  const count = (field: 'victims' | 'told_about_rj') => {
    const read = readCount(texts[field]);
    if (!given(texts[field])) problems.push({ field, key: 'required' });
    else if (read === null)
      problems.push({ field, key: 'count', params: { value: given(texts[field]) } });
    return read;
  };
  const victims = count('victims');
  const told = count('told_about_rj');
  if (victims !== null && told !== null && told > victims)
    problems.push({ field: 'told_about_rj', key: 'moreThanVictims' });
  if (problems.length > 0 || !month || victims === null || told === null)
    return { ok: false, problems };
  return { ok: true, value: { month, victims, toldAboutRj: told } };
}

/** The share told, in per cent; null when there were no victims to tell. */
export function sharePercent(toldAboutRj: number, victims: number): number | null {
  return victims > 0 ? (toldAboutRj * 100) / victims : null;
}

/** Several months (or areas) together: their victims and those told, summed. */
export function combineReturns(returns: readonly Pick<MonthlyReturn, 'victims' | 'toldAboutRj'>[]) {
  const victims = returns.reduce((sum, r) => sum + r.victims, 0);
  const toldAboutRj = returns.reduce((sum, r) => sum + r.toldAboutRj, 0);
  return { victims, toldAboutRj, percent: sharePercent(toldAboutRj, victims) };
}
