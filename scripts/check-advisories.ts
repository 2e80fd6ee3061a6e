// `npm run lint` and `npm test`: fails if an installed dependency (package-lock.json) is affected
// by a security advisory recorded in security/advisories.json, unless an exception with a reason
// and a review date still in the future covers it. Offline: see src/platform/advisories.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkAdvisories,
  installedPackages,
  type AdvisoryFile,
} from '../src/platform/advisories.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

const file = read('security/advisories.json') as AdvisoryFile;
const installed = installedPackages(read('package-lock.json'));
const today = new Date().toISOString().slice(0, 10);
const problems = checkAdvisories(file, installed, today);
for (const problem of problems) process.stderr.write(`${problem}\n`);
if (problems.length > 0) {
  process.stderr.write(
    `\n${problems.length} dependency advisory problem${problems.length === 1 ? '' : 's'} (security/advisories.json)\n`,
  );
  process.exitCode = 1;
} else {
  process.stdout.write(
    `${installed.length} installed packages checked against ${file.advisories.length} recorded advisories (${file.exceptions.length} exceptions): none affected\n`,
  );
}
