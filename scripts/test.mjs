#!/usr/bin/env node
// `npm test`: every check and every test, with one closing line of counts and how long each
// step took.
//   - static checks: TypeScript, ESLint, Prettier, markup in templates built escaped, dependency
//     advisories recorded in security/advisories.json, circular imports (src, bench and test). They
//     touch no database and wait on nothing, so they run one after another at a lower priority
//     alongside the tests, on the CPU time the tests leave idle; their output is printed at the
//     end (in full if one fails).
//   then, one after another:
//   1. unit tests (pure domain and platform code)
//   2. integration tests on the embedded database (PGlite)
//   3. the same integration tests on a PostgreSQL server: TEST_DATABASE_URL if set, otherwise a
//      throwaway server started from Debian's postgresql package (scripts/postgres-server.sh)
//   4. browser journeys in Chromium with axe-core
// WAYMARK_SKIP_POSTGRES=1 skips step 3 and says so in the closing line; under CI (CI set, and
// not "false" or "0") it is refused and the run fails, so CI cannot pass without PostgreSQL.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const results = path.join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const inCI = Boolean(process.env.CI) && !['false', '0'].includes(process.env.CI ?? '');
const started = Date.now();
const loadAtStart = loadavg()[0];
const summary = [];
let failedSteps = 0;

