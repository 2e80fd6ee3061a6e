// Satisfaction questionnaires as plain data: the four kinds of question, what a valid answer to
// each is, how a service's edit makes the next version, and reading answers from a form, the
// JSON API or a CSV row into one shape. No I/O.
import { z } from 'zod';
import type { FieldError } from '../../../platform/errors.js';
import { plainNumber } from '../../../platform/forms.js';
import type { Translate } from '../../../platform/i18n/index.js';

export const AUDIENCES = ['harmed', 'harmer'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const ITEM_TYPES = ['likert', 'yesNo', 'text', 'recommend'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** How a response came in. Staff enter paper forms and calls; the rest come by themselves. */
export const CHANNELS = ['paper', 'call', 'online', 'api', 'import'] as const;
export type Channel = (typeof CHANNELS)[number];
export const STAFF_CHANNELS = ['paper', 'call'] as const;

/** 1 strongly disagree … 5 strongly agree. */
export const LIKERT_VALUES = [1, 2, 3, 4, 5] as const;
export const YES_NO_VALUES = ['yes', 'no'] as const;
export const RECOMMEND_VALUES = ['yes', 'no', 'not_sure'] as const;

export const MAX_TEXT_ANSWER = 2000;
export const MAX_ITEM_TEXT = 300;
export const MAX_ITEMS = 40;

export interface QuestionnaireItem {
  /** Stable for life: the same question in every version, the CSV column and the API key. */
  id: string;
  type: ItemType;
  /** The service's own wording; shipped questions without it use the catalogue's. */
  text?: string;
  /** No longer asked (kept so the version says what was retired). */
  retired?: boolean;
}

export type Answer = number | string;
export type Answers = Record<string, Answer>;

const ITEM_ID = /^[a-z][a-z0-9_]{0,39}$/;

const itemSchema = z.object({
  id: z.string().regex(ITEM_ID),
  type: z.enum(ITEM_TYPES),
  text: z.string().max(MAX_ITEM_TEXT).optional(),
  retired: z.boolean().optional(),
});

/** A questionnaire's items as stored (jsonb), checked. */
export function readItems(json: unknown): QuestionnaireItem[] {
  return z.array(itemSchema).parse(json);
}

export const activeItems = (items: readonly QuestionnaireItem[]) => items.filter((i) => !i.retired);

export function audienceForRole(role: string): Audience | null {
  return role === 'harmed' || role === 'harmer' ? role : null;
}

/** A question's wording: the service's own, or the shipped wording by item id. */
export function itemText(item: QuestionnaireItem, t: Translate): string {
  return item.text ?? t(`feedback.items.${item.id}`);
}

/** The choices a question offers, as stored values. */
export function itemChoices(type: ItemType): readonly (string | number)[] {
  if (type === 'likert') return LIKERT_VALUES;
  if (type === 'yesNo') return YES_NO_VALUES;
  if (type === 'recommend') return RECOMMEND_VALUES;
  return [];
}

/** An answer in words, for staff pages. */
export function answerText(type: ItemType, value: Answer | undefined, t: Translate): string {
  if (value === undefined || value === '') return t('feedback.notAnswered');
  if (type === 'text') return String(value);
  return t(`feedback.choices.${type}.${String(value)}`);
}

/** One answer as sent: a form's string, a JSON number, boolean or string, a CSV cell. */
function readAnswer(type: ItemType, raw: unknown): { value?: Answer; error?: string } {
  if (raw === undefined || raw === null) return {};
  if (typeof raw === 'string' && raw.trim() === '') return {};
  switch (type) {
    case 'likert': {
      const n = plainNumber(raw);
      return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5
        ? { value: n }
        : { error: 'feedback.errors.likert' };
    }
    case 'yesNo': {
      const v = raw === true ? 'yes' : raw === false ? 'no' : String(raw).trim().toLowerCase();
      return v === 'yes' || v === 'no' ? { value: v } : { error: 'feedback.errors.yesNo' };
    }
    case 'recommend': {
      const v = String(raw)
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_');
      return (RECOMMEND_VALUES as readonly string[]).includes(v)
        ? { value: v }
        : { error: 'feedback.errors.recommend' };
    }
    case 'text': {
      if (typeof raw !== 'string') return { error: 'feedback.errors.text' };
      const v = raw.trim();
      return v.length > MAX_TEXT_ANSWER ? { error: 'validation.tooLong' } : { value: v };
    }
  }
}

export interface ReadAnswersOptions {
  /** The field an item's problem is reported against: a form input name or a JSON path. */
  field: (itemId: string) => string;
  /** Answers given for questions this version does not ask (JSON, CSV) are refused, named. */
  unknown?: string[];
  /** Where "answer at least one question" is reported (the first question if not given). */
  emptyField?: string;
  version: number;
}

/**
 * Every question's answer, checked against its kind. Unanswered questions are left out; at
 * least one must be answered. Problems are reported per question.
 */
export function readAnswers(
  items: readonly QuestionnaireItem[],
  raw: Record<string, unknown>,
  options: ReadAnswersOptions,
): { ok: true; answers: Answers } | { ok: false; errors: FieldError[] } {
  const answers: Answers = {};
  const errors: FieldError[] = [];
  const asked = activeItems(items);
  for (const item of asked) {
    const { value, error } = readAnswer(item.type, raw[item.id]);
    if (error) errors.push({ field: options.field(item.id), key: error });
    else if (value !== undefined) answers[item.id] = value;
  }
  const askedIds = new Set(asked.map((i) => i.id));
  for (const id of options.unknown ?? []) {
    if (!askedIds.has(id))
      errors.push({
        field: options.field(id),
        key: 'feedback.errors.unknownItem',
        params: { version: options.version },
      });
  }
  if (errors.length === 0 && Object.keys(answers).length === 0)
    errors.push({
      field: options.emptyField ?? options.field(asked[0]?.id ?? 'answers'),
      key: 'feedback.errors.noAnswers',
    });
  return errors.length ? { ok: false, errors } : { ok: true, answers };
}

/** A new question's id from its wording: "Did you feel heard?" → did_you_feel_heard. */
export function itemIdFrom(text: string, taken: ReadonlySet<string>): string {
  const base =
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^[^a-z]+/, '')
      .slice(0, 32)
      .replace(/_+$/, '') || 'question';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export interface QuestionnaireEdit {
  /** Per existing question: its wording (blank keeps the wording it has) and whether it is asked. */
  items: { id: string; text?: string; asked: boolean }[];
  added?: { text: string; type: ItemType };
}

/**
 * The next version's items: the latest version's, reworded, retired or brought back as asked,
 * with a new question added at the end. A question's id and kind never change. Ids already used
 * in any version of the questionnaire (everTaken) are never given to a new question.
 */
export function nextItems(
  latest: readonly QuestionnaireItem[],
  edit: QuestionnaireEdit,
  everTaken: ReadonlySet<string>,
  shippedText: (item: QuestionnaireItem) => string,
): QuestionnaireItem[] {
  const changes = new Map(edit.items.map((c) => [c.id, c]));
  const items = latest.map((item) => {
    const change = changes.get(item.id);
    if (!change) return { ...item };
    const next: QuestionnaireItem = { id: item.id, type: item.type };
    const wording = change.text?.trim();
    const current = item.text ?? shippedText(item);
    if (wording && wording !== current) next.text = wording;
    else if (item.text) next.text = item.text;
    if (!change.asked) next.retired = true;
    return next;
  });
  if (edit.added) {
    const taken = new Set([...everTaken, ...latest.map((i) => i.id)]);
    items.push({
      id: itemIdFrom(edit.added.text, taken),
      type: edit.added.type,
      text: edit.added.text.trim(),
    });
  }
  return items;
}

/** Whether two item lists say the same (a save that changes nothing makes no new version). */
export function sameItems(a: readonly QuestionnaireItem[], b: readonly QuestionnaireItem[]) {
  const norm = (items: readonly QuestionnaireItem[]) =>
    JSON.stringify(items.map((i) => [i.id, i.type, i.text ?? null, i.retired ?? false]));
  return norm(a) === norm(b);
}
