// A survey year's results: for every question, how many areas chose each option, as a share of
// the areas that answered the question ("Answered: 34; skipped: 0", as the 2018 briefing
// prints under each figure), and which areas did not respond at all.
//
// The counts are of police force areas, which are public bodies, not of people: they are shown
// as they are, never suppressed (see docs/adr/0016-the-whole-system-view.md).
import { NONE, type Answers, type Question, type QuestionId } from './provision-survey.js';

export interface OptionResult {
  /** An option's value, or `none` for a list question answered with none of its options. */
  option: string;
  count: number;
  /** count ÷ answered × 100, rounded to a whole number (halves up); null when none answered. */
  percent: number | null;
}

export interface QuestionResult {
  question: QuestionId;
  kind: Question['kind'];
  answered: number;
  skipped: number;
  /** Each option in the question's order; empty for an amount in pounds. */
  options: OptionResult[];
  /** For an amount in pounds: the total and the median of the amounts given. */
  amounts?: { total: number; median: number | null };
}

export interface SurveyResults {
  year: number;
  responded: string[];
  notResponding: string[];
  questions: QuestionResult[];
}

/** A whole-number percentage, halves rounded up, as a hand count would be written. */
export function wholePercent(count: number, of: number): number | null {
  if (of <= 0) return null;
  return Math.floor((count * 100) / of + 0.5);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function questionResult(question: Question, answers: readonly Answers[]): QuestionResult {
  const given = answers.map((a) => a[question.id] ?? null).filter((answer) => answer !== null);
  const answered = given.length;
  const base = { question: question.id, kind: question.kind, answered };
  const skipped = answers.length - answered;
  if (question.kind === 'pounds') {
    const amounts = given.filter((answer): answer is number => typeof answer === 'number');
    return {
      ...base,
      skipped,
      options: [],
      amounts: { total: amounts.reduce((sum, n) => sum + n, 0), median: median(amounts) },
    };
  }
  const chose = (option: string) =>
    given.filter((answer) => (Array.isArray(answer) ? answer.includes(option) : answer === option))
      .length;
  const options = question.options.map((option) => ({ option, count: chose(option) }));
  if (question.kind === 'list')
    options.push({
      option: NONE,
      count: given.filter((answer) => Array.isArray(answer) && answer.length === 0).length,
    });
  return {
    ...base,
    skipped,
    options: options.map((o) => ({ ...o, percent: wholePercent(o.count, answered) })),
  };
}

/** The results of one survey year, from the current response of each area that responded. */
export function surveyResults(input: {
  year: number;
  questions: readonly Question[];
  responses: readonly { areaId: string; answers: Answers }[];
  areaIds: readonly string[];
}): SurveyResults {
  const responded = new Set(input.responses.map((r) => r.areaId));
  const answers = input.responses.map((r) => r.answers);
  return {
    year: input.year,
    responded: input.areaIds.filter((id) => responded.has(id)),
    notResponding: input.areaIds.filter((id) => !responded.has(id)),
    questions: input.questions.map((question) => questionResult(question, answers)),
  };
}

/** The report's rows: question, option, count, answered, skipped, percent (amounts left out). */
export function resultRows(results: SurveyResults) {
  return results.questions.flatMap((q) =>
    q.options.map((o) => ({
      question: q.question,
      option: o.option,
      count: o.count,
      answered: q.answered,
      skipped: q.skipped,
      percent: o.percent,
    })),
  );
}