const since = (start) => (Date.now() - start) / 1000;
/** 12.3 s, or 4 min 0 s: rounded before it is split, so never "60.0 s" or "3 min 60 s". */
function duration(seconds) {
  if (seconds < 59.95) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** Runs a command to its end; its output goes to the terminal, or is kept when `quiet`. */
function exec(command, args, { env = {}, quiet = false, nice = false } = {}) {
  return new Promise((resolve) => {
    const [file, argv] = nice ? ['nice', ['-n', '10', command, ...args]] : [command, args];
    const child = spawn(file, argv, {
      cwd: root,
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ ok: false, output: `${output}${error.message}\n` }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

const STATIC_CHECKS = [
  ['typescript', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['eslint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['prettier', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  ['templates', 'node', ['--import', 'tsx', 'scripts/check-templates.ts']],
  ['dependency advisories', 'node', ['--import', 'tsx', 'scripts/check-advisories.ts']],
  [
    'circular imports',
    'npx',
    [
      'madge',
      '--circular',
      '--extensions',
      'ts',
      '--ts-config',
      'tsconfig.json',
      'src',
      'bench',
      'test',
    ],
  ],
];

async function staticChecks() {
  const done = [];
  for (const [label, command, args] of STATIC_CHECKS) {
    const start = Date.now();
    const { ok, output } = await exec(command, args, { quiet: true, nice: true });
    done.push({ label, ok, output, seconds: since(start) });
  }
  return done;
}

async function vitest(label, project, env = {}) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const output = path.join(results, `${label}.json`);
  const start = Date.now();
  const { ok } = await exec(
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
    { env },
  );
  if (!ok) failedSteps++;
  const seconds = since(start);
  try {
    const report = JSON.parse(readFileSync(output, 'utf8'));
    summary.push({
      label,
      seconds,
      passed: report.numPassedTests,
      failed: report.numFailedTests + (report.numRuntimeErrors ?? 0),
      skipped: report.numPendingTests + report.numTodoTests,
      failures: failuresIn(report),
    });
  } catch {
    summary.push({ label, seconds, passed: 0, failed: 1, skipped: 0 });
  }
}

/**
 * The failed tests of a vitest JSON report, each with the start of its message. They are
 * printed again at the very end, because CI keeps only the tail of a long run's output.
 */
function failuresIn(report) {
  const failures = [];
  for (const file of report.testResults ?? []) {
    const name = path.relative(root, file.name);
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests) {
      const message = (t.failureMessages ?? []).join('\n').split('\n').slice(0, 6).join('\n    ');
      failures.push(`${name} > ${t.fullName}\n    ${message}`);
    }
    if (failedTests.length === 0 && file.status === 'failed') {
      failures.push(
        `${name}\n    ${String(file.message ?? '')
          .split('\n')
          .slice(0, 6)
          .join('\n    ')}`,
      );
    }
  }
  return failures;
}

/** The PostgreSQL server for step 3: TEST_DATABASE_URL, or a throwaway one started now. */
async function postgresServer() {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL };
  const dir = path.join(tmpdir(), `waymark-test-pg-${process.pid}`);
  const port = String(55_000 + (process.pid % 5000));
  const script = path.join(root, 'scripts/postgres-server.sh');
  const { ok, output } = await exec(script, ['start', dir, port], { quiet: true });
  const stop = async () => {
    await exec(script, ['stop', dir], { quiet: true });
    rmSync(dir, { recursive: true, force: true });
  };
  if (ok) return { url: output.trim().split('\n').at(-1), stop };
  process.stderr.write(
    `Could not start a PostgreSQL server for the tests:\n${output}\nSet TEST_DATABASE_URL, or WAYMARK_SKIP_POSTGRES=1 to skip (not under CI).\n`,
  );
  await stop();
  return { url: undefined };
}

const skipPostgres = process.env.WAYMARK_SKIP_POSTGRES === '1';
const checks = staticChecks();
// Started now so the server is up by the time step 3 needs it.
const server = skipPostgres ? undefined : postgresServer();
// Interrupted (Ctrl+C), the run stops its throwaway server on the way out.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await (await server)?.stop?.();
    process.exit(130);
  });
}

await vitest('unit', 'unit');
await vitest('int-pglite', 'int', { WAYMARK_TEST_DB: 'pglite' });

if (skipPostgres && inCI) {
  process.stdout.write('\n=== int-postgres ===\nRefused: WAYMARK_SKIP_POSTGRES=1 under CI.\n');
  summary.push({
    label: 'int-postgres',
    passed: 0,
    failed: 1,
    skipped: 0,
    note: 'FAILED: WAYMARK_SKIP_POSTGRES=1 is not allowed under CI',
  });
} else if (skipPostgres) {
  summary.push({ label: 'int-postgres', note: 'skipped (WAYMARK_SKIP_POSTGRES=1)' });
} else {
  const { url, stop } = await server;
  if (url)
    await vitest('int-postgres', 'int', { WAYMARK_TEST_DB: 'postgres', TEST_DATABASE_URL: url });
  else summary.push({ label: 'int-postgres', passed: 0, failed: 1, skipped: 0 });
  await stop?.();
}

await vitest('e2e', 'e2e');

const finishedChecks = await checks;
for (const check of finishedChecks.filter((c) => !c.ok)) {
  process.stdout.write(`\n=== ${check.label} (run alongside the tests): FAILED ===\n`);
  process.stdout.write(`${check.output.trimEnd()}\n`);
  failedSteps++;
}
summary.unshift(
  ...finishedChecks.map((c) => ({
    label: c.label,
    seconds: c.seconds,
    check: true,
    failed: c.ok ? 0 : 1,
  })),
);

const tests = summary.filter((s) => !s.check);
const passed = tests.reduce((n, s) => n + (s.passed ?? 0), 0);
const failed = tests.reduce((n, s) => n + (s.failed ?? 0), 0);
const checksFailed = summary.filter((s) => s.check && s.failed).map((s) => s.label);
process.stdout.write('\n');
for (const s of summary) {
  const outcome = s.check
    ? s.failed
      ? 'FAILED'
      : 'ok'
    : (s.note ??
      `${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`);
  const took = s.seconds === undefined ? '' : `  (${duration(s.seconds)})`;
  process.stdout.write(`  ${s.label.padEnd(18)} ${outcome}${took}\n`);
}
for (const s of tests.filter((t) => t.failures?.length)) {
  process.stdout.write(`\nFailed in ${s.label}:\n`);
  for (const failure of s.failures) process.stdout.write(`  ${failure}\n`);
}
process.stdout.write(
  `\nTests: ${passed} passed, ${failed} failed${checksFailed.length ? `; checks failed: ${checksFailed.join(', ')}` : '; all checks passed'}` +
    ` (${duration(since(started))}; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end)\n`,
);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
