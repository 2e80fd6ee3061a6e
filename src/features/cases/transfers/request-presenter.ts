// The request form's choices (where to, what for, what goes with it), the transfers of a case
// and of a service, and a transfer's page, in words: pure functions of what was read and typed.
import type { Translate } from '../../../platform/i18n/index.js';
import { TRANSFER_KINDS, TRANSFER_PARTS } from './payload.js';

export const STATUS_COLOURS: Record<string, string> = {
  requested: 'blue',
  accepted: 'green',
  declined: 'grey',
};

const asList = (value: unknown) =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value]).map(String);

export interface RequestFormView {
  services: { id: string; name: string; area: string | null }[];
  participants: { id: string; name: string; role: string; consent: string }[];
  documents: { id: string; fileName: string }[];
  transfers: {
    id: string;
    kind: string;
    toService: string;
    requestedAt: Date;
    status: string;
  }[];
}

/** The request form's choices, as typed (or as first shown: the summary goes). */
export function requestChoices(
  view: RequestFormView,
  values: Record<string, unknown>,
  t: Translate,
) {
  const chosen = (name: string) => new Set(asList(values[name]));
  return {
    serviceItems: [
      { value: '', text: t('cases.transfers.form.chooseService') },
      ...view.services.map((s) => ({
        value: s.id,
        text: s.area ? `${s.name} (${s.area})` : s.name,
        selected: values.to_org === s.id,
      })),
    ],
    kindItems: TRANSFER_KINDS.map((kind) => ({
      value: kind,
      text: t(`cases.transfers.kinds.${kind}`),
      hint: { text: t(`cases.transfers.kindHints.${kind}`) },
      checked: values.kind === kind,
    })),
    partItems: TRANSFER_PARTS.map((part) => ({
      value: part,
      text: t(`cases.transfers.parts.${part}`),
      hint: { text: t(`cases.transfers.partHints.${part}`) },
      checked: chosen('items').has(part),
    })),
    participantItems: view.participants.map((p) => ({
      value: p.id,
      text: p.name,
      hint: { text: `${t(`cases.roles.${p.role}`)}, ${t(`cases.consent.${p.consent}`)}` },
      checked: chosen('participants').has(p.id),
    })),
    documentItems: view.documents.map((d) => ({
      value: d.id,
      text: d.fileName,
      checked: chosen('documents').has(d.id),
    })),
    transfers: view.transfers.map((tr) => ({
      href: `/transfers/${tr.id}`,
      text: t(`cases.transfers.kinds.${tr.kind}`),
      toService: tr.toService,
      requestedAt: tr.requestedAt,
      status: t(`cases.transfers.statuses.${tr.status}`),
      colour: STATUS_COLOURS[tr.status],
    })),
  };
}
