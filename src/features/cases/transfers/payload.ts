// What a transfer carries. The receiving service cannot read the sending service's case (row-
// level security), so everything it will get is copied here when the transfer is asked for,
// and ONLY what the sender chose: the case summary, the people chosen (with their details and
// safe-contact instructions), assessment summaries of those people, case notes, and chosen
// documents. The case reference and whether it is a sexual violence or domestic abuse case
// always go, so the receiving service handles it safely.
import type { Tx } from '../../../db/actor-context.js';
import { peopleWithDetails } from '../facts.js';
import type { CaseRow } from '../kernel/index.js';

export const TRANSFER_KINDS = ['transfer', 'help_request'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** The parts a sender can choose besides people and documents, which are chosen one by one. */
export const TRANSFER_PARTS = ['summary', 'assessments', 'notes'] as const;
export type TransferPart = (typeof TRANSFER_PARTS)[number];

export interface PayloadParticipant {
  /** A reference inside the payload only ("p1"): the sender's row ids do not travel. */
  ref: string;
  role: string;
  connection: string | null;
  displayName: string;
  organisationName: string | null;
  forename: string | null;
  surname: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  email: string | null;
  postcode: string | null;
  establishment: string | null;
  interpreterLanguage: string | null;
  accessibilityNeeds: string | null;
  safePhone: string | null;
  mayLeaveMessage: boolean | null;
  preferredContact: string | null;
  preferredTimes: string | null;
  doNotContactVia: string | null;
  unsafeToContact: boolean;
  /**
   * The postal address letters go to, if one is recorded (payloads made before addresses
   * travelled carry none).
   */
  postalAddress?: PostalAddress | null;
}

export interface PostalAddress {
  line1: string;
  line2: string | null;
  town: string;
  postcode: string;
}

export interface TransferPayload {
  from: {
    service: string;
    caseReference: string;
    svDa: boolean;
    /** The safety flags (payloads made before they existed carry only svDa). */
    flags?: { sexualViolence: boolean; domesticAbuse: boolean; hateCrime: boolean };
  };
  summary?: {
    offenceGroup: string | null;
    /** What the harm was (payloads made before it was recorded carry none: a crime). */
    harmSetting?: string | null;
    crimeReference: string | null;
    cjsStage: string | null;
    referralReceivedOn: string | null;
    openedOn: string;
    stage: string;
  };
  participants?: PayloadParticipant[];
  assessments?: {
    participant: string;
    kind: string;
    summary: string | null;
    riskLevel: string | null;
    decision: string | null;
    recordedAt: string;
  }[];
  notes?: { body: string; writtenAt: string; author: string | null }[];
  documents?: {
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    /** The transfer's own copy of the file. */
    storageKey: string;
  }[];
}

export interface Choice {
  parts: TransferPart[];
  participantIds: string[];
  documentIds: string[];
}

/** The categories a transfer names, as kept in case_transfers.items. */
export function itemsOf(choice: Choice): string[] {
  return [
    ...(choice.parts.includes('summary') ? ['summary'] : []),
    ...(choice.participantIds.length ? ['participants'] : []),
    ...(choice.parts.includes('assessments') ? ['assessments'] : []),
    ...(choice.parts.includes('notes') ? ['notes'] : []),
    ...(choice.documentIds.length ? ['documents'] : []),
  ];
}

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : value);

/**
 * Copies what was chosen out of the sending case. `copyFile` makes the transfer's own copy of
 * a document's file and returns its key.
 */
