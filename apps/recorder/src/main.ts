import { packageVersion, runCli } from '@mm/cli';
import { L2Recorder } from '@mm/l2-recorder';
import { RECORDER_COMMAND, recorderOptionsFrom } from './recorder-flags.js';

await runCli(
  {
    spec: RECORDER_COMMAND,
    run: ({ values }) => {
      const recorder = new L2Recorder(recorderOptionsFrom(values), {
        // An unknown coin: the recorder has stopped and logged why; exit 2, as for any bad argument.
        onFatal: () => process.exit(2),
      });
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
    },
  },
  packageVersion(import.meta.dirname),
);
