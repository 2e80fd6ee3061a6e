// Passwords are hashed with argon2id using OWASP's recommended minimum parameters (19 MiB,
// two passes), which keeps sign-in fast on a small server while making offline guessing slow.
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
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
