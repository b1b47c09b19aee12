import { MmError } from '@mm/core';
import { L2Recorder } from '@mm/l2-recorder';
import { parseRecorderFlags } from './recorder-flags.js';

function main(): void {
  let recorder: L2Recorder;
  try {
    recorder = new L2Recorder(parseRecorderFlags(process.argv.slice(2)), {
      // An unknown coin: the recorder has stopped and logged why; exit non-zero so a supervisor sees it.
      onFatal: () => process.exit(2),
    });
  } catch (error) {
    console.error(error instanceof MmError ? error.message : error);
    process.exit(2);
  }
  recorder.start();
  let stopped = false;
  const stop = (signal: string) => {
    if (stopped) return;
    stopped = true;
    console.log(`[recorder] ${signal}: flushing and closing`);
    recorder.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main();
