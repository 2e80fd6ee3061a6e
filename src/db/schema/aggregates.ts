// Tables of migration 0014: the aggregate store, read through the role waymark_figures.
import type { Generated, IsoDate, Timestamp } from './types.js';

export interface AggregateFiguresTable {
  org_id: string;
  /** The first day of the month. */
  month: IsoDate;
  figure: string;
  dimension: string;
  value: string;
  n: number;
  total: number;
}

export interface AggregateTestimonialsTable {
  org_id: string;
  month: IsoDate;
  approved_on: IsoDate;
  scope: 'commissioner' | 'public';
  text: string;
}

export interface AggregateStatusTable {
  id: boolean;
  refreshed_at: Timestamp | null;
  rebuilt_at: Timestamp | null;
  /** The bank holidays changed since the working-day calendar was built. */
  calendar_stale: Generated<boolean>;
}

/** What changed since the last refresh: a referral, case or awareness session (by its id). */
export interface AggregateDirtyTable {
  id: Generated<number>;
  subject_id: string;
}

/** The ledger: the service and months each subject was last counted in. */
export interface AggregateSubjectBucketsTable {
  subject_id: string;
  org_id: string;
  month: IsoDate;
}

/** Migration 0041: the service months a refresh in steps has still to recompute. */
export interface AggregatePendingBucketsTable {
  org_id: string;
  month: IsoDate;
}

/** Each day's number of working days since the calendar starts (working_days_between). */
export interface WorkingDayCalendarTable {
  day: IsoDate;
  n: number;
}

export interface AggregateFigureSourcesTable {
  figure: string;
  version: number;
  source_view: string;
}

export interface AggregateTables {
  aggregate_figures: AggregateFiguresTable;
  aggregate_testimonials: AggregateTestimonialsTable;
  aggregate_status: AggregateStatusTable;
  aggregate_figure_sources: AggregateFigureSourcesTable;
  aggregate_dirty: AggregateDirtyTable;
  aggregate_subject_buckets: AggregateSubjectBucketsTable;
  aggregate_pending_buckets: AggregatePendingBucketsTable;
  working_day_calendar: WorkingDayCalendarTable;
  participant_equality: ParticipantEqualityTable;
  service_spend: ServiceSpendTable;
}

// Tables of migration 0015: equality answers (case data) and spend (entered by PCC offices).
export interface ParticipantEqualityTable {
  participant_id: string;
  org_id: string;
  case_id: string;
  age_band: string | null;
  sex: string | null;
  gender_identity: string | null;
  ethnicity: string | null;
  disability: string | null;
  religion: string | null;
  sexual_orientation: string | null;
  recorded_via: 'staff' | 'questionnaire';
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface ServiceSpendTable {
  org_id: string;
  financial_year: number;
  amount_pence: number;
  entered_by: string | null;
  entered_at: Generated<Date>;
}
