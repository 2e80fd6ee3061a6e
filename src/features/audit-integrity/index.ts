// The audit trail's integrity: verifying every organisation's hash chain (ADR 0013).
export {
  describeVerifyReport,
  verifyAuditChains,
  type ChainReport,
  type VerifyReport,
} from './verify.js';
