// Zod pieces for the fields of a declared page (dates, times, choices, ids, money), beside
// forms.ts's text, choice and email fields. Messages are translation keys.
import { z } from 'zod';
import { isIsoDate } from '../domain/calendar-dates.js';
import { isUuid } from '../domain/ids.js';

const blankToUndefined = (v: unknown) =>
  typeof v === 'string' ? v.trim() || undefined : v === null ? undefined : v;

/** A date that must be given: `requiredKey` when it is not, `invalidKey` when it is no date. */
export function requiredDate(requiredKey: string, invalidKey = 'validation.date') {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().min(1, { error: requiredKey }).refine(isIsoDate, { error: invalidKey }),
  );
}

/** A date that may be left empty (undefined). */
export const optionalDateOr = (invalidKey: string) =>
  z.preprocess(blankToUndefined, z.string().refine(isIsoDate, { error: invalidKey }).optional());

export const optionalDate = optionalDateOr('validation.date');

export function optionalChoice<const T extends readonly [string, ...string[]]>(
  values: T,
  invalidKey: string,
) {
  return z.preprocess(blankToUndefined, z.enum(values, { error: invalidKey }).optional());
}

export function requiredId(requiredKey: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().refine(isUuid, { error: requiredKey }),
  );
}

export const optionalId = z.preprocess(
  blankToUndefined,
  z.string().refine(isUuid, { error: 'validation.invalid' }).optional(),
);

export const idList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().refine(isUuid, { error: 'validation.invalid' })),
);

/** '14:30', '9.05', '2pm', '2:30pm' as 'HH:MM' (24-hour), or undefined if it is not a time. */
export function parseTime(value: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(value.trim());
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase();
  if (minutes > 59) return undefined;
  if (half) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  } else if (hours > 23 || match[2] === undefined) {
    return undefined;
  }
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export const optionalTime = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((v, ctx) => {
      const time = parseTime(v);
      if (!time) ctx.addIssue({ code: 'custom', message: 'validation.time' });
      return time ?? '';
    })
    .optional(),
);

/** An amount in pounds ('£1,250.50', '40') as whole pence, or undefined if it is not one. */
export function parsePounds(value: string): number | undefined {
  const match = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const pounds = Number(match[1]!.replace(/,/g, ''));
  const pence = Number((match[2] ?? '0').padEnd(2, '0'));
  return pounds * 100 + pence;
}

const pence = z.string().transform((v, ctx) => {
  const amount = parsePounds(v);
  const key =
    amount === undefined
      ? 'validation.money'
      : amount <= 0
        ? 'validation.moneyNothing'
        : amount > 100_000_000
          ? 'validation.moneyTooMuch'
          : null;
  if (key) ctx.addIssue({ code: 'custom', message: key });
  return amount ?? 0;
});

/** Pounds typed, as pence: more than nothing, at most £1,000,000. */
export function money(requiredKey: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().min(1, { error: requiredKey }).pipe(pence),
  );
}

export const optionalMoney = z.preprocess(blankToUndefined, pence.optional());
