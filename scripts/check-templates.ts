// `npm run lint` and `npm test`: every template under src/ gives `html` parameters and `| safe`
// only markup built escaped (see src/platform/template-check.ts). Prints each problem as
// file:line:column and exits 1 if there is any.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTemplate } from '../src/platform/template-check.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return templates(full);
    return entry.name.endsWith('.njk') ? [full] : [];
  });
}

const files = templates(src).sort();
let count = 0;
for (const file of files) {
  const relative = path.relative(src, file).split(path.sep).join('/');
  for (const problem of checkTemplate(readFileSync(file, 'utf8'), relative)) {
    count++;
    process.stderr.write(`src/${relative}:${problem.line}:${problem.column}  ${problem.message}\n`);
  }
}
if (count > 0) {
  process.stderr.write(
    `\n${count} template problem${count === 1 ? '' : 's'} (markup not built escaped)\n`,
  );
  process.exit(1);
}
process.stdout.write(`${files.length} templates: markup built escaped\n`);
