export * from './receive-clock.js';
export * from './capture-line.js';
export * from './gap-marker.js';
export * from './gzip-member-file.js';
export * from './repair-gzip-file.js';
export * from './capture-manifest.js';
export * from './rotation.js';
export * from './l2-recorder.js';
