// The sign-in throttle's memory (rules in domain/sign-in-throttle.ts): every wrong password,
// wrong code and wrong recovery code is a failure for the account and the address; a full
// sign-in (password and second factor) is the success that clears its address's count. A right
// password alone is not a success, so giving it again cannot buy more tries at the code.
import type { KeyedStore } from './keyed-store.js';
import {
  FAILURE_MEMORY_MINUTES,
  KNOWN_ADDRESS_DAYS,
  secondsToWait,
  type FailureCount,
} from '../../domain/sign-in-throttle.js';
import { keyedHash } from '../../platform/secure-tokens.js';

/** An attempt's keys: the account's email and the client's address, as keyed hashes. */
export interface ThrottleKeys {
  account: string;
  address: string;
}

export function signInThrottle({ db, clock, secret }: KeyedStore) {
  /** Failures in one scope since `since`: how many, and the last one's time. */
  async function failures(
    where: { account_key?: string; address?: string },
    since: Date,
  ): Promise<FailureCount> {
    let query = db
      .selectFrom('sign_in_attempts')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('attempted_at').as('last')])
      .where('succeeded', '=', false)
      .where('attempted_at', '>', since);
    if (where.account_key) query = query.where('account_key', '=', where.account_key);
    if (where.address) query = query.where('address', '=', where.address);
    const row = await query.executeTakeFirstOrThrow();
    return { count: Number(row.n), last: row.last ? new Date(row.last) : undefined };
  }

  async function lastSuccess(where: { account_key: string; address?: string }) {
    let query = db
      .selectFrom('sign_in_attempts')
      .select('attempted_at')
      .where('account_key', '=', where.account_key)
      .where('succeeded', '=', true);
    if (where.address) query = query.where('address', '=', where.address);
    const row = await query.orderBy('attempted_at', 'desc').limit(1).executeTakeFirst();
    return row?.attempted_at;
  }

  const later = (a: Date, b: Date | undefined) => (b && b > a ? b : a);

  return {
    keys(email: string, address: string): ThrottleKeys {
      return {
        account: keyedHash(secret, `account:${email.trim().toLowerCase()}`),
        address: keyedHash(secret, `address:${address}`),
      };
    },

    /** Seconds before this account may be tried again from this address (0: now). */
    async waitFor(keys: ThrottleKeys): Promise<number> {
      const now = clock.now();
      const windowStart = new Date(now.getTime() - FAILURE_MEMORY_MINUTES * 60_000);
      const knownSince = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000);
      const pairSuccess = await lastSuccess({ account_key: keys.account, address: keys.address });
      const accountSuccess = await lastSuccess({ account_key: keys.account });
      return secondsToWait(
        {
          pair: await failures(
            { account_key: keys.account, address: keys.address },
            later(windowStart, pairSuccess),
          ),
          address: await failures({ address: keys.address }, windowStart),
          account: await failures(
            { account_key: keys.account },
            later(windowStart, accountSuccess),
          ),
          knownAddress: pairSuccess !== undefined && pairSuccess > knownSince,
        },
        now,
      );
    },

    async record(keys: ThrottleKeys, succeeded: boolean): Promise<void> {
      await db
        .insertInto('sign_in_attempts')
        .values({
          account_key: keys.account,
          address: keys.address,
          attempted_at: clock.now(),
          succeeded,
        })
        .execute();
    },
  };
}

export type SignInThrottle = ReturnType<typeof signInThrottle>;
