import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The folder an installed package lives in. */
export function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

export const srcDir = fileURLToPath(new URL('../', import.meta.url));
export const repoDir = path.resolve(srcDir, '..');
