// What anonymising a closed case or a declined referral does to each table that holds part of
// it. Every column of every such table is listed, either cleared (with what replaces it) or kept
// (dates, codes, scores, amounts and ids: what figures count), and a test fails when a table or
// column is added without saying which, so nothing personal survives by being forgotten.
// Expressions are constants written here, never input.

export interface TablePlan {
  /** The column that ties a row to the case (or referral) being anonymised. */
  key: string;
  /** Delete the rows outright (free text with no figure in it: notes, messages, files). */
  delete?: true;
  /** Column → SQL expression that replaces its value. */
  clear?: Record<string, string>;
  /** Columns kept as they are, separated by spaces. */
  keep?: string;
}

const TEXT_ANSWERS_REMOVED = `(select coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
  from jsonb_each(answers)
  where jsonb_typeof(value) <> 'string' or value #>> '{}' in ('yes', 'no', 'not_sure'))`;

export const CASE_PLAN: Record<string, TablePlan> = {
  cases: {
    key: 'id',
    clear: { closure_note: 'null', suspended_reason: 'null', reopened_reason: 'null' },
    keep: 'id org_id reference referral_id stage sv_da needs_specialist_assessment created_at updated_at version previous_stage closure_outcome closed_on first_contact_on last_activity_at updated_by transferred_from lead_user_id reoffer_due_on agreement_due_on follow_up_due_on reoffending_due_on update_due_on victims_code_pending anonymised_at sexual_violence domestic_abuse hate_crime',
  },
  case_participants: {
    key: 'case_id',
    clear: {
      display_name: `'(anonymised)'`,
      organisation_name: 'null',
      person_id: 'null',
      interpreter_language: 'null',
      accessibility_needs: 'null',
      safe_phone: 'null',
      preferred_times: 'null',
      do_not_contact_via: 'null',
      contact_email: 'null',
      address_line_1: 'null',
      address_line_2: 'null',
      address_town: 'null',
      address_postcode: 'null',
    },
    keep: 'id org_id case_id role connection may_leave_message preferred_contact unsafe_to_contact consent_status created_at online_contact_agreed update_interval_days',
  },
  case_offers: {
    key: 'case_id',
    clear: { notes: 'null', safe_contact_reason: 'null' },
    keep: 'id org_id case_id participant_id offered_on method answer reoffer_on recorded_by created_at',
  },
  case_consents: {
    key: 'case_id',
    clear: { witness: 'null', notes: 'null', withdrawal_note: 'null' },
    keep: 'id org_id case_id participant_id given_on how explained withdrawn_on recorded_by created_at',
  },
  case_contacts: {
    key: 'case_id',
    clear: { notes: 'null', safe_contact_reason: 'null' },
    keep: 'id org_id case_id participant_id contacted_at method outcome recorded_by created_at rj_explained time_given',
  },
  // That people were kept informed, when and how, counts; what they were told is words.
  case_updates: {
    key: 'case_id',
    clear: { what_told: `'(anonymised)'`, safe_contact_reason: 'null' },
    keep: 'id org_id case_id participant_id told_on method recorded_by created_at',
  },
  case_assessments: {
    key: 'case_id',
    clear: { answers: `'{}'::jsonb`, summary: 'null' },
    keep: 'id org_id case_id participant_id kind question_set_id risk_level decision needs_second_sign_off signed_off_by signed_off_at second_signed_off_by second_signed_off_at recorded_by created_at',
  },
  case_interventions: {
    key: 'case_id',
    clear: { venue_detail: 'null', notes: 'null' },
    keep: 'id org_id case_id kind status scheduled_at venue_kind rotl_status held_on created_by created_at',
  },
  case_intervention_attendees: {
    key: 'case_id',
    keep: 'intervention_id org_id case_id participant_id',
  },
  case_shuttle_messages: {
    key: 'case_id',
    clear: { summary: `''` },
    keep: 'id org_id case_id intervention_id from_participant_id to_participant_id carried_on recorded_by created_at',
  },
  case_letters: {
    key: 'case_id',
    clear: { notes: 'null' },
    keep: 'id org_id case_id intervention_id writer_participant_id recipient_participant_id received_on recipient_contacted_on recipient_decision delivered_on created_at',
  },
  case_agreement_items: {
    key: 'case_id',
    clear: { description: `''` },
    keep: 'id org_id case_id kind owed_by_participant_id owed_to_participant_id due_on amount_pence completed_on created_at',
  },
  case_agreement_payments: {
    key: 'case_id',
    keep: 'id org_id case_id item_id paid_on amount_pence recorded_by created_at',
  },
  // Amounts and dates: what the restitution figures count.
  case_agreement_plans: {
    key: 'case_id',
    keep: 'id org_id case_id item_id instalment_pence frequency first_due_on paid_before_pence recorded_by created_at',
  },
  case_follow_ups: {
    key: 'case_id',
    clear: { notes: 'null' },
    keep: 'id org_id case_id participant_id due_on done_on created_at',
  },
  case_time_entries: {
    key: 'case_id',
    clear: { notes: 'null' },
    keep: 'id org_id case_id user_id worked_on kind minutes miles created_at',
  },
  case_documents: { key: 'case_id', delete: true },
  case_notes: { key: 'case_id', delete: true },
  // The timeline's lines keep their kind and time (activity counts); their words name people.
  case_events: {
    key: 'case_id',
    clear: { params: `'{}'::jsonb` },
    keep: 'id org_id case_id occurred_at kind actor_id happened_on',
  },
  case_allocations: {
    key: 'case_id',
    keep: 'case_id org_id user_id lead allocated_at allocated_by case_open',
  },
  // What the case sent to another service when transferred: a copy of names and notes.
  case_transfers: {
    key: 'case_id',
    clear: { message: 'null', payload: `'{}'::jsonb` },
    keep: 'id case_id from_org_id to_org_id kind items status requested_by requested_at decided_by decided_at received_case_id',
  },
  coping_goals: {
    key: 'case_id',
    clear: { goal: `''`, review_note: 'null' },
    keep: 'id org_id case_id participant_id category_id set_on review_outcome reviewed_on created_by created_at',
  },
  questionnaire_links: { key: 'case_id', delete: true },
  // Scores and yes/no answers count in satisfaction figures; written answers are words.
  questionnaire_responses: {
    key: 'case_id',
    clear: { answers: TEXT_ANSWERS_REMOVED },
    keep: 'id org_id case_id participant_id questionnaire_id channel responded_on recorded_by created_at',
  },
  reoffending_checks: {
    key: 'case_id',
    clear: { notes: 'null' },
    keep: 'id org_id case_id participant_id due_on checked_on further_offence source recorded_by created_at',
  },
  // An approved anonymised text was written not to identify anyone, within the consent given.
  testimonials: {
    key: 'case_id',
    clear: {
      quote: `''`,
      anonymised: 'case when approved_at is null then null else anonymised end',
    },
    keep: 'id org_id case_id participant_id consent_scope consent_on approved_by approved_at created_by created_at',
  },
  wellbeing_measures: {
    key: 'case_id',
    clear: { notes: 'null' },
    keep: 'id org_id case_id participant_id kind taken_on source recorded_by created_at',
  },
  wellbeing_scores: {
    key: 'case_id',
    keep: 'measure_id org_id case_id category_id score',
  },
  // Equality answers are categories counted in the figures; once the participant is anonymised
  // they no longer belong to a named person, so they stay and the figures do not change.
  participant_equality: {
    key: 'case_id',
    keep: 'participant_id org_id case_id age_band sex gender_identity ethnicity disability religion sexual_orientation recorded_via recorded_by recorded_at',
  },
};

