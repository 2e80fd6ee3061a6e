import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../main.js';

async function waymark(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('help for a group of commands', () => {
  it('lists the users commands for "users --help" and "users"', async () => {
    for (const args of [['users', '--help'], ['users'], ['users', 'help']]) {
      const result = await waymark(args);
      expect(result.code, args.join(' ')).toBe(EXIT.ok);
      expect(result.out).toContain('users add');
      expect(result.err).not.toContain('unknown command');
    }
  });

  it('still calls a sub-command that does not exist unknown, and lists the real ones', async () => {
    const result = await waymark(['users', 'remove']);
    expect(result.code).toBe(EXIT.usage);
    expect(result.err).toContain('unknown command "users remove"');
    expect(result.err).toContain('users add');
  });
});
