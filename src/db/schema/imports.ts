// Tables and columns of migrations 0003 (CSV imports: rejected rows, progress, duplicate keys),
// 0038 (staged rows in the shape of the rows they become) and 0040 (publishing in batches).
import type { ReferralPartiesTable, ReferralsTable } from './referrals.js';
import type { Generated, Json } from './types.js';

// Columns 0003 adds to tables that migration 0002 created.
declare module './referrals.js' {
  interface ImportJobsTable {
    bytes_total: Generated<number>;
    bytes_read: Generated<number>;
    /** The file's header row as a CSV line, with "reason" first: the rejects file's header. */
    header: string | null;
    error_params: Json | null;
    /**
     * When the job began publishing in batches (migration 0040): until it is done, its referrals
     * are hidden from everyone but its own batches.
     */
    publishing_since: Date | null;
  }
}

export interface ImportRejectsTable {
  job_id: string;
  org_id: string;
  row_number: number;
  line: string;
}

/** A referral an import has staged: a row of referrals in waiting, and its job (migration 0038). */
export interface ImportStagedReferralsTable extends ReferralsTable {
  job_id: string;
}

/** A party of a staged referral: a row of referral_parties in waiting, and its job. */
export interface ImportStagedPartiesTable extends ReferralPartiesTable {
  job_id: string;
}

export interface ImportTables {
  import_rejects: ImportRejectsTable;
  import_staged_referrals: ImportStagedReferralsTable;
  import_staged_parties: ImportStagedPartiesTable;
}
