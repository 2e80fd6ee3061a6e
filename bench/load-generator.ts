// The load generator for the benchmarks, in a process of its own so that it does not share
// the app's event loop: `node --import tsx bench/load-generator.ts '<json>'` drives one URL
// (or a list of paths on it, in turn) with autocannon and prints one line of JSON with what it
// measured.
import autocannon from 'autocannon';

interface Job {
  url: string;
  cookie: string;
  seconds: number;
  connections: number;
  /** At least this many requests, for pages too slow to answer many in `seconds`. */
  amount?: number;
  /** Paths on `url` requested in turn (each connection takes the next one). */
  paths?: string[];
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const latencies: number[] = [];
let next = 0;
const paths = job.paths ?? [];
const instance = autocannon(
  {
    url: job.url,
    connections: job.connections,
    ...(job.amount ? { amount: job.amount } : { duration: job.seconds }),
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
  (error, result) => {
    if (error) {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    }
    const sorted = latencies.sort((a, b) => a - b);
    const at = (share: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
    process.stdout.write(
      `${JSON.stringify({
        requests: latencies.length,
        seconds: result.duration,
        p50: at(0.5),
        p99: at(0.99),
        failed: result.non2xx + result.errors + result.timeouts,
      })}\n`,
    );
  },
);
instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
