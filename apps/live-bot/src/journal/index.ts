export * from './journal.js';
export * from './export-latency-samples.js';
export * from './resume-from-journal.js';
export * from './other-instance.js';
