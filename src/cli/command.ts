// What a waymark command is: its name (one or two words), flags, and what it does.
import type { SystemActor } from '../domain/roles.js';
import type { CliContext } from './runtime.js';

export type Flags = Record<string, string | boolean | undefined>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  required?: string[];
  /** How many positional arguments the command takes (0 when left out), e.g. a FILE or an ID. */
  positionals?: number;
  run(context: CliContext, flags: Flags, positionals: string[]): Promise<number>;
}

/** The person at the command line, acting for an organisation when a command names one. */
export const operator = (name: string, orgId: string | null = null): SystemActor => ({
  kind: 'system',
  orgId,
  name,
});
