// The server's refresh job: stopping it tells a refresh under way to stop (between two of its
// steps) and waits for it, and starts no other.
import { describe, expect, it } from 'vitest';
import { runEvery } from './schedule.js';

describe('the refresh job', () => {
  it('tells the running refresh to stop, waits for it, and runs no more', async () => {
    const signals: AbortSignal[] = [];
    let finish: (() => void) | undefined;
    const schedule = runEvery(
      1,
      (stop) => {
        signals.push(stop);
        return new Promise<void>((resolve) => (finish = resolve));
      },
      () => undefined,
    );
    await expect.poll(() => signals.length).toBe(1);
    expect(signals[0]!.aborted).toBe(false);
    let stopped = false;
    const stopping = schedule.stop().then(() => (stopped = true));
    expect(signals[0]!.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false); // still waiting for the refresh under way
    finish!();
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signals).toHaveLength(1);
  });
});
