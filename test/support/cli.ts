// The command line as the tests run it: through the function `waymark` runs, with no input.
import { runCli } from '../../src/main.js';

/** Runs `waymark ARGS` in an environment; answers the exit code and what it printed. */
export async function runWaymark(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env,
    readStdin: async () => '',
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
