// Sign-in throttling with growing delays, never a lockout. Wrong passwords slow down whoever
// sends them, in three scopes:
//   - one account from one address: a person mistyping, or someone guessing at one account;
//   - one address, whatever the account: someone trying many accounts (password spraying);
//   - one account, from every address: guessing spread over many addresses. This scope only
//     slows addresses the account has not signed in from before, so strangers cannot keep the
//     account's owner out from where they usually sign in.
// Each scope has a free allowance; after it, each failure makes the next attempt wait longer
// (5 s, 10 s, 20 s ... up to 15 minutes). A success from an address clears its own count.
// The same rules apply whether or not the email address belongs to anyone, so the answer never
// says which addresses have accounts.

export const FAILURE_MEMORY_MINUTES = 60;
export const FIRST_DELAY_SECONDS = 5;
export const MAX_DELAY_SECONDS = 15 * 60;
/** How long a successful sign-in makes its address "known" for the account. */
export const KNOWN_ADDRESS_DAYS = 90;

export const FREE_FAILURES = { pair: 3, address: 20, account: 10 } as const;
export type ThrottleScope = keyof typeof FREE_FAILURES;

/** Failures counted in one scope: how many, and when the last was. */
export interface FailureCount {
  count: number;
  last: Date | undefined;
}

export interface RecentFailures {
  pair: FailureCount;
  address: FailureCount;
  account: FailureCount;
  /** The account has signed in from this address before (within KNOWN_ADDRESS_DAYS). */
  knownAddress: boolean;
}

/** The wait a scope's failures impose after the last of them, in seconds. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - free));
}

/** Seconds before another attempt will be checked (0: check it now). */
export function secondsToWait(failures: RecentFailures, now: Date): number {
  const scopes: ThrottleScope[] = failures.knownAddress
    ? ['pair', 'address']
    : ['pair', 'address', 'account'];
  let wait = 0;
  for (const scope of scopes) {
    const { count, last } = failures[scope];
    if (!last) continue;
    const until = last.getTime() + delayAfter(count, FREE_FAILURES[scope]) * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return wait;
}

/** A wait as a person reads it: whole seconds under two minutes, otherwise whole minutes. */
export function waitInWords(seconds: number): { unit: 'seconds' | 'minutes'; count: number } {
  return seconds < 120
    ? { unit: 'seconds', count: Math.max(1, seconds) }
    : { unit: 'minutes', count: Math.ceil(seconds / 60) };
}
