import { operator, type Command } from '../../cli/command.js';
import { withServices } from '../../cli/runtime.js';

// API tokens are issued by an organisation's own administrators, on its API tokens page. The
// operator lists every organisation's tokens and revokes any, e.g. one that has leaked.
export const TOKEN_COMMANDS: Command[] = [
  {
    name: 'tokens revoke',
    summary: 'Revoke an API token by its id',
    usage: 'waymark tokens revoke ID',
    options: {},
    positionals: 1,
    async run(context, _flags, positionals) {
      const id = positionals[0]!;
      await withServices(context, 'tokens revoke', (services) =>
        services.apiTokens.revoke(operator('command line'), id),
      );
      context.out(`Revoked token ${id}.`);
      return 0;
    },
  },
  {
    name: 'tokens list',
    summary: 'List API tokens',
    usage: 'waymark tokens list',
    options: {},
    async run(context) {
      const tokens = await withServices(context, 'tokens list', (services) =>
        services.apiTokens.list(operator('command line')),
      );
      for (const token of tokens) {
        context.out(
          `${token.id}\t${token.orgSlug}\t${token.revokedAt ? 'revoked' : 'active'}\t${token.name}`,
        );
      }
      if (tokens.length === 0) context.out('No API tokens.');
      return 0;
    },
  },
];
