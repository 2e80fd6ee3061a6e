// Wall-clock times in the UK: an intervention is planned for "3 December at 2pm" London time,
// whatever the server's time zone, and shown the same way back.
import type { IsoDate } from '../../../domain/calendar-dates.js';

const LONDON = 'Europe/London';

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function londonParts(at: Date) {
  const parts = wallClock.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}`,
  };
}

/** Minutes London is ahead of UTC at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(at: Date): number {
  const { date, time } = londonParts(at);
  const wall = Date.parse(`${date}T${time}:00Z`);
  const minute = at.getTime() - (((at.getTime() % 60_000) + 60_000) % 60_000);
  return Math.round((wall - minute) / 60_000);
}

/** The instant a London date and 'HH:MM' time names. */
export function londonInstant(date: IsoDate, time: string): Date {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const first = guess - londonOffsetMinutes(new Date(guess)) * 60_000;
  const second = guess - londonOffsetMinutes(new Date(first)) * 60_000;
  return new Date(second);
}

/** An instant as the London date and 'HH:MM' time, to fill a form again. */
export function londonDateAndTime(at: Date): { date: IsoDate; time: string } {
  return londonParts(at);
}