export async function buildPayload(
  tx: Tx,
  options: {
    row: CaseRow;
    serviceName: string;
    choice: Choice;
    copyFile: (storageKey: string) => Promise<string>;
  },
): Promise<TransferPayload> {
  const { row, choice } = options;
  const payload: TransferPayload = {
    from: {
      service: options.serviceName,
      caseReference: row.reference,
      svDa: row.sv_da,
      flags: {
        sexualViolence: row.sexual_violence,
        domesticAbuse: row.domestic_abuse,
        hateCrime: row.hate_crime,
      },
    },
  };
  if (choice.parts.includes('summary')) {
    payload.summary = {
      offenceGroup: row.offenceGroup,
      harmSetting: row.harmSetting,
      crimeReference: row.crimeReference,
      cjsStage: row.cjsStage,
      referralReceivedOn: row.receivedOn,
      openedOn: iso(row.created_at),
      stage: row.stage,
    };
  }
  const refs = new Map<string, string>();
  if (choice.participantIds.length) {
    const people = await peopleWithDetails(tx, row.id)
      .where('case_participants.id', 'in', choice.participantIds)
      .execute();
    payload.participants = people.map((p, index) => {
      const ref = `p${index + 1}`;
      refs.set(p.id, ref);
      return {
        ref,
        role: p.role,
        connection: p.connection,
        displayName: p.display_name,
        organisationName: p.organisation_name,
        forename: p.forename,
        surname: p.surname,
        dateOfBirth: p.dateOfBirth,
        phone: p.phone,
        email: p.email,
        postcode: p.postcode,
        establishment: p.establishment,
        interpreterLanguage: p.interpreter_language,
        accessibilityNeeds: p.accessibility_needs,
        safePhone: p.safe_phone,
        mayLeaveMessage: p.may_leave_message,
        preferredContact: p.preferred_contact,
        preferredTimes: p.preferred_times,
        doNotContactVia: p.do_not_contact_via,
        unsafeToContact: p.unsafe_to_contact,
        postalAddress:
          p.address_line_1 && p.address_town && p.address_postcode
            ? {
                line1: p.address_line_1,
                line2: p.address_line_2,
                town: p.address_town,
                postcode: p.address_postcode,
              }
            : null,
      };
    });
  }
  // Assessments only of the people who go: nobody else's assessment travels with them.
  if (choice.parts.includes('assessments') && refs.size) {
    const assessments = await tx
      .selectFrom('case_assessments')
      .select(['participant_id', 'kind', 'summary', 'risk_level', 'decision', 'created_at'])
      .where('case_id', '=', row.id)
      .where('participant_id', 'in', [...refs.keys()])
      .orderBy('created_at')
      .execute();
    payload.assessments = assessments.map((a) => ({
      participant: refs.get(a.participant_id)!,
      kind: a.kind,
      summary: a.summary,
      riskLevel: a.risk_level,
      decision: a.decision,
      recordedAt: iso(a.created_at),
    }));
  }
  if (choice.parts.includes('notes')) {
    const notes = await tx
      .selectFrom('case_notes')
      .leftJoin('users', 'users.id', 'case_notes.created_by')
      .select(['case_notes.body', 'case_notes.created_at', 'users.name'])
      .where('case_notes.case_id', '=', row.id)
      .orderBy('case_notes.created_at')
      .execute();
    payload.notes = notes.map((n) => ({
      body: n.body,
      writtenAt: iso(n.created_at),
      author: n.name,
    }));
  }
  if (choice.documentIds.length) {
    const documents = await tx
      .selectFrom('case_documents')
      .select(['file_name', 'content_type', 'size_bytes', 'sha256', 'storage_key'])
      .where('case_id', '=', row.id)
      .where('id', 'in', choice.documentIds)
      .orderBy('created_at')
      .execute();
    payload.documents = [];
    for (const d of documents) {
      payload.documents.push({
        fileName: d.file_name,
        contentType: d.content_type,
        size: d.size_bytes,
        sha256: d.sha256,
        storageKey: await options.copyFile(d.storage_key),
      });
    }
  }
  return payload;
}

/** The storage keys of the files a payload carries (to clear up after a decline). */
export function payloadFiles(payload: unknown): string[] {
  const documents = (payload as TransferPayload | null)?.documents ?? [];
  return documents.map((d) => d.storageKey);
}
