// Tables of migration 0002: referrals and what surrounds them.
import type { Generated, GeneratedJson, GeneratedTimestamp, IsoDate, Timestamp } from './types.js';

export interface OffenceGroupsTable {
  id: string;
  name: string;
  sort_order: number;
  crime_category: string;
  subgroups: string[];
  in_total_recorded_crime: boolean;
}

export interface BankHolidaysTable {
  day: IsoDate;
  name: string;
}

export interface ServiceSettingsTable {
  org_id: string;
  offender_initiated_sv_da: 'refuse' | 'specialist_assessment';
  reoffer_interval_days: Generated<number>;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  updated_at: GeneratedTimestamp;
  /** Added by migration 0004. */
  second_sign_off_high_risk: Generated<boolean>;
  /** Added by migration 0023: days between updates to the people in a case. */
  update_interval_days: Generated<number>;
}

/** Who a person is and how to reach them, as a referral names them and as a person is kept. */
interface PersonDetails {
  forename: string | null;
  surname: string | null;
  date_of_birth: IsoDate | null;
  phone: string | null;
  email: string | null;
  postcode: string | null;
  establishment: string | null;
}

export interface PersonsTable extends PersonDetails {
  id: Generated<string>;
  org_id: string;
  created_at: GeneratedTimestamp;
}

export interface ReferralsTable {
  id: Generated<string>;
  org_id: string;
  reference: string;
  source_org_id: string | null;
  source_kind: 'organisation' | 'self' | 'public';
  initiated_by: 'victim' | 'offender' | 'agency';
  received_on: IsoDate;
  reported_on: IsoDate | null;
  crime_reference: string | null;
  /** A crime, or harm that is not one (src/domain/referrals.ts: HARM_SETTINGS). */
  harm_setting: Generated<string>;
  offence_group_id: string | null;
  offence_date: IsoDate | null;
  cjs_stage: string;
  sv_da: boolean;
  enhanced_rights: boolean;
  victim_consented: boolean | null;
  notes: string | null;
  channel: 'web' | 'api' | 'import';
  submitted_by: string | null;
  import_job_id: string | null;
  duplicate_key: string;
  status: Generated<'received' | 'information_requested' | 'accepted' | 'declined'>;
  decline_reason: string | null;
  decline_note: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  progress: Generated<'received' | 'accepted' | 'in_progress' | 'closed' | 'declined'>;
  closure_code: string | null;
  rj_information_given_on: IsoDate | null;
  support_referral_made_on: IsoDate | null;
  /** Added by migration 0005: the awareness session it came from, where known. */
  awareness_session_id: string | null;
  /** Added by migration 0023: the case's last update, as the referrer sees it. */
  last_update_on: IsoDate | null;
  /** Added by migration 0021: the domestic abuse marker (derived) and hate crime. */
  domestic_abuse: Generated<boolean>;
  hate_crime: Generated<boolean>;
  /** Added by migration 0021: the out-of-court resolution the referral came from. */
  out_of_court_resolution: string | null;
  /** The person who harmed: under_18 or adult at the offence; null, date of birth not known. */
  offender_age_group: string | null;
  /** When retention anonymised the declined referral, or the case it became (migration 0025). */
  anonymised_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface ReferralPartiesTable extends PersonDetails {
  id: Generated<string>;
  org_id: string;
  referral_id: string;
  role: 'victim' | 'offender';
  safe_phone: string | null;
  may_leave_message: boolean | null;
  preferred_contact: string | null;
  preferred_times: string | null;
  do_not_contact_via: string | null;
  person_id: string | null;
}

export interface ReferralMessagesTable {
  id: Generated<string>;
  org_id: string;
  referral_id: string;
  direction: 'to_referrer' | 'from_referrer';
  body: string;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface ReferralDraftsTable {
  id: Generated<string>;
  org_id: string;
  owner_user_id: string;
  data: GeneratedJson;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

export interface CasesTable {
  id: Generated<string>;
  org_id: string;
  reference: string;
  referral_id: string | null;
  stage: Generated<string>;
  sv_da: Generated<boolean>;
  needs_specialist_assessment: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
  // Added by migration 0004 (the case journey).
  previous_stage: string | null;
  closure_outcome: string | null;
  closure_note: string | null;
  closed_on: IsoDate | null;
  suspended_reason: string | null;
  reopened_reason: string | null;
  first_contact_on: IsoDate | null;
  last_activity_at: GeneratedTimestamp;
  updated_by: string | null;
  transferred_from: string | null;
  /** Added by migration 0009: the lead facilitator, kept from case_allocations by a trigger. */
  lead_user_id: string | null;
  /** Added by migration 0010: when each queue's work on the case falls due, kept by triggers. */
  reoffer_due_on: IsoDate | null;
  agreement_due_on: IsoDate | null;
  follow_up_due_on: IsoDate | null;
  reoffending_due_on: IsoDate | null;
  /** Added by migration 0042: when the next update is due to someone kept informed. */
  update_due_on: IsoDate | null;
  victims_code_pending: Generated<boolean>;
  /** Added by migration 0021: the safety flags (sv_da is sexual violence or domestic abuse). */
  sexual_violence: Generated<boolean>;
  domestic_abuse: Generated<boolean>;
  hate_crime: Generated<boolean>;
  /** When retention anonymised the closed case (migration 0025). */
  anonymised_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  token_hash: string;
  created_at: GeneratedTimestamp;
  created_by: string | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ImportJobsTable {
  id: Generated<string>;
  org_id: string;
  kind: Generated<string>;
  file_name: string;
  dry_run: Generated<boolean>;
  status: Generated<'running' | 'done' | 'failed'>;
  rows_read: Generated<number>;
  imported: Generated<number>;
  rejected: Generated<number>;
  duplicates: Generated<number>;
  error: string | null;
  rejects_csv: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body: string;
  created_at: GeneratedTimestamp;
  sent_at: Timestamp | null;
  error: string | null;
}

export interface ReferenceDataLoadsTable {
  name: string;
  fingerprint: string;
  loaded_at: GeneratedTimestamp;
}

export interface ReferralTables {
  offence_groups: OffenceGroupsTable;
  bank_holidays: BankHolidaysTable;
  service_settings: ServiceSettingsTable;
  persons: PersonsTable;
  referrals: ReferralsTable;
  referral_parties: ReferralPartiesTable;
  referral_messages: ReferralMessagesTable;
  referral_drafts: ReferralDraftsTable;
  cases: CasesTable;
  api_tokens: ApiTokensTable;
  import_jobs: ImportJobsTable;
  notifications: NotificationsTable;
  reference_data_loads: ReferenceDataLoadsTable;
}
