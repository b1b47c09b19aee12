import { SOAK_USAGE, parseSoakArguments } from './soak-arguments.js';
import { runSoak } from './soak-run.js';

const parsed = parseSoakArguments(process.argv.slice(2));
if (parsed.kind === 'help') {
  console.log(SOAK_USAGE);
  process.exit(0);
}
if (parsed.kind === 'usage-error') {
  console.error(`soak: ${parsed.message}\n\n${SOAK_USAGE}`);
  process.exit(2);
}
// Any rejection nobody handled is a soak failure, never a silent one.
process.on('unhandledRejection', (reason) => {
  console.error(`soak: unhandled rejection in the soak itself: ${String((reason as Error)?.stack ?? reason)}`);
  process.exit(1);
});
const report = await runSoak({
  faults: parsed.faults,
  minutes: parsed.minutes,
  seed: parsed.seed,
  outDir: parsed.outDir,
  dataPath: parsed.dataPath,
});
console.log(`\n=== SOAK ${report.verdict} === ${report.faultsInjected} faults in ${report.durationS} s (seed ${report.seed})`);
console.log(
  `faults by kind: ${Object.entries(report.faultsByKind)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ')}`,
);
for (const [name, check] of Object.entries(report.checks)) console.log(`${check.pass ? 'PASS' : 'FAIL'} ${name}: ${check.detail}`);
const figures = report.figures;
console.log(
  `breaches ${figures.breaches}, orphans ${figures.orphans}, lost fills ${figures.lostFills}, unrecovered ${figures.unrecovered}, worst recovery ${figures.worstRecoveryMs} ms (${figures.worstRecoveryKind ?? '-'}), peak bot RSS ${figures.peakRssMb} MB`,
);
console.log(`report ${report.outputs.report}\ntimeline ${report.outputs.page}`);
process.exit(report.verdict === 'PASS' ? 0 : 1);
