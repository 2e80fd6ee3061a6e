// Tables of migration 0025: retention policies and the server's scheduled jobs.
import type { GeneratedTimestamp, Json, Timestamp } from './types.js';

export interface RetentionPoliciesTable {
  kind: string;
  /** "6y", "12m", "90d": how long after its clock starts a record is kept. */
  period: string;
  updated_at: GeneratedTimestamp;
  updated_by: string | null;
}

export interface ScheduledJobsTable {
  name: string;
  last_started_at: Timestamp | null;
  last_finished_at: Timestamp | null;
  last_outcome: 'done' | 'failed' | null;
  last_report: Json | null;
}

export interface RetentionTables {
  retention_policies: RetentionPoliciesTable;
  scheduled_jobs: ScheduledJobsTable;
}
