/**
 * Transfer: table import (file → staged → checked → identified → written, one transaction), import
 * profiles and jobs, exports (CSV, JSON, FollowTheMoney) and backup/restore. The face that http/,
 * cli/ and bundles import.
 */
export { deleteProfile, listProfiles, profileInput, profileRow, saveProfile } from './profiles.js';
export { FIELDS, IMPORT_RESOURCES, REF_GROUPS, isImportResource } from './mapping.js';
export { commitImport, defineImportJobs, discardImport, getImport, CHECK_JOB } from './jobs.js';
export { assertCaseReadable, exportCase, exportFtm, exportResource, specOf, type ExportOptions, type ExportFormat } from './export.js';
export type { RowProblem } from './validate.js';
export { importFile, type ImportProgress, type ImportReport } from './import.js';
export { backup, restore, type TransferProgress } from './backup.js';
