// npm run bench [-- NAME...]: runs the benchmarks (all, or those named) and prints a table for
// each. Benchmarks take minutes and print measurements, never pass or fail: they are not part
// of npm test or CI.
//
// To add one: write bench/<name>.ts exporting a Benchmark (its type is in support.ts, so that
// no benchmark imports this file back), and list it in BENCHMARKS. Measure a
// baseline in the same run, on the same machine and database, and report the ratio to it, so
// the figures mean something on any machine.
import { pathToFileURL } from 'node:url';
import { referralImport } from './referral-import.js';
import { casePages } from './case-pages.js';
import { caseWrites } from './case-writes.js';
import { crashSafety } from './crash-safety.js';
import { nationalPages } from './national-pages.js';
import { figures } from './figures.js';
import { soak } from './soak.js';
import { start } from './start.js';
import { tenMillion } from './ten-million.js';
import { processes } from './processes.js';
import { busy } from './busy.js';
import { Refusal, type Benchmark } from './support.js';

export const BENCHMARKS: Benchmark[] = [
  referralImport,
  casePages,
  caseWrites,
  figures,
  nationalPages,
  crashSafety,
  soak,
  start,
  tenMillion,
  processes,
  busy,
];

/** A plain-text table with aligned columns (also valid Markdown). */
export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

async function main(names: string[]) {
  const chosen = names.length
    ? BENCHMARKS.filter((b) => names.includes(b.name))
    : BENCHMARKS.filter((b) => !b.onlyWhenNamed);
  if (chosen.length === 0) {
    console.error(
      `No benchmark called ${names.join(', ')}. There are: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
    process.exitCode = 2;
    return;
  }
  for (const benchmark of chosen) {
    console.log(`\n== ${benchmark.name}: ${benchmark.summary}`);
    const result = await benchmark
      .run((line) => console.log(`   ${line}`))
      .catch((error: unknown) => {
        if (!(error instanceof Refusal)) throw error;
        console.error(`${benchmark.name}: ${error.message}`);
        process.exitCode = 2;
        return null;
      });
    if (!result) continue;
    console.log(`\n${result.title}\n`);
    console.log(formatTable(result.table));
    for (const note of result.notes ?? []) console.log(`\n${note}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
