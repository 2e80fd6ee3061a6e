// Tables of migration 0004: the case journey.
import type { Generated, GeneratedJson, GeneratedTimestamp, IsoDate, Timestamp } from './types.js';

export interface CaseAllocationsTable {
  case_id: string;
  org_id: string;
  user_id: string;
  lead: Generated<boolean>;
  allocated_at: GeneratedTimestamp;
  allocated_by: string | null;
  /** Added by migration 0011: whether the case is open, kept from its stage by triggers. */
  case_open: Generated<boolean>;
}

export interface CaseParticipantsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  person_id: string | null;
  organisation_name: string | null;
  display_name: string;
  role: string;
  connection: string | null;
  interpreter_language: string | null;
  accessibility_needs: string | null;
  safe_phone: string | null;
  may_leave_message: boolean | null;
  preferred_contact: string | null;
  preferred_times: string | null;
  do_not_contact_via: string | null;
  unsafe_to_contact: Generated<boolean>;
  consent_status: Generated<string>;
  created_at: GeneratedTimestamp;
  /** Added by migration 0005: agreed to be sent a questionnaire link by email, and where. */
  online_contact_agreed: Generated<boolean>;
  contact_email: string | null;
  /** Added by migration 0023: this person's own update interval, where it differs. */
  update_interval_days: number | null;
  /** Added by migration 0031: the postal address letters are sent to (all four or none). */
  address_line_1: string | null;
  address_line_2: string | null;
  address_town: string | null;
  address_postcode: string | null;
}

export interface CaseOffersTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  participant_id: string;
  offered_on: IsoDate;
  method: string;
  answer: 'yes' | 'no' | 'not_now';
  reoffer_on: IsoDate | null;
  notes: string | null;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
  /** Added by migration 0021: why it went ahead against a safe-contact instruction. */
  safe_contact_reason: string | null;
}

export interface CaseConsentsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  participant_id: string;
  given_on: IsoDate;
  how: 'written' | 'verbal_witnessed';
  witness: string | null;
  explained: Generated<string[]>;
  notes: string | null;
  withdrawn_on: IsoDate | null;
  withdrawal_note: string | null;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface CaseContactsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  participant_id: string | null;
  contacted_at: Timestamp;
  method: string;
  outcome: string;
  notes: string | null;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
  /** Added by migration 0023: false when the contact was logged without a time. */
  time_given: Generated<boolean>;
  /** Added by migration 0020: RJ was explained in this contact (the Victims' Code, 3.5). */
  rj_explained: Generated<boolean>;
  /** Added by migration 0021: why it went ahead against a safe-contact instruction. */
  safe_contact_reason: string | null;
}

export interface AssessmentQuestionSetsTable {
  id: Generated<string>;
  org_id: string | null;
  kind: 'needs' | 'risk' | 'suitability';
  version: number;
  questions: unknown;
  created_at: GeneratedTimestamp;
}

export interface CaseAssessmentsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  participant_id: string;
  kind: 'needs' | 'risk' | 'suitability';
  question_set_id: string | null;
  answers: GeneratedJson;
  summary: string | null;
  risk_level: string | null;
  decision: string | null;
  needs_second_sign_off: Generated<boolean>;
  signed_off_by: string | null;
  signed_off_at: Timestamp | null;
  second_signed_off_by: string | null;
  second_signed_off_at: Timestamp | null;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface CaseInterventionsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  kind: string;
  status: Generated<string>;
  scheduled_at: Timestamp | null;
  venue_kind: string | null;
  venue_detail: string | null;
  rotl_status: string | null;
  held_on: IsoDate | null;
  notes: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface CaseInterventionAttendeesTable {
  intervention_id: string;
  org_id: string;
  case_id: string;
  participant_id: string;
}

export interface CaseShuttleMessagesTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  intervention_id: string;
  from_participant_id: string;
  to_participant_id: string;
  carried_on: IsoDate;
  summary: string;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface CaseLettersTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  intervention_id: string;
  writer_participant_id: string;
  recipient_participant_id: string;
  received_on: IsoDate;
  recipient_contacted_on: IsoDate | null;
  recipient_decision: 'receive' | 'decline' | 'not_yet' | null;
  delivered_on: IsoDate | null;
  notes: string | null;
  created_at: GeneratedTimestamp;
}

export interface CaseTables {
  case_allocations: CaseAllocationsTable;
  case_participants: CaseParticipantsTable;
  case_offers: CaseOffersTable;
  case_consents: CaseConsentsTable;
  case_contacts: CaseContactsTable;
  assessment_question_sets: AssessmentQuestionSetsTable;
  case_assessments: CaseAssessmentsTable;
  case_interventions: CaseInterventionsTable;
  case_intervention_attendees: CaseInterventionAttendeesTable;
  case_shuttle_messages: CaseShuttleMessagesTable;
  case_letters: CaseLettersTable;
}
