// The load generator for the benchmarks, in a process of its own so that it does not share
// the app's event loop: `node --import tsx bench/load-generator.ts '<json>'` drives one URL
// (or several, the connections shared out between them, as a proxy in front of several
// processes would) with a list of paths requested in turn, and prints one line of JSON with
// what it measured.
//
// Two ways to run: with autocannon for a number of requests or a duration (the default), or
// `until: 'stopped'`, which keeps every connection busy until its standard input closes (or
// `seconds` pass), then lets the requests under way finish and prints each request's start
// and time, so that a benchmark can keep load on a server for exactly as long as some other
// work runs and see every request that waited for it.
import http from 'node:http';
import autocannon from 'autocannon';

interface Job {
  url: string;
  /** More servers to share the connections with (each gets an equal part of them). */
  alsoUrls?: string[];
  cookie: string;
  seconds: number;
  connections: number;
  /** At least this many requests, for pages too slow to answer many in `seconds`. */
  amount?: number;
  /** Paths on `url` requested in turn (each connection takes the next one). */
  paths?: string[];
  until?: 'stopped';
}

export interface Measured {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  failed: number;
}

/** What `until: 'stopped'` prints: every request's start (ms since the epoch), time and status. */
export interface Samples {
  samples: [start: number, ms: number, status: number][];
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const paths = job.paths ?? [];
const urls = [job.url, ...(job.alsoUrls ?? [])];
/** The connections (and requests) for the `index`th server: an equal part, the rest to the first. */
const share = (total: number, index: number) =>
  Math.floor(total / urls.length) + (index < total % urls.length ? 1 : 0);

function percentiles(latencies: number[]) {
  const sorted = latencies.sort((a, b) => a - b);
  const at = (part: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * part))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

function driveWithAutocannon(url: string, index: number, latencies: number[]) {
  let next = index;
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: share(job.connections, index),
        ...(job.amount ? { amount: share(job.amount, index) } : { duration: job.seconds }),
        timeout: 300,
        headers: { cookie: job.cookie },
        ...(paths.length > 0 && {
          requests: [
            {
              method: 'GET' as const,
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                path: paths[next++ % paths.length]!,
              }),
            },
          ],
        }),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
}

async function withAutocannon() {
  const latencies: number[] = [];
  const results = await Promise.all(
    urls.map((url, index) => driveWithAutocannon(url, index, latencies)),
  );
  const measured: Measured = {
    requests: latencies.length,
    seconds: Math.max(...results.map((result) => result.duration)),
    ...percentiles(latencies),
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
  };
  return measured;
}

/** Each connection asks for the next path as soon as its last answer has arrived. */
async function untilStopped(): Promise<Samples> {
  let stopped = false;
  const stop = () => (stopped = true);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  if (job.seconds > 0) setTimeout(stop, job.seconds * 1000).unref();
  const samples: Samples['samples'] = [];
  let next = 0;
  const agents = urls.map(() => new http.Agent({ keepAlive: true, maxSockets: job.connections }));
  const get = (base: URL, agent: http.Agent, path: string) =>
    new Promise<number>((resolve) => {
      const request = http.get(
        { host: base.hostname, port: base.port, path, agent, headers: { cookie: job.cookie } },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', () => resolve(0));
        },
      );
      request.on('error', () => resolve(0));
    });
  const connection = async (index: number) => {
    const which = index % urls.length;
    const base = new URL(urls[which]!);
    while (!stopped) {
      const path = paths.length > 0 ? paths[next++ % paths.length]! : base.pathname;
      const start = Date.now();
      const began = performance.now();
      const status = await get(base, agents[which]!, path);
      samples.push([start, performance.now() - began, status]);
    }
  };
  // Said once every connection is about to send its first request: the run has begun.
  process.stderr.write('load generator started\n');
  await Promise.all(Array.from({ length: job.connections }, (_, index) => connection(index)));
  for (const agent of agents) agent.destroy();
  return { samples };
}

try {
  const output = job.until === 'stopped' ? await untilStopped() : await withAutocannon();
  process.stdout.write(`${JSON.stringify(output)}\n`);
} catch (error) {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
}
