// Row types for Kysely, written by hand beside the SQL migrations that define them, one file
// per migration area. `Generated<T>` marks a column the database fills in when an insert
// leaves it out.
import type { FoundationTables } from './schema/foundation.js';
import type { ReferralTables } from './schema/referrals.js';
import type { CaseTables } from './schema/cases.js';
import type { CaseWorkTables } from './schema/case-work.js';
import type { MeasureTables } from './schema/measures.js';
import type { ImportTables } from './schema/imports.js';
import type { RetentionTables } from './schema/retention.js';
import type { NationalTables } from './schema/national.js';
import type { AggregateTables } from './schema/aggregates.js';

export type * from './schema/types.js';
export type * from './schema/foundation.js';
export type * from './schema/referrals.js';
export type * from './schema/cases.js';
export type * from './schema/case-work.js';
export type * from './schema/measures.js';
export type * from './schema/imports.js';
export type * from './schema/retention.js';
export type * from './schema/national.js';
export type * from './schema/aggregates.js';

export interface DB
  extends
    FoundationTables,
    ReferralTables,
    ImportTables,
    CaseTables,
    CaseWorkTables,
    MeasureTables,
    RetentionTables,
    NationalTables,
    AggregateTables {}
