import { z } from 'zod';
import { ORGANISATION_KINDS, SLUG_PATTERN } from '../../domain/organisations.js';
import { choice, optionalText, requiredText } from '../../platform/forms.js';

/** A new organisation, from the admin page or `waymark orgs add`. */
export const newOrganisationSchema = z.object({
  name: requiredText('organisations.errors.nameRequired', 120),
  kind: choice(ORGANISATION_KINDS, 'organisations.errors.kindRequired'),
  area: optionalText(60),
  slug: optionalText(60).pipe(
    z.string().regex(SLUG_PATTERN, { error: 'organisations.errors.slugInvalid' }).optional(),
  ),
});
export type NewOrganisation = z.output<typeof newOrganisationSchema>;
