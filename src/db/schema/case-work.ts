// Tables of the work recorded on a case (migration 0004 and later): agreements and payments,
// follow-ups, time, documents, notes, the timeline, transfers and updates given to people.
import type { Generated, GeneratedJson, GeneratedTimestamp, IsoDate, Timestamp } from './types.js';

export interface CaseAgreementItemsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  kind: string;
  description: string;
  owed_by_participant_id: string | null;
  owed_to_participant_id: string | null;
  due_on: IsoDate | null;
  amount_pence: number | null;
  completed_on: IsoDate | null;
  created_at: GeneratedTimestamp;
}

export interface CaseAgreementPaymentsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  item_id: string;
  paid_on: IsoDate;
  amount_pence: number;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
}

/** Migration 0032: an instalment plan for a restitution item (one per item). */
export interface CaseAgreementPlansTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  item_id: string;
  instalment_pence: number;
  frequency: 'weekly' | 'fortnightly' | 'monthly';
  first_due_on: IsoDate;
  paid_before_pence: Generated<number>;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface CaseFollowUpsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  participant_id: string | null;
  due_on: IsoDate;
  done_on: IsoDate | null;
  notes: string | null;
  created_at: GeneratedTimestamp;
}

export interface CaseTimeEntriesTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  user_id: string;
  worked_on: IsoDate;
  kind: string;
  minutes: number;
  /** numeric(7,1): read as a number. */
  miles: Generated<number>;
  notes: string | null;
  created_at: GeneratedTimestamp;
}

export interface CaseDocumentsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
  sha256: string;
  origin: Generated<'upload' | 'generated' | 'transfer'>;
  uploaded_by: string | null;
  created_at: GeneratedTimestamp;
  /** Added by migration 0021: why a letter went against a safe-contact instruction. */
  safe_contact_reason: string | null;
}

export interface CaseNotesTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  body: string;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface CaseEventsTable {
  id: Generated<number>;
  org_id: string;
  case_id: string;
  occurred_at: GeneratedTimestamp;
  kind: string;
  params: GeneratedJson;
  actor_id: string | null;
  /** Added by migration 0023: the day it happened, when not the day it was recorded. */
  happened_on: IsoDate | null;
}

export interface CaseTransfersTable {
  id: Generated<string>;
  case_id: string;
  from_org_id: string;
  to_org_id: string;
  kind: 'transfer' | 'help_request';
  items: string[];
  message: string | null;
  payload: GeneratedJson;
  status: Generated<'requested' | 'accepted' | 'declined'>;
  requested_by: string | null;
  requested_at: GeneratedTimestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  received_case_id: string | null;
}

/** Added by migration 0023: what a person was told about how the case is going, and how. */
export interface CaseUpdatesTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  participant_id: string;
  told_on: IsoDate;
  method: string;
  what_told: string;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
  safe_contact_reason: string | null;
}

export interface CaseWorkTables {
  case_agreement_items: CaseAgreementItemsTable;
  case_agreement_payments: CaseAgreementPaymentsTable;
  case_agreement_plans: CaseAgreementPlansTable;
  case_follow_ups: CaseFollowUpsTable;
  case_time_entries: CaseTimeEntriesTable;
  case_documents: CaseDocumentsTable;
  case_notes: CaseNotesTable;
  case_events: CaseEventsTable;
  case_transfers: CaseTransfersTable;
  case_updates: CaseUpdatesTable;
}
