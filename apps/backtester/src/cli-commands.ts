import type { CommandSpec, FlagSpec } from '@mm/cli';
import { avellanedaStoikovSimulationFields } from './as-sim/run-avellaneda-stoikov-simulation.js';

const RUN = 'npx -y pnpm@10 --filter backtester run';
const SHARED = '../shared/data';

/** Flags of every command that reads a raw capture (see capture-venue.ts). */
const captureFlags: Record<string, FlagSpec> = {
  venue: {
    type: 'string',
    value: 'hyperliquid|binance-usdm',
    description: "the capture's venue",
    defaultText: "read from the file's content",
  },
  symbol: { type: 'string', value: '<S>', description: 'the symbol, for a file holding several', defaultText: 'the only one in the file' },
  'tick-size': {
    type: 'string',
    value: '<T>',
    description: 'price tick, for a symbol without built-in rules',
    defaultText: "the venue's rule",
  },
  'lot-size': {
    type: 'string',
    value: '<L>',
    description: 'size lot, for a symbol without built-in rules',
    defaultText: "the venue's rule",
  },
  'min-notional': { type: 'string', value: '<N>', description: 'minimum order value in USD', defaultText: "the venue's rule" },
};

const PATHS_NOTE = 'Paths are relative to the directory you ran the command in.';

export const replaySpec: CommandSpec = {
  name: 'backtester replay',
  summary: 'Backtests a strategy on recorded data: the simulated exchange with queue, latency, fee and funding models.',
  usage: [`${RUN} replay -- --data <file>[,<file>...] [flags]`],
  flags: {
    data: {
      type: 'string',
      value: '<file>[,<file>...]',
      required: true,
      description: 'raw captures (.gz, converted once and cached), Tardis CSVs or event logs (.arrow), read in order',
    },
    ...captureFlags,
    config: {
      type: 'string',
      value: '<run.json>',
      description: 'a JSON file with {strategy, simulator, risk, capitalUsd, repeat}; flags override it',
    },
    repeat: { type: 'string', value: '<N>', description: 'passes over the data, back to back', defaultText: "1, or the config file's" },
    out: {
      type: 'string',
      value: '<dir>',
      description: 'where summary.json and report.html go',
      defaultText: 'out/replay-<data file name>',
    },
    'queue-model': { type: 'string', value: 'conservative|power-prob', description: 'queue position model', defaultText: 'power-prob' },
    'queue-power': { type: 'string', value: '<P>', description: 'power of the probabilistic queue model', defaultText: '2' },
    'latency-ms': { type: 'string', value: '<L>', description: 'entry and response latency', defaultText: '50' },
    book: {
      type: 'string',
      value: 'full|top',
      description: 'full depth, or best bid/offer + trades only (queue behind the whole displayed best size)',
      defaultText: 'full',
    },
    'order-size-usd': { type: 'string', value: '<U>', description: 'order size', defaultText: '100 on Hyperliquid, 200 on Binance USD-M' },
    'base-spread-bps': { type: 'string', value: '<B>', description: "the quoter's base spread", defaultText: "the strategy's" },
    'max-position-usd': { type: 'string', value: '<M>', description: 'position limit', defaultText: "the strategy's" },
    strategy: { type: 'string', value: 'basic|adaptive', description: 'the strategy', defaultText: 'basic' },
    funding: {
      type: 'string',
      value: '<series.csv.gz>',
      description: 'a funding-rate series (Symbol,Date,Funding Rate) settled on the venue schedule',
    },
    'funding-align': { type: 'string', value: '<YYYY-MM-DD>', description: "the series' day that stands in for the data's first day" },
    'funding-interval-hours': {
      type: 'string',
      value: '<H>',
      description: 'hours between settlements',
      defaultText: 'Hyperliquid 1, Binance 8',
    },
    'no-report': { type: 'boolean', description: 'skip report.html' },
    quiet: { type: 'boolean', description: 'no progress line' },
  },
  examples: [
    `${RUN} replay -- --data ${SHARED}/hyperliquid/btcusd_20250126.gz`,
    `${RUN} replay -- --data ${SHARED}/binance-usdm/btcusdt_20240808.gz --queue-model conservative --latency-ms 20 --out out/my-run`,
  ],
  notes: `${PATHS_NOTE} The venue and symbol are read from the capture's content; an unknown symbol needs --tick-size, --lot-size and --min-notional.`,
};

export const bookSpec: CommandSpec = {
  name: 'backtester book',
  summary: 'Prints the order book rebuilt from recorded files, at local receive times.',
  usage: [`${RUN} book -- --data <file>[,<file>...] --at <time>[,<time>...] [--symbol S] [--json]`],
  flags: {
    data: { type: 'string', value: '<file>[,<file>...]', required: true, description: 'raw captures, read in order' },
    at: { type: 'string', value: '<time>[,<time>...]', required: true, description: "ISO-8601, the data's nanoseconds, or end" },
    ...captureFlags,
    json: { type: 'boolean', description: 'print JSON instead of a table' },
  },
  examples: [`${RUN} book -- --data ${SHARED}/hyperliquid/btcusd_20250126.gz --at end`],
  notes: PATHS_NOTE,
};

export const convertSpec: CommandSpec = {
  name: 'backtester convert',
  summary:
    'Converts market data (raw captures, Tardis CSV, hftbacktest .npz, Hyperliquid archive, Binance public data) to a columnar event log (Apache Arrow IPC).',
  usage: [`${RUN} convert -- --data <file>[,<file>...] --out <file.arrow> [flags]`],
  flags: {
    data: { type: 'string', value: '<file>[,<file>...]', required: true, description: 'input files of one format, merged by receive time' },
    out: { type: 'string', value: '<file.arrow>', required: true, description: 'the event log to write (written whole or not at all)' },
    from: {
      type: 'string',
      value: 'auto|capture|tardis|hftbacktest|hl-archive|binance-public',
      description: 'the input format',
      defaultText: 'auto',
    },
    ...captureFlags,
  },
  examples: [`${RUN} convert -- --data ${SHARED}/hyperliquid/btcusd_20250126.gz --out out/hl.arrow`],
  notes: PATHS_NOTE,
};

const AS_SIM_DESCRIPTIONS: Record<keyof typeof avellanedaStoikovSimulationFields, [string, string | undefined]> = {
  gamma: ['risk aversion γ > 0 of the inventory strategy', undefined],
  paths: ['Monte-Carlo paths; both strategies run on each', undefined],
  seed: ['seed: the same seed gives the same paths and output', undefined],
  sigma: ['σ: the mid moves ±σ√dt per step', '2'],
  s0: ['initial mid', '100'],
  T: ['terminal time', '1'],
  dt: ['step length (must divide T)', '0.005'],
  kappa: ['κ: fill intensity decay per price unit from the mid', '1.5'],
  A: ['A: fill intensity at zero distance', '140'],
};

export const asSimSpec: CommandSpec = {
  name: 'backtester as-sim',
  summary: "The Avellaneda-Stoikov paper's Monte-Carlo market: their inventory strategy against a symmetric one; prints JSON.",
  usage: [`${RUN} as-sim -- --gamma <γ> --paths <N> --seed <S> [flags]`],
  flags: Object.fromEntries(
    Object.entries(AS_SIM_DESCRIPTIONS).map(([name, [description, defaultText]]) => [
      name,
      {
        type: 'string',
        value: `<${name}>`,
        description,
        ...(defaultText === undefined ? { required: true } : { defaultText }),
      } satisfies FlagSpec,
    ]),
  ),
  examples: [`${RUN} as-sim -- --gamma 0.1 --paths 1000 --seed 1`],
};
