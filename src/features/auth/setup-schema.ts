import { z } from 'zod';
import { ORGANISATION_KINDS } from '../../domain/organisations.js';
import {
  choice,
  emailAddress,
  optionalText,
  password,
  requiredText,
} from '../../platform/forms.js';

/** The first administrator and their organisation, from the one-time set-up page. */
export const setupSchema = z.object({
  name: requiredText('users.errors.nameRequired', 120),
  email: emailAddress('users.errors.emailRequired', 'users.errors.emailInvalid'),
  orgName: requiredText('organisations.errors.nameRequired', 120),
  orgKind: choice(ORGANISATION_KINDS, 'organisations.errors.kindRequired'),
  area: optionalText(60),
  password: password('passwords.errors.required'),
  confirmPassword: password('passwords.errors.confirmRequired'),
});
