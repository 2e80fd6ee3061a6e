// What the details form shows after someone else changed the same person meanwhile (ADR 0018):
// the form carries the record as it was shown (`shown`), so the page can tell whose change each
// field is. Where only the other person changed a field, their change goes into the form; where
// both did, what was typed stays, and the table beside the form names the field to check.
import { mergeChanges, recordStamp } from '../../../domain/record-stamp.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { PARTICIPANT_FORM_FIELDS } from './participants.js';

/** The label of each field of the details form, for the comparison. */
const FIELD_LABELS: Record<(typeof PARTICIPANT_FORM_FIELDS)[number], string> = {
  display_name: 'cases.people.fields.name',
  is_organisation: 'cases.people.fields.isOrganisation',
  role: 'cases.people.fields.role',
  connection: 'cases.people.fields.connection',
  unsafe_to_contact: 'cases.people.fields.unsafe',
  safe_phone: 'cases.safeContact.safePhone',
  may_leave_message: 'cases.safeContact.message',
  preferred_contact: 'cases.people.fields.preferredContact',
  preferred_times: 'cases.people.fields.preferredTimes',
  do_not_contact_via: 'cases.safeContact.doNotContact',
  interpreter_language: 'cases.people.fields.interpreter',
  accessibility_needs: 'cases.people.accessibility',
};

/** The record's editable fields as the form's hidden `shown` value. */
export function shownValue(saved: Record<string, unknown>): string {
  return JSON.stringify(
    Object.fromEntries(PARTICIPANT_FORM_FIELDS.map((f) => [f, saved[f] ?? ''])),
  );
}

/** The record as the form showed it, read back from its `shown` value; undefined if unreadable. */
export function shownRecord(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const record = parsed as Record<string, unknown>;
    const readable = PARTICIPANT_FORM_FIELDS.every(
      (f) => record[f] === undefined || typeof record[f] === 'string' || record[f] === null,
    );
    return readable ? record : undefined;
  } catch {
    return undefined;
  }
}

function inWords(t: Translate, field: string, value: unknown) {
  const text = value === undefined || value === null ? '' : String(value);
  if (text === '') return t('cases.people.conflict.empty');
  if (text === 'yes' || text === 'no') return t(`common.${text}`);
  return field === 'role' ? t(`cases.roles.${text}`) : text;
}

/**
 * The form to show again after a conflict, and the other person's changes beside what was
 * typed: `typed` is what was sent (with its `shown`), `saved` the record now.
 */
export function afterConflict(
  t: Translate,
  typed: Record<string, unknown>,
  saved: Record<string, unknown>,
) {
  const merged = mergeChanges(
    { shown: shownRecord(typed.shown), typed, saved },
    PARTICIPANT_FORM_FIELDS,
  );
  return {
    values: merged.values,
    // Saving again is checked against the record as it is now, and merged from it.
    record: recordStamp(saved, PARTICIPANT_FORM_FIELDS),
    shown: shownValue(saved),
    theirChange: merged.theirs.map((field) => ({
      label: t(FIELD_LABELS[field as keyof typeof FIELD_LABELS]),
      theirs: inWords(t, field, saved[field]),
      yours: inWords(t, field, typed[field]),
      inForm: t(
        merged.bothChanged.includes(field)
          ? 'cases.people.conflict.keptYours'
          : 'cases.people.conflict.tookTheirs',
      ),
    })),
  };
}
