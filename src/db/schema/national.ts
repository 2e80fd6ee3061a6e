// Tables of migration 0017: the provision survey, victims told about restorative justice, and
// the population of each area. None of them holds anything about a person.
import type { Generated, GeneratedJson, GeneratedTimestamp, IsoDate, Timestamp } from './types.js';

export interface ProvisionSurveyYearsTable {
  year: number;
  agency_options: string[];
  updated_at: GeneratedTimestamp;
  updated_by_name: string;
}

/**
 * How a national record was given (on the form or in a file, and by whom), and the record that
 * replaced it: an area's earlier answers are kept as history, never overwritten.
 */
interface RecordedAsHistory {
  source: 'form' | 'import';
  file_name: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: Timestamp;
  superseded_at: Timestamp | null;
  superseded_by: string | null;
}

/** One response; a list answer is an array ([] for "none"), a skipped question null. */
export interface ProvisionResponsesTable extends RecordedAsHistory {
  id: Generated<string>;
  area_id: string;
  year: number;
  respondent: string | null;
  provider: string | null;
  delivery_model: string[] | null;
  agencies: string[] | null;
  offender_initiated: string | null;
  sv_da: string | null;
  measures: string[] | null;
  challenges: string[] | null;
  expanding: string | null;
  rsqm: string | null;
  rj_spend_gbp: number | null;
  victims_budget_gbp: number | null;
  beyond_rj: string | null;
}

export interface ProvisionDraftsTable {
  id: Generated<string>;
  org_id: string;
  owner_user_id: string;
  area_id: string;
  year: number;
  data: GeneratedJson;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

export interface VictimsInformedReturnsTable extends RecordedAsHistory {
  id: Generated<string>;
  area_id: string;
  /** The first day of the month reported on. */
  month: IsoDate;
  victims: number;
  told_about_rj: number;
}

export interface AreaPopulationsTable {
  area_id: string;
  year: number;
  population: number;
  source: string;
}

export interface NationalTables {
  provision_survey_years: ProvisionSurveyYearsTable;
  provision_responses: ProvisionResponsesTable;
  provision_drafts: ProvisionDraftsTable;
  victims_informed_returns: VictimsInformedReturnsTable;
  area_populations: AreaPopulationsTable;
}
