// The deny-list of passwords attackers try first: the 49,000 most common from the zxcvbn-ts
// project's leaked-password corpus, shipped in a maintained npm package.
import { dictionary } from '@zxcvbn-ts/language-common';

let cached: ReadonlySet<string> | undefined;

export function commonPasswords(): ReadonlySet<string> {
  cached ??= new Set(
    (dictionary['passwords-common'] as string[]).map((password) => password.toLowerCase()),
  );
  return cached;
}
