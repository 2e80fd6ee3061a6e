import { operator, type Command } from '../../cli/command.js';
import { withServices } from '../../cli/runtime.js';

export const TOKEN_COMMANDS: Command[] = [
  {
    name: 'tokens issue',
    summary: "Issue an API token for an organisation's system (printed once)",
    usage: 'waymark tokens issue --org SLUG [--name NAME]',
    options: { org: { type: 'string' }, name: { type: 'string' } },
    required: ['org'],
    async run(context, flags) {
      const issued = await withServices(context, 'tokens issue', (services) =>
        services.apiTokens.issue(operator('command line'), { org: flags.org, name: flags.name }),
      );
      context.out(`Issued token ${issued.id} for ${issued.orgName}.`);
      context.out(
        `Token (shown only now; send it as "Authorization: Bearer <token>"): ${issued.token}`,
      );
      return 0;
    },
  },
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
