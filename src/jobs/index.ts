/**
 * Jobs: long work (table imports from the web app, sanctions-list uploads and the re-screening
 * after them) that must survive a restart, report its progress to any app server and never be
 * half-applied. pg-boss delivers; `jobs` and `job_files` hold what the API shows and the uploads.
 */
export { prepareQueue, QUEUE, QUEUE_SCHEMA } from './queue.js';
export { defineJob, draftJob, queueClient, KEEP_DAYS, enqueue, startRunner, sweep, dropFiles, type JobContext, type JobDraft, type JobHandler, type Runner, type RunnerOptions } from './runner.js';
export { expireJobs, getJob, loadJob, jobUrl, jobView, safeName, saveOutputFile, openJobFile, type Job, type JobProblem, type JobState } from './store.js';
