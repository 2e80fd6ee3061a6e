// Where a command writes, and how it says it was called wrongly: what a feature's command
// steps need, without the services (runtime.ts opens those).
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** A mistake in how a command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
