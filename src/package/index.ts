/** Evidence packages (issue 22): a PDF per item or case, as an investigator would brief it. See docs/bundles.md. */
export { evidencePackage } from './package.js';
export type { PackageScope } from './gather.js';
export { definePackageJob, PACKAGE_JOB, PACKAGE_FIELD, type PackageAudience, type PackageJobInput } from './jobs.js';
