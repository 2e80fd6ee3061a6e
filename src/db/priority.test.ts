import { describe, expect, it } from 'vitest';
import { inBackground, isBackground, PriorityLock } from './priority.js';

/** Takes the lock as `name`, recording the order turns were given in. */
function taker(lock: PriorityLock, order: string[]) {
  return async (name: string, background: boolean) => {
    const release = await lock.lock(background);
    order.push(name);
    return release;
  };
}

describe('the embedded database lock', () => {
  it("gives the next turn to a person's request before background work that asked earlier", async () => {
    let now = 0;
    const lock = new PriorityLock(2_000, () => now);
    const order: string[] = [];
    const take = taker(lock, order);
    const first = await take('first', false);
    const job = take('import chunk', true);
    now = 500;
    const page = take('page', false);
    first();
    (await page)();
    (await job)();
    expect(order).toEqual(['first', 'page', 'import chunk']);
  });

  it('lets background work go once it has waited its patience, and when nobody else waits', async () => {
    let now = 0;
    const lock = new PriorityLock(2_000, () => now);
    const order: string[] = [];
    const take = taker(lock, order);
    const first = await take('first', false);
    const job = take('import chunk', true);
    const pageA = take('page A', false);
    now = 2_000;
    const pageB = take('page B', false);
    first();
    (await job)();
    (await pageA)();
    (await pageB)();
    const last = take('refresh', true);
    (await last)();
    expect(order).toEqual(['first', 'import chunk', 'page A', 'page B', 'refresh']);
  });

  it('keeps each kind in the order it asked, and a second release changes nothing', async () => {
    const lock = new PriorityLock(2_000, () => 0);
    const order: string[] = [];
    const take = taker(lock, order);
    const first = await take('first', false);
    const waiting = ['one', 'two', 'three'].map((name) => take(name, false));
    first();
    first();
    for (const turn of waiting) (await turn)();
    expect(order).toEqual(['first', 'one', 'two', 'three']);
  });

  it('knows background work by where it was started from', async () => {
    expect(isBackground()).toBe(false);
    expect(await inBackground(async () => isBackground())).toBe(true);
  });
});
