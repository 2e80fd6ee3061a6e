// Tables of migration 0001: areas, organisations, users, sessions, audit.
import type { Generated, GeneratedJson, GeneratedTimestamp, IsoDate, Timestamp } from './types.js';

export interface AreasTable {
  id: string;
  force_name: string;
  name: string;
  ons_code: string;
  region: string;
  country: 'England' | 'Wales';
  is_welsh: boolean;
}

export interface AreaGovernanceTable {
  area_id: string;
  governance: 'pcc' | 'pfcc' | 'mayor' | 'city-of-london-corporation';
  governance_body: string;
  note: string | null;
  effective_from: IsoDate | null;
  effective_to: IsoDate | null;
}

export interface OrganisationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  kind: string;
  area_id: string | null;
  created_at: GeneratedTimestamp;
}

export interface UsersTable {
  id: Generated<string>;
  org_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  last_signed_in_at: Timestamp | null;
  /** Added by migration 0004: trained for sexual violence and domestic abuse cases. */
  trained_sv_da: Generated<boolean>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  /** When the second factor was answered; null while only the password has been given. */
  second_factor_at: Timestamp | null;
  /** When the password and a code were last given (sign-in or step-up). */
  authenticated_at: Timestamp | null;
}

/** Migration 0027: a TOTP authenticator per account (secrets sealed, see platform/secret-box). */
export interface SecondFactorsTable {
  user_id: string;
  secret: string | null;
  pending_secret: string | null;
  last_used_step: number | null;
  enrolled_at: Timestamp | null;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: string;
  code_hash: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  account_key: string;
  address: string;
  attempted_at: Timestamp;
  succeeded: boolean;
}

/** Migration 0034: a rate limit's window, keyed by an HMAC of what is limited. */
export interface RateLimitWindowsTable {
  key: string;
  started_at: Timestamp;
  hits: number;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface PasswordTokensTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: GeneratedTimestamp;
  org_id: string | null;
  user_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: Generated<'success' | 'denied' | 'failed'>;
  request_id: string | null;
  details: GeneratedJson;
  /** Where the request came from: a client address, or how a command or job was run. */
  address: string | null;
  /** Filled in by the chaining trigger (migration 0024): whatever an insert says is replaced. */
  chain_seq: Generated<number>;
  prev_hash: Generated<string>;
  hash: Generated<string>;
}

/** The last event of each organisation's audit chain; the application role cannot read it. */
export interface AuditChainHeadsTable {
  chain_id: string;
  seq: number;
  hash: string;
  updated_at: GeneratedTimestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: GeneratedTimestamp;
}

/** Added by migration 0020: what each data migration corrected, and how many rows. */
export interface MigrationCorrectionsTable {
  migration: string;
  what: string;
  changed: number;
  recorded_at: GeneratedTimestamp;
}

export interface FoundationTables {
  areas: AreasTable;
  area_governance: AreaGovernanceTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  second_factors: SecondFactorsTable;
  recovery_codes: RecoveryCodesTable;
  sign_in_attempts: SignInAttemptsTable;
  rate_limit_windows: RateLimitWindowsTable;
  setup_tokens: SetupTokensTable;
  password_tokens: PasswordTokensTable;
  audit_events: AuditEventsTable;
  audit_chain_heads: AuditChainHeadsTable;
  schema_migrations: SchemaMigrationsTable;
  migration_corrections: MigrationCorrectionsTable;
}
