import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';
import { choice, emailAddress, optionalText, requiredText } from '../../platform/forms.js';

export const newUserSchema = z.object({
  /** An organisation's slug; left out, the actor's own organisation. */
  org: optionalText(60),
  name: requiredText('users.errors.nameRequired', 120),
  email: emailAddress('users.errors.emailRequired', 'users.errors.emailInvalid'),
  role: choice(ROLES, 'users.errors.roleRequired'),
  /** Only the command line sets a password directly; the web issues a one-time link. */
  password: optionalText(256),
});
export type NewUser = z.output<typeof newUserSchema>;

export const userFilterSchema = z.object({
  role: z.enum(ROLES).optional().catch(undefined),
  org: optionalText(60).catch(undefined),
  search: optionalText(120).catch(undefined),
});