/** A declined referral, or the referral a closed case came from. */
export const REFERRAL_PLAN: Record<string, TablePlan> = {
  referrals: {
    key: 'id',
    clear: {
      crime_reference: 'null',
      notes: 'null',
      decline_note: 'null',
      duplicate_key: `'anonymised:' || id::text`,
    },
    keep: 'id org_id reference source_org_id source_kind initiated_by received_on reported_on offence_group_id offence_date cjs_stage sv_da enhanced_rights victim_consented channel submitted_by import_job_id status decline_reason decided_at decided_by progress closure_code rj_information_given_on support_referral_made_on created_at updated_at version awareness_session_id anonymised_at domestic_abuse hate_crime out_of_court_resolution last_update_on offender_age_group harm_setting',
  },
  referral_parties: {
    key: 'referral_id',
    clear: {
      forename: 'null',
      surname: 'null',
      date_of_birth: 'null',
      phone: 'null',
      email: 'null',
      postcode: 'null',
      establishment: 'null',
      safe_phone: 'null',
      preferred_times: 'null',
      do_not_contact_via: 'null',
      person_id: 'null',
    },
    keep: 'id org_id referral_id role may_leave_message preferred_contact',
  },
  referral_messages: { key: 'referral_id', delete: true },
};

/**
 * People on no case or referral any more once theirs are anonymised: deleted (a person on
 * another, open case stays).
 */
export const PERSONS_COLUMNS =
  'id org_id forename surname date_of_birth phone email postcode establishment created_at';
