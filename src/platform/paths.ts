import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The folder an installed package lives in (even one that does not export its package.json). */
export function packageDir(name: string): string {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    let dir = path.dirname(require.resolve(name));
    while (
      !existsSync(path.join(dir, 'package.json')) ||
      !dir.endsWith(path.join(...name.split('/')))
    ) {
      const parent = path.dirname(dir);
      if (parent === dir) throw new Error(`Cannot find the folder of package ${name}`);
      dir = parent;
    }
    return dir;
  }
}

export const srcDir = fileURLToPath(new URL('../', import.meta.url));
export const repoDir = path.resolve(srcDir, '..');
