/** Signed case bundles (issue 22): the face `cli/`, `http/` and jobs use. See docs/bundles.md. */
export { exportBundle, caseRecordIds, type ExportResult, type BundleProgress } from './export.js';
export { verifyBundle, type Verification } from './verify.js';
export { importBundle, BundleRefused, type ImportResult } from './import.js';
export { trustKey, trustedKey, listTrustedKeys, type TrustedKey } from './trust.js';
export { keyFile, loadOrCreateKey, fingerprintOf, type InstanceKey } from './keys.js';
export { instanceIdentity, type InstanceIdentity } from './instance.js';
export { BUNDLE_SCHEMA_VERSION } from './format.js';
export { defineBundleJobs, verificationReport, EXPORT_JOB, VERIFY_JOB, IMPORT_JOB, BUNDLE_FIELD, type VerificationReport } from './jobs.js';
