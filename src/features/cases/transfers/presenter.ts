// What a transfer carries, in words, for the GOV.UK summary lists on the transfer's page.
import { formatDate, formatDateTime } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { offenceText } from '../presenters.js';
import type { PayloadParticipant, TransferPayload } from './payload.js';

type Row = { key: { text: string }; value: { text: string } };

const row = (key: string, value: string): Row => ({ key: { text: key }, value: { text: value } });

function participantRows(p: PayloadParticipant, t: Translate): Row[] {
  const k = (name: string) => t(`cases.transfers.fields.${name}`);
  const yesNo = (value: boolean | null) =>
    value === null ? t('cases.notRecorded') : value ? t('common.yes') : t('common.no');
  const rows: [string, string | null][] = [
    ['role', t(`cases.roles.${p.role}`)],
    ['organisation', p.organisationName],
    ['dateOfBirth', p.dateOfBirth ? formatDate(p.dateOfBirth) : null],
    ['phone', p.phone],
    ['email', p.email],
    ['postcode', p.postcode],
    [
      'postalAddress',
      p.postalAddress
        ? [
            p.postalAddress.line1,
            p.postalAddress.line2,
            p.postalAddress.town,
            p.postalAddress.postcode,
          ]
            .filter(Boolean)
            .join(', ')
        : null,
    ],
    ['establishment', p.establishment],
    ['interpreter', p.interpreterLanguage],
    ['accessibility', p.accessibilityNeeds],
    ['safePhone', p.safePhone],
    [
      'mayLeaveMessage',
      p.safePhone || p.mayLeaveMessage !== null ? yesNo(p.mayLeaveMessage) : null,
    ],
    ['preferredContact', p.preferredContact],
    ['preferredTimes', p.preferredTimes],
    ['doNotContactVia', p.doNotContactVia],
    ['unsafe', p.unsafeToContact ? t('cases.transfers.fields.unsafeYes') : null],
  ];
  return rows.filter(([, value]) => value).map(([key, value]) => row(k(key), value!));
}

export function presentPayload(payload: TransferPayload, t: Translate) {
  const none = t('cases.notRecorded');
  const names = new Map((payload.participants ?? []).map((p) => [p.ref, p.displayName]));
  return {
    from: payload.from,
    summaryRows: payload.summary
      ? [
          row(
            t('cases.summary.offence'),
            offenceText({ harmSetting: null, ...payload.summary }, t),
          ),
          row(t('cases.summary.crimeReference'), payload.summary.crimeReference ?? none),
          row(
            t('cases.summary.cjsStage'),
            payload.summary.cjsStage
              ? t(`referrals.options.cjsStage.${payload.summary.cjsStage}`)
              : none,
          ),
          row(
            t('cases.transfers.fields.receivedOn'),
            payload.summary.referralReceivedOn
              ? formatDate(payload.summary.referralReceivedOn)
              : none,
          ),
          row(t('cases.summary.opened'), formatDate(payload.summary.openedOn)),
          row(t('cases.summary.stage'), t(`cases.stages.${payload.summary.stage}`)),
        ]
      : undefined,
    people: payload.participants?.map((p) => ({
      name: p.displayName,
      unsafe: p.unsafeToContact,
      rows: participantRows(p, t),
    })),
    assessments: payload.assessments?.map((a) => ({
      title: t('cases.transfers.assessmentTitle', {
        kind: t(`cases.transfers.assessmentKinds.${a.kind}`),
        name: names.get(a.participant) ?? '',
        date: formatDate(a.recordedAt),
      }),
      rows: [
        ...(a.riskLevel
          ? [row(t('cases.transfers.fields.risk'), t(`cases.transfers.riskLevels.${a.riskLevel}`))]
          : []),
        ...(a.decision
          ? [
              row(
                t('cases.transfers.fields.decision'),
                t(`cases.transfers.decisions.${a.decision}`),
              ),
            ]
          : []),
        row(t('cases.transfers.fields.assessmentSummary'), a.summary ?? none),
      ],
    })),
    notes: payload.notes?.map((n) => ({
      byline: `${formatDateTime(n.writtenAt)}${n.author ? `, ${n.author}` : ''}`,
      body: n.body,
    })),
    documents: payload.documents?.map((d) => d.fileName),
  };
}
