// The refresh job inside the server: one refresh at a time, every few seconds, so the figures
// are never more than a minute or so behind (the pages say how far: "figures as at").
export interface Schedule {
  /**
   * Stops the job: a refresh that is running is told to stop (it does between two of its
   * steps, and the next refresh finishes its work), and waited for.
   */
  stop(): Promise<void>;
}

export function runEvery(
  everyMs: number,
  job: (stop: AbortSignal) => Promise<unknown>,
  onError: (error: unknown) => void,
): Schedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const stopping = new AbortController();
  const tick = () => {
    running = job(stopping.signal)
      .then(() => undefined, onError)
      .finally(() => {
        running = undefined;
        if (!stopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(tick, everyMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      stopping.abort();
      await running;
    },
  };
}
