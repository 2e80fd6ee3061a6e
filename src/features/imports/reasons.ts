// Why a row was rejected, in words for the rejects file: "row 7: received_on: …; cjs_stage: …".
// The referral checks speak to someone filling in a form ("Choose … from the list"); a file
// needs the value and what is allowed instead, so those messages are reworded here.
import { CJS_STAGES, CONTACT_METHODS, HARM_SETTINGS, INITIATORS } from '../../domain/referrals.js';
import { translator } from '../../platform/i18n/index.js';
import type { RowProblem } from './csv.js';

const t = translator('en');

const CHOICES: Record<string, readonly string[]> = {
  initiated_by: INITIATORS,
  harm_setting: HARM_SETTINGS,
  cjs_stage: CJS_STAGES,
  victim_preferred_contact: CONTACT_METHODS,
  offender_preferred_contact: CONTACT_METHODS,
};

/** The messages that mean "not one of the choices" (other rules on these fields keep theirs). */
const CHOICE_KEYS = new Set([
  'referrals.errors.initiatedBy',
  'referrals.errors.harmSetting',
  'referrals.errors.cjsStage',
  'referrals.errors.preferredContact',
]);

const REQUIRED_KEYS = new Set([
  'referrals.errors.sourceRequired',
  'referrals.errors.receivedOnRequired',
  'referrals.errors.offenceGroupRequired',
]);

function shown(value: string): string {
  const trimmed = value.trim();
  return trimmed.length > 40 ? `${trimmed.slice(0, 39)}…` : trimmed;
}

function message(problem: RowProblem, fields: Record<string, string>): string {
  const value = problem.field ? (fields[problem.field] ?? '') : '';
  const choices =
    problem.field && CHOICE_KEYS.has(problem.key) ? CHOICES[problem.field] : undefined;
  if (REQUIRED_KEYS.has(problem.key) || (choices && value.trim() === ''))
    return t('imports.reasons.required');
  if (choices)
    return t('imports.reasons.notOneOf', { value: shown(value), values: choices.join(', ') });
  switch (problem.key) {
    case 'referrals.errors.date':
      return t('imports.reasons.date', { value: shown(value) });
    case 'referrals.errors.sourceUnknown':
      return t('imports.reasons.sourceUnknown', { value: shown(value) });
    case 'referrals.errors.offenceGroupUnknown':
      return t('imports.reasons.offenceGroupUnknown', { value: shown(value) });
    case 'referrals.errors.yesNo':
      return t('imports.reasons.yesNo', { value: shown(value) });
    case 'referrals.errors.surnameRequired':
      return t('imports.reasons.surnameRequired');
    default:
      return t(problem.key, problem.params);
  }
}

/** "row 7: received_on: Enter a real date…; cjs_stage: …" */
export function rejectReason(
  rowNumber: number,
  problems: RowProblem[],
  fields: Record<string, string> = {},
): string {
  const reasons = problems.map((problem) =>
    problem.field && problem.key !== 'referrals.errors.surnameRequired'
      ? `${problem.field}: ${message(problem, fields)}`
      : message(problem, fields),
  );
  return `${t('imports.reasons.row', { row: rowNumber })}: ${reasons.join('; ')}`;
}
