// Tables and columns of migration 0003: CSV imports (rejected rows, progress, duplicate keys).
import type { Generated, Json } from './types.js';

// Columns 0003 adds to tables that migration 0002 created.
declare module './referrals.js' {
  interface ImportJobsTable {
    bytes_total: Generated<number>;
    bytes_read: Generated<number>;
    /** The file's header row as a CSV line, with "reason" first: the rejects file's header. */
    header: string | null;
    error_params: Json | null;
  }
  interface ImportStagingTable {
    duplicate_key: string;
  }
}

export interface ImportRejectsTable {
  job_id: string;
  org_id: string;
  row_number: number;
  line: string;
}

export interface ImportTables {
  import_rejects: ImportRejectsTable;
}
