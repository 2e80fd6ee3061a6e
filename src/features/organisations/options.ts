import { ORGANISATION_KINDS } from '../../domain/organisations.js';
import type { Translate } from '../../platform/i18n/index.js';

export interface Option {
  value: string;
  text: string;
}

export function kindOptions(t: Translate, emptyKey = 'common.choose'): Option[] {
  return [
    { value: '', text: t(emptyKey) },
    ...ORGANISATION_KINDS.map((kind) => ({ value: kind, text: t(`organisationKinds.${kind}`) })),
  ];
}

export function areaOptions(
  areas: { id: string; name: string }[],
  t: Translate,
  emptyKey = 'organisations.noArea',
): Option[] {
  return [
    { value: '', text: t(emptyKey) },
    ...areas.map((area) => ({ value: area.id, text: area.name })),
  ];
}

/** The select lists for choosing an organisation's kind and police force area. */
export async function organisationOptions(
  services: { organisations: { areas(): Promise<{ id: string; name: string }[]> } },
  t: Translate,
) {
  return {
    kindOptions: kindOptions(t),
    areaOptions: areaOptions(await services.organisations.areas(), t),
  };
}
