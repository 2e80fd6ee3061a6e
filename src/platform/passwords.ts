// Passwords are hashed with argon2id using OWASP's recommended minimum parameters (19 MiB,
// two passes), which keeps sign-in fast on a small server while making offline guessing slow.
// Hashing runs on libuv's thread pool, off the event loop.
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id is an ambient const enum, which isolated modules cannot read; its value is 2.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let verifications = 0;
/** How many password hashes this process has verified (a wrong email must cost one too). */
export const passwordVerifications = () => verifications;

export async function verifyPassword(encoded: string, password: string): Promise<boolean> {
  verifications += 1;
  try {
    return await verify(encoded, password);
  } catch {
    return false;
  }
}

// Verifying against this when no account matches keeps a wrong email as slow as a wrong
// password, so timing does not reveal which addresses have accounts.
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('waymark-decoy-password-never-valid');
  await verifyPassword(await decoy, password);
  return false;
}
