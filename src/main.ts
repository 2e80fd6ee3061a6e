// The waymark command line: `waymark <command> [flags]`. See `waymark help`.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { DataDirBusyError } from './db/data-dir-lock.js';
import type { Command } from './cli/command.js';
import { COMMANDS, FLAG_FOR_FIELD } from './cli/commands.js';
import { describeFieldErrors, UsageError, type CliContext, type Output } from './cli/runtime.js';
import { isAppError } from './platform/errors.js';
import { commandLineContext, enterContext } from './platform/request-context.js';
import { VERSION } from './version.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, busy: 3, config: 78 } as const;

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `Waymark ${VERSION}: case management and outcome measurement for restorative justice services.`,
    '',
    'Usage: waymark <command> [flags]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "waymark <command> --help" for a command\'s flags.',
    'Configuration comes from environment variables; see README.md.',
  ].join('\n');
}

function groupHelp(name: string, group: Command[]): string {
  const width = Math.max(...group.map((c) => c.name.length));
  return [
    `The ${name} commands:`,
    ...group.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run "waymark ${group[0]!.name} --help" for a command's flags.`,
  ].join('\n');
}

function findCommand(args: string[]): { command: Command; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = args.slice(0, words).join(' ');
    const command = COMMANDS.find((c) => c.name === name);
    if (command) return { command, rest: args.slice(words) };
  }
  return undefined;
}

function parseFlags(command: Command, rest: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const expected = command.positionals ?? 0;
    if (positionals.length > expected)
      throw new UsageError(`Unexpected argument "${positionals[expected]}"`);
    if (positionals.length < expected)
      throw new UsageError(
        `Missing ${
          command.usage
            .split(' ')
            .filter((w) => /^[A-Z]+$/.test(w))
            .slice(positionals.length)
            .join(' ') || 'argument'
        }`,
      );
    return { flags: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // node:util's messages name the flag: "Unknown option '--colour'", "Option '--name <value>' argument missing".
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
}

export async function runCli(
  args: string[],
  io: Output & { env?: NodeJS.ProcessEnv; readStdin?: () => Promise<string> },
): Promise<number> {
  if (args.length === 0 || args[0] === 'help' || args[0] === '--help' || args[0] === '-h') {
    io.out(helpText());
    return args.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (args[0] === '--version' || args[0] === 'version') {
    io.out(VERSION);
    return EXIT.ok;
  }
  const found = findCommand(args);
  const group = found ? [] : COMMANDS.filter((c) => c.name.startsWith(`${args[0]} `));
  if (group.length > 0) {
    // A group of commands ("users", "orgs"): what it holds, and whether that was asked for.
    const asked = args.length === 1 || ['--help', '-h', 'help'].includes(args[1]!);
    if (!asked) io.err(`waymark: unknown command "${args.slice(0, 2).join(' ')}"`);
    if (asked) io.out(groupHelp(args[0]!, group));
    else io.err(groupHelp(args[0]!, group));
    return asked ? EXIT.ok : EXIT.usage;
  }
  if (!found) {
    io.err(`waymark: unknown command "${args.slice(0, 2).join(' ')}"`);
    io.err('Run "waymark help" to see the commands.');
    return EXIT.usage;
  }
  const { command, rest } = found;
  // Audit events the command writes name it as their request, and the operator as their address.
  enterContext(commandLineContext());
  try {
    if (rest.includes('--help')) {
      io.out(`${command.summary}\n\nUsage: ${command.usage}`);
      return EXIT.ok;
    }
    const { flags, positionals } = parseFlags(command, rest);
    const missing = (command.required ?? []).filter((name) => typeof flags[name] !== 'string');
    if (missing.length > 0)
      throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}`);
    const context: CliContext = {
      ...io,
      config: loadConfig(io.env ?? process.env),
      readStdin: io.readStdin ?? readAllStdin,
    };
    return await command.run(context, flags, positionals);
  } catch (error) {
    return reportError(io, command, error);
  }
}

function reportError(io: Output, command: Command, error: unknown): number {
  if (error instanceof UsageError) {
    io.err(`waymark ${command.name}: ${error.message}`);
    io.err(`Usage: ${command.usage}`);
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    io.err(error.message);
    return EXIT.config;
  }
  if (error instanceof DataDirBusyError) {
    io.err(error.message);
    return EXIT.busy;
  }
  if (isAppError(error)) {
    io.err(`waymark ${command.name}: ${describeFieldErrors(error, FLAG_FOR_FIELD)}`);
    return error.kind === 'validation' ? EXIT.usage : EXIT.failed;
  }
  io.err(`waymark ${command.name} failed: ${(error as Error).message}`);
  return EXIT.failed;
}

async function readAllStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError(
      '--password-stdin needs the password piped in, e.g. printf %s "$PASSWORD" | waymark users add ...',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
