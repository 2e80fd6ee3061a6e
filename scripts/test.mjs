#!/usr/bin/env node
// `npm test`: every check and every test, in order, with one closing line of counts.
//   1. static checks: TypeScript, ESLint, Prettier, markup in templates built escaped,
//      dependency advisories recorded in security/advisories.json, circular imports
//   2. unit tests (pure domain and platform code)
//   3. integration tests on the embedded database (PGlite)
//   4. the same integration tests on a PostgreSQL server: TEST_DATABASE_URL if set, otherwise a
//      throwaway server started from Debian's postgresql package (scripts/postgres-server.sh)
//   5. browser journeys in Chromium with axe-core
// WAYMARK_SKIP_POSTGRES=1 skips step 4 (and says so in the closing line).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const results = path.join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const summary = [];
let failedSteps = 0;

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) failedSteps++;
  return result.status === 0;
}

function vitest(label, project, env = {}) {
  const output = path.join(results, `${label}.json`);
  run(
    label,
    'npx',
    [
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${output}`,
    ],
    env,
  );
  try {
    const report = JSON.parse(readFileSync(output, 'utf8'));
    summary.push({
      label,
      passed: report.numPassedTests,
      failed: report.numFailedTests + (report.numRuntimeErrors ?? 0),
      skipped: report.numPendingTests + report.numTodoTests,
    });
  } catch {
    summary.push({ label, passed: 0, failed: 1, skipped: 0 });
  }
}

const checks = [
  ['typescript', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['eslint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['prettier', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  ['templates', 'node', ['--import', 'tsx', 'scripts/check-templates.ts']],
  ['dependency advisories', 'node', ['--import', 'tsx', 'scripts/check-advisories.ts']],
  [
    'circular imports',
    'npx',
    ['madge', '--circular', '--extensions', 'ts', '--ts-config', 'tsconfig.json', 'src'],
  ],
];
for (const [label, command, args] of checks) {
  const ok = run(label, command, args);
  summary.push({ label, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, check: true });
}

vitest('unit', 'unit');
vitest('int-pglite', 'int', { WAYMARK_TEST_DB: 'pglite' });

let postgresUrl = process.env.TEST_DATABASE_URL;
let throwaway;
if (process.env.WAYMARK_SKIP_POSTGRES === '1') {
  summary.push({
    label: 'int-postgres',
    passed: 0,
    failed: 0,
    skipped: 0,
    note: 'skipped (WAYMARK_SKIP_POSTGRES=1)',
  });
} else {
  if (!postgresUrl) {
    throwaway = path.join(tmpdir(), `waymark-test-pg-${process.pid}`);
    const port = String(55_000 + (process.pid % 5000));
    const started = spawnSync(
      path.join(root, 'scripts/postgres-server.sh'),
      ['start', throwaway, port],
      { encoding: 'utf8' },
    );
    if (started.status === 0) postgresUrl = started.stdout.trim();
    else
      process.stderr.write(
        `Could not start a PostgreSQL server for the tests:\n${started.stderr}\nSet TEST_DATABASE_URL, or WAYMARK_SKIP_POSTGRES=1 to skip.\n`,
      );
  }
  if (postgresUrl)
    vitest('int-postgres', 'int', { WAYMARK_TEST_DB: 'postgres', TEST_DATABASE_URL: postgresUrl });
  else summary.push({ label: 'int-postgres', passed: 0, failed: 1, skipped: 0 });
  if (throwaway) {
    spawnSync(path.join(root, 'scripts/postgres-server.sh'), ['stop', throwaway]);
    rmSync(throwaway, { recursive: true, force: true });
  }
}

vitest('e2e', 'e2e');

const tests = summary.filter((s) => !s.check);
const passed = tests.reduce((n, s) => n + s.passed, 0);
const failed = tests.reduce((n, s) => n + s.failed, 0);
const checksFailed = summary.filter((s) => s.check && s.failed).map((s) => s.label);
process.stdout.write('\n');
for (const s of summary) {
  process.stdout.write(
    `  ${s.label.padEnd(18)} ${s.check ? (s.failed ? 'FAILED' : 'ok') : (s.note ?? `${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`)}\n`,
  );
}
process.stdout.write(
  `\nTests: ${passed} passed, ${failed} failed${checksFailed.length ? `; checks failed: ${checksFailed.join(', ')}` : '; all checks passed'}\n`,
);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
