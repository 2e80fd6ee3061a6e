// The question pages of the People tab declared once (platform/form-page.ts): someone's postal
// address, for the address block of the letters made for them.
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { addressBlock, postalAddressOf } from '../../../domain/postal-address.js';
import { fieldsUnder, type Field } from '../../../platform/fields.js';
import type { Params } from '../../../platform/form-page.js';
import type { Services } from '../../../services.js';
import { caseFormPages } from '../form-pages.js';

const field = fieldsUnder('cases.address.fields');

export const ADDRESS_FIELDS: Field[] = [
  field('address_line_1', 'text', { words: 'line1' }),
  field('address_line_2', 'text', { words: 'line2', optional: true }),
  field('address_town', 'text', { words: 'town', width: 'govuk-!-width-two-thirds' }),
  field('address_postcode', 'text', { words: 'postcode', width: 'govuk-input--width-10' }),
];

const personHref = (params: Params) => `/cases/${params.id}/people/${params.pid}`;

export function registerPeoplePages(
  app: FastifyInstance,
  guard: preHandlerHookHandler,
  services: Services,
) {
  const page = caseFormPages(app, guard, 'people');

  page({
    path: '/cases/:id/people/:pid/address',
    load: (request, params) => services.people.get(request.actor!, params.id!, params.pid!),
    title: 'cases.address.title',
    submit: 'cases.address.save',
    fields: ADDRESS_FIELDS,
    context: ({ participant }, _params, t) => [
      { key: { text: t('cases.address.for') }, value: { text: participant.display_name } },
    ],
    intro: ({ participant }, _params, t) =>
      t(postalAddressOf(participant) ? 'cases.address.introChange' : 'cases.address.intro'),
    initial: ({ participant }) => ({
      address_line_1: participant.address_line_1 ?? '',
      address_line_2: participant.address_line_2 ?? '',
      address_town: participant.address_town ?? '',
      address_postcode: participant.address_postcode ?? '',
    }),
    back: (params) => ({ href: personHref(params), text: 'common.cancel' }),
    save: async (request, params, input) => {
      await services.people.changeAddress(request.actor!, params.id!, params.pid!, input);
      return `${personHref(params)}?done=address`;
    },
  });
}

/** Someone's address as the letter prints it, a line each (empty when none is recorded). */
export function addressLines(participant: Parameters<typeof postalAddressOf>[0]): string[] {
  const address = postalAddressOf(participant);
  return address ? addressBlock('', address) : [];
}
