// The refresh job inside the server: one refresh at a time, every few seconds, so the figures
// are never more than a minute or so behind (the pages say how far: "figures as at").
export interface Schedule {
  /** Stops the job, waiting for a refresh that is running to finish. */
  stop(): Promise<void>;
}

export function runEvery(
  everyMs: number,
  job: () => Promise<unknown>,
  onError: (error: unknown) => void,
): Schedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    running = job()
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
      await running;
    },
  };
}
