// Column types shared by the table definitions.
import type { ColumnType } from 'kysely';

export type { Generated } from 'kysely';

/** A timestamptz column: read as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A date column: read and written as 'YYYY-MM-DD'. */
export type IsoDate = string;
/** A timestamptz column with a database default. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A jsonb column (written as a JSON string or a value). */
export type Json<T = Record<string, unknown>> = ColumnType<T, T | string, T | string>;
/** A jsonb column with a database default. */
export type GeneratedJson<T = Record<string, unknown>> = ColumnType<
  T,
  T | string | undefined,
  T | string
>;
