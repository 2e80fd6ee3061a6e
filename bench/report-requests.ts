// Measuring report requests, for the figures and ten-million benchmarks: a page asked for one
// at a time and then under load (the load generator in a process of its own), and the store's
// refresh after some cases change, timed as the product runs it.
import { spawn } from 'node:child_process';
import type { OwnerSession } from '../src/db/connect.js';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export interface Measure {
  name: string;
  alone: number;
  requestsPerSecond: number | null;
  p50: number;
  p99: number;
}

/** One page: five requests one at a time (checked), then the load generator's figures. */
export async function drive(
  base: string,
  path: string,
  cookie: string,
  expect: string,
  name: string,
): Promise<Measure> {
  const times: number[] = [];
  for (let n = 0; n < 5; n++) {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    const body = Buffer.from(await response.arrayBuffer());
    times.push(performance.now() - started);
    if (response.status !== 200 || !body.includes(expect))
      throw new Error(
        `${name}: GET ${path} answered ${response.status}${response.status === 200 ? ` without "${expect}"` : ''}`,
      );
  }
  const alone = median(times.slice(1));
  const job = {
    url: `${base}${path}`,
    cookie,
    seconds: SECONDS,
    connections: CONNECTIONS,
    ...(alone * 20 > SECONDS * 1000 ? { amount: 20 } : {}),
  };
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/load-generator.ts', JSON.stringify(job)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`${name}: the load generator failed`)),
    );
  });
  const result = JSON.parse(output) as {
    requests: number;
    seconds: number;
    p50: number;
    p99: number;
    failed: number;
  };
  if (result.failed > 0) throw new Error(`${name}: ${result.failed} requests failed under load`);
  return {
    name,
    alone,
    requestsPerSecond: result.requests / result.seconds,
    p50: result.p50,
    p99: result.p99,
  };
}

/** Time to refresh the store after `count` cases change (one statement marks them). */
export async function refreshAfter(
  owner: OwnerSession,
  orgId: string,
  count: number,
): Promise<number> {
  await owner.query(
    `update cases set updated_at = now() where id in (select id from cases where org_id = $1 order by random() limit ${count})`,
    [orgId],
  );
  const started = performance.now();
  // Step after step until done, as the product's refresh does (src/features/aggregates/service.ts).
  let through: string | null = null;
  for (;;) {
    const [step]: { through: string | null; done: boolean }[] = await owner.query(
      'select through::text as through, done from refresh_aggregates(through_mark => $1::bigint)',
      [through],
    );
    if (!step || step.done) break;
    through = step.through;
  }
  return performance.now() - started;
}
