// Tables of migration 0005: measuring success.
import type { Generated, GeneratedTimestamp, IsoDate, Json, Timestamp } from './types.js';

export interface WellbeingCategoriesTable {
  id: Generated<string>;
  org_id: string | null;
  key: string;
  label: string;
  sort_order: number;
  shipped: Generated<boolean>;
  created_at: GeneratedTimestamp;
  retired_at: Timestamp | null;
}

export interface WellbeingCategoryLabelsTable {
  id: Generated<string>;
  category_id: string;
  org_id: string | null;
  label: string;
  changed_at: GeneratedTimestamp;
  changed_by: string | null;
}

export interface WellbeingMeasuresTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  participant_id: string;
  kind: 'entry' | 'exit' | 'follow_up';
  taken_on: IsoDate;
  source: Generated<'practitioner' | 'api' | 'import'>;
  notes: string | null;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface WellbeingScoresTable {
  measure_id: string;
  org_id: string;
  case_id: string;
  category_id: string;
  score: number;
}

export interface CopingGoalsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  participant_id: string;
  category_id: string;
  goal: string;
  set_on: IsoDate;
  review_outcome: 'met' | 'partly_met' | 'not_met' | null;
  review_note: string | null;
  reviewed_on: IsoDate | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface QuestionnairesTable {
  id: Generated<string>;
  org_id: string | null;
  audience: 'harmed' | 'harmer';
  version: number;
  items: Json<unknown[]>;
  created_at: GeneratedTimestamp;
}

export interface QuestionnaireResponsesTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  participant_id: string;
  questionnaire_id: string;
  answers: Json;
  channel: 'paper' | 'call' | 'online' | 'api' | 'import';
  responded_on: IsoDate;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface QuestionnaireLinksTable {
  token_hash: string;
  org_id: string;
  case_id: string;
  participant_id: string;
  questionnaire_id: string;
  delivery: 'email' | 'handed_over';
  created_by: string | null;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface TestimonialsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  participant_id: string;
  quote: string;
  anonymised: string | null;
  consent_scope: 'internal' | 'commissioner' | 'public';
  consent_on: IsoDate;
  approved_by: string | null;
  approved_at: Timestamp | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface ReoffendingChecksTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  participant_id: string;
  due_on: IsoDate;
  checked_on: IsoDate | null;
  further_offence: 'yes' | 'no' | 'unknown' | null;
  source: string | null;
  notes: string | null;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface AwarenessSessionsTable {
  id: Generated<string>;
  org_id: string;
  held_on: IsoDate;
  kind: 'training' | 'awareness' | 'briefing' | 'event';
  audience_org_id: string | null;
  audience_kind: string | null;
  audience_description: string | null;
  attendees: number;
  topic: string;
  /** numeric(5,1): read as a number. */
  hours: number;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface MeasureTables {
  wellbeing_categories: WellbeingCategoriesTable;
  wellbeing_category_labels: WellbeingCategoryLabelsTable;
  wellbeing_measures: WellbeingMeasuresTable;
  wellbeing_scores: WellbeingScoresTable;
  coping_goals: CopingGoalsTable;
  questionnaires: QuestionnairesTable;
  questionnaire_responses: QuestionnaireResponsesTable;
  questionnaire_links: QuestionnaireLinksTable;
  testimonials: TestimonialsTable;
  reoffending_checks: ReoffendingChecksTable;
  awareness_sessions: AwarenessSessionsTable;
}
