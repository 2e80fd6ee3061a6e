// Recovery codes: ten per account, shown once when an authenticator app is set up, kept only as
// keyed hashes (a copy of the database cannot be tried against them offline), each usable once.
import { randomBytes } from 'node:crypto';
import type { KeyedStore } from './keyed-store.js';
import { RECOVERY_CODE_COUNT, normaliseRecoveryCode } from '../../domain/second-factor.js';
import { keyedHash } from '../../platform/secure-tokens.js';

/** A recovery code: 10 letters and digits in two groups ("k3m9p-7qx2a"), about 50 bits. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = [...randomBytes(10)].map((byte) => alphabet[byte % alphabet.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

export function recoveryCodes({ db, clock, secret }: KeyedStore) {
  const hashOf = (userId: string, code: string) =>
    keyedHash(secret, `recovery:${userId}:${normaliseRecoveryCode(code)}`);

  return {
    /** New codes replace any earlier ones; the plain codes are returned to be shown once. */
    async replace(userId: string): Promise<string[]> {
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
        await tx
          .insertInto('recovery_codes')
          .values(
            codes.map((code) => ({
              user_id: userId,
              code_hash: hashOf(userId, code),
              created_at: clock.now(),
            })),
          )
          .execute();
      });
      return codes;
    },

    /** Uses a code up if it is one of the account's and not used yet. */
    async use(userId: string, code: string): Promise<boolean> {
      const used = await db
        .updateTable('recovery_codes')
        .set({ used_at: clock.now() })
        .where('user_id', '=', userId)
        .where('code_hash', '=', hashOf(userId, code))
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(used.numUpdatedRows) === 1;
    },

    async left(userId: string): Promise<number> {
      const row = await db
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
