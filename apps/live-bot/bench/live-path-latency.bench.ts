/**
 * Live-path latency benchmark (`pnpm bench`): how long the bot takes from a raw Hyperliquid `l2Book`
 * WebSocket frame (JSON text, 20 levels a side) to the commands the basic strategy emits, and on to
 * the signed action handed to the HTTP transport. Merges a `livePath` section into
 * bench/results.json at the repository root and prints a table.
 *
 * The frames are the 46 real `l2Book` frames of ../shared/data/hyperliquid/btcusd_20250126.gz,
 * replayed in passes; each pass shifts every price by a bounded random walk (whole ticks), so the
 * quotes move and the strategy requotes as it would in a moving market. The clock is a manual one
 * moved by the recording's own frame spacing (~0.5 s), so the strategy's order budget and the risk
 * manager's rate windows see the venue's real frame rate, not the benchmark's.
 *
 * Path, per frame, all of it the bot's own code (apps/live-bot/src/bot.ts wiring, hooks left out):
 * the frame's text as a WebSocket `message` → `JSON.parse` and the SDK's channel dispatch (the
 * steps of @nktkas/hyperliquid's HyperliquidEventTarget, reproduced below: the SDK does not export
 * it) → `HyperliquidMarketData` (zod, ticks/lots) → `LiveDriver` queue (drained on a microtask, as
 * live) → `Engine.onMarketData` (book, risk sample) → `BasicStrategy` (quoter, diff, risk gate) →
 * `venue.send`. The venue is the real `HyperliquidExecution` on an in-memory request transport that
 * answers with the venue's real response shapes (resting orders, modifies, cancels), so every
 * command is acked and the next requote modifies live orders: `send` plans the batch, the SDK
 * builds the action, msgpack + keccak + EIP-712 + secp256k1 (viem, as the adapter signs) and the
 * signed request reaches the transport (JSON encoding and HTTP left out).
 *
 * Figures: frame → decision (every frame: until the engine has handed its commands to the venue or
 * decided none are needed), frame → commands (frames that emitted commands), frame → signed action
 * (those frames, until the first signed request), commands → signed action alone for a 6-order
 * batch and a one-order modify, and GC pauses (perf_hooks 'gc' entries) with how many fell inside
 * a timed frame.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { PerformanceObserver, constants as perfConstants, type PerformanceEntry } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import {
  ClientOrderIdSequence,
  Instrument,
  ManualClock,
  MICROS_PER_MILLI,
  type ExecutionEvent,
  type ExecutionVenue,
  type OrderCommand,
  type PlaceOrderCommand,
} from '@mm/core';
import { Engine, LiveDriver } from '@mm/engine';
import { HyperliquidExecution, HyperliquidMarketData, ManualScheduler } from '@mm/exchange-hl';
import { RiskManager } from '@mm/risk';
import { BasicStrategy } from '@mm/strategies';
import type { IRequestTransport, ISubscription, ISubscriptionTransport } from '@nktkas/hyperliquid';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const capture = path.resolve(repositoryRoot, '..', 'shared', 'data', 'hyperliquid', 'btcusd_20250126.gz');
const FRAMES = Number(process.env.BENCH_LIVE_FRAMES ?? 120_000);
const WARMUP_FRAMES = 5_000;
const SIGN_ROUNDS = 2_000;
/** A throwaway key (the benchmark never talks to a venue). */
const PRIVATE_KEY = `0x${'11'.repeat(32)}` as const;

// --- The recorded frames ----------------------------------------------------------------------
interface WireLevel {
  px: string;
  sz: string;
  n: number;
}
interface RecordedFrame {
  receivedNs: bigint;
  data: { coin: string; time: number; levels: [WireLevel[], WireLevel[]] };
}
const recorded: RecordedFrame[] = [];
for (const line of gunzipSync(readFileSync(capture)).toString('utf8').split('\n')) {
  const space = line.indexOf(' ');
  if (space < 0) continue;
  const message = JSON.parse(line.slice(space + 1)) as { channel: string; data: RecordedFrame['data'] };
  if (message.channel === 'l2Book' && message.data.levels[0].length === 20 && message.data.levels[1].length === 20)
    recorded.push({ receivedNs: BigInt(line.slice(0, space)), data: message.data });
}
if (recorded.length < 10) throw new Error(`${capture}: expected the recorded l2Book frames, found ${recorded.length}`);
/** The recording's own spacing between frames (µs), the last one standing for the gap between passes. */
const spacingUs = recorded.map((frame, index) =>
  index + 1 < recorded.length ? Number((recorded[index + 1]!.receivedNs - frame.receivedNs) / 1_000n) : 500_000,
);

// A deterministic bounded random walk of the price offset, in whole dollars (BTC's tick on
// Hyperliquid at these prices: five significant figures).
let seed = 17;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
let offsetDollars = 0;
const shiftPx = (px: string, offset: number): string => `${Number(px) + offset}.0`;
/** The frame's text as the venue sends it, prices shifted by this pass's offset. */
const frameText = (frame: RecordedFrame, offset: number, timeMs: number): string =>
  JSON.stringify({
    channel: 'l2Book',
    data: {
      coin: frame.data.coin,
      time: timeMs,
      levels: frame.data.levels.map((side) => side.map((level) => ({ px: shiftPx(level.px, offset), sz: level.sz, n: level.n }))),
    },
  });

// --- The SDK's WebSocket dispatch, in memory --------------------------------------------------
/**
 * The subscription side of @nktkas/hyperliquid's WebSocketTransport without a socket: a `message`
 * event's text is parsed and dispatched by channel exactly as its HyperliquidEventTarget does
 * (JSON.parse, `{ channel, data }` envelope check, a CustomEvent per frame), and subscriptions are
 * confirmed at once.
 */
class InMemorySocketTransport implements ISubscriptionTransport {
  readonly socket = new EventTarget();
  private readonly channels = new EventTarget();

  constructor() {
    this.socket.addEventListener('message', (event) => {
      let message: unknown;
      try {
        message = JSON.parse((event as MessageEvent).data as string);
      } catch {
        return;
      }
      if (typeof message === 'object' && message !== null && 'channel' in message && typeof message.channel === 'string')
        this.channels.dispatchEvent(new CustomEvent(message.channel, { detail: (message as { data?: unknown }).data }));
    });
  }

  async subscribe<T>(channel: string, _payload: unknown, listener: (data: CustomEvent<T>) => void): Promise<ISubscription> {
    this.channels.addEventListener(channel, listener as (event: Event) => void);
    return { unsubscribe: async () => this.channels.removeEventListener(channel, listener as (event: Event) => void) };
  }
}

// --- The venue's HTTP side, in memory ---------------------------------------------------------
/** Answers the adapter's requests with the venue's real response shapes (docs/hyperliquid.md §2.7). */
class InMemoryExchangeTransport implements IRequestTransport {
  readonly isTestnet = false;
  /** performance.now() when the last signed exchange request reached the transport. */
  lastSignedAt = 0;
  signedRequests = 0;
  private nextOid = 1;

  async request<T>(endpoint: 'info' | 'exchange' | 'explorer', payload: unknown): Promise<T> {
    if (endpoint !== 'exchange') return this.info(payload as { type: string }) as T;
    const { action, signature } = payload as {
      action: { type: string; orders?: unknown[]; modifies?: unknown[]; cancels?: unknown[] };
      signature?: unknown;
    };
    if (signature === undefined) throw new Error('unsigned exchange request');
    this.lastSignedAt = performance.now();
    this.signedRequests += 1;
    const resting = (count: number) => Array.from({ length: count }, () => ({ resting: { oid: this.nextOid++ } }));
    if (action.type === 'order')
      return { status: 'ok', response: { type: 'order', data: { statuses: resting(action.orders!.length) } } } as T;
    if (action.type === 'batchModify')
      return { status: 'ok', response: { type: 'order', data: { statuses: resting(action.modifies!.length) } } } as T;
    if (action.type === 'cancelByCloid' || action.type === 'cancel')
      return { status: 'ok', response: { type: 'cancel', data: { statuses: action.cancels!.map(() => 'success') } } } as T;
    return { status: 'ok', response: { type: 'default' } } as T;
  }

  private info(payload: { type: string }): unknown {
    switch (payload.type) {
      case 'userFills':
      case 'openOrders':
      case 'frontendOpenOrders':
        return [];
      case 'clearinghouseState':
        return { assetPositions: [], marginSummary: {}, crossMarginSummary: {}, withdrawable: '0', time: 0 };
      case 'userRole':
        return { role: 'user' };
      default:
        return {};
    }
  }
}

// --- Figures ------------------------------------------------------------------------------------
interface Distribution {
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}
const distribution = (samples: ArrayLike<number>, count = samples.length): Distribution => {
  const sorted = Float64Array.from({ length: count }, (_, index) => samples[index]!).sort();
  const at = (quantile: number) => sorted[Math.min(count - 1, Math.floor(quantile * count))]!;
  let sum = 0;
  for (const value of sorted) sum += value;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    count,
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    p999: round(at(0.999)),
    max: round(sorted[count - 1]!),
    mean: round(sum / count),
  };
};
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** Untimed: event-loop turns until the adapter's action queue has signed and "sent" (and the acks came back). */
const settle = async (signedBefore: number): Promise<boolean> => {
  for (let turn = 0; turn < 50; turn += 1) {
    await nextTurn();
    if (exchangeTransport.signedRequests > signedBefore) {
      await nextTurn();
      return true;
    }
  }
  return false;
};

// GC pauses, on the performance.now() timeline.
const gcEntries: PerformanceEntry[] = [];
const gcObserver = new PerformanceObserver((list) => gcEntries.push(...list.getEntries()));
gcObserver.observe({ entryTypes: ['gc'] });

// --- The bot, wired as apps/live-bot/src/bot.ts wires it ------------------------------------------
const market = { coin: 'BTC', assetId: 0, szDecimals: 5 };
const instrument = Instrument.hyperliquidPerp(market.coin, market.szDecimals);
const startUs = Math.round(Number(recorded[0]!.receivedNs / 1_000n));
const clock = new ManualClock(startUs);
const exchangeTransport = new InMemoryExchangeTransport();
const socket = new InMemorySocketTransport();
const startedExecution = async (executionClock: ManualClock): Promise<HyperliquidExecution> => {
  const adapter = new HyperliquidExecution({
    privateKey: PRIVATE_KEY,
    clock: executionClock,
    requestTransport: exchangeTransport,
    subscriptionTransport: null,
    scheduler: new ManualScheduler(),
    config: { markets: [market] },
  });
  await adapter.start();
  // An account that has traded enough for the per-address action cap (10,000 + 1 per USDC traded)
  // not to bind: the benchmark times the path, not the cap's refusals.
  adapter.addressBudget.onTraded(1e9);
  return adapter;
};
const execution = await startedExecution(clock);
const marketData = new HyperliquidMarketData({
  clock,
  subscriptionTransport: socket,
  scheduler: new ManualScheduler(),
  config: { markets: [market] },
});

/** performance.now() at the engine's first `send` of the current frame (0: none yet). */
let commandsAt = 0;
let commandBatches = 0;
let commandsSent = 0;
const timedVenue: ExecutionVenue = {
  venue: execution.venue,
  capabilities: execution.capabilities,
  send(commands: readonly OrderCommand[]) {
    if (commandsAt === 0) commandsAt = performance.now();
    commandBatches += 1;
    commandsSent += commands.length;
    execution.send(commands);
  },
  onEvent: (handler: (event: ExecutionEvent) => void) => execution.onEvent(handler),
  reconcile: () => execution.reconcile(),
  reports: (request) => execution.reports(request),
};
// Bot defaults (apps/live-bot/src/config/bot-config.ts): $5,000 capital, $2,000 total, $50 daily loss, 5% drawdown, BTC $500, $100 orders, 3 levels.
const engine = new Engine({
  clock,
  venue: timedVenue,
  instruments: [instrument],
  strategy: new BasicStrategy({
    symbol: 'BTC',
    maxPositionUsd: 500,
    quoter: { baseSpreadBps: 2, orderSizeUsd: 100, numLevels: 3, levelSpacingBps: 1, volMultiplier: 1.5, skewFactor: 0.5 },
  }),
  risk: new RiskManager({
    capitalUsd: 5_000,
    maxTotalPositionUsd: 2_000,
    maxDailyLossUsd: 50,
    maxDrawdownPct: 5,
    maxPositionUsdBySymbol: { BTC: 500 },
  }),
  clientOrderIds: new ClientOrderIdSequence(1, 0),
  venueEvents: 'driver',
});
// Engine timers fire on the next frame's drain (the manual clock moves between frames).
const driver = new LiveDriver(engine, { setTimeout: () => undefined, clearTimeout: () => undefined }, { reconcileOnStart: false });
execution.onEvent((event) => driver.pushExecution(event));
marketData.subscribe('BTC', (event) => driver.pushMarketData(event));
driver.start();
await nextTurn();

// --- Frame → decision / commands / signed action -----------------------------------------------
const decisionUs = new Float64Array(FRAMES);
/** Process CPU time of the same span (µs): what the path costs when the OS does not take the core away. */
const decisionCpuUs = new Float64Array(FRAMES);
const commandsUs = new Float64Array(FRAMES);
const signedUs = new Float64Array(FRAMES);
const frameWindows = new Float64Array(FRAMES * 2);
let commandFrames = 0;
let signedFrames = 0;
let frameIndex = 0;
const framesTotal = FRAMES + WARMUP_FRAMES;
for (let sent = 0; sent < framesTotal; sent += 1) {
  const position = sent % recorded.length;
  if (position === 0) offsetDollars = Math.max(-300, Math.min(300, offsetDollars + Math.round((random() - 0.5) * 40)));
  clock.set(clock.now() + spacingUs[position]!);
  const text = frameText(recorded[position]!, offsetDollars, Math.floor(clock.now() / MICROS_PER_MILLI));
  const signedBefore = exchangeTransport.signedRequests;
  commandsAt = 0;
  const message = new MessageEvent('message', { data: text });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  socket.socket.dispatchEvent(message);
  // The driver drains on a microtask queued during the dispatch: this await resumes after it.
  await Promise.resolve();
  const decided = commandsAt === 0 ? performance.now() : commandsAt;
  const cpu = process.cpuUsage(cpuBefore);
  const signed = commandsAt !== 0 ? await settle(signedBefore) : (await nextTurn(), false);
  if (sent < WARMUP_FRAMES) continue;
  decisionUs[frameIndex] = (decided - started) * 1_000;
  decisionCpuUs[frameIndex] = cpu.user + cpu.system;
  frameWindows[frameIndex * 2] = started;
  frameWindows[frameIndex * 2 + 1] = decided;
  if (commandsAt !== 0) {
    commandsUs[commandFrames] = (commandsAt - started) * 1_000;
    commandFrames += 1;
    if (signed) {
      signedUs[signedFrames] = (exchangeTransport.lastSignedAt - started) * 1_000;
      signedFrames += 1;
    }
  }
  frameIndex += 1;
}
const frameGcEntries = gcEntries.length;

// --- Commands → signed action alone ---------------------------------------------------------------
/** The six post-only orders of a three-level ladder, then a modify of one of them, round after round. */
const signRounds = async (): Promise<{ batch: Float64Array; modify: Float64Array }> => {
  const batch = new Float64Array(SIGN_ROUNDS);
  const modify = new Float64Array(SIGN_ROUNDS);
  const ids = new ClientOrderIdSequence(2, 0);
  // A fresh adapter (its own request budgets), one round a second so the per-minute weight holds.
  const signClock = new ManualClock(clock.now());
  const adapter = await startedExecution(signClock);
  const seen: unknown[] = [];
  adapter.onEvent((event) => seen.push(event));
  adapter.onNotification((notification) => seen.push(notification));
  const mid = instrument.parsePriceTicks('105000', 'nearest');
  for (let round = 0; round < SIGN_ROUNDS; round += 1) {
    signClock.set(signClock.now() + 1_000_000);
    const places: PlaceOrderCommand[] = [1, 2, 3].flatMap((level) =>
      (['buy', 'sell'] as const).map((side) => ({
        type: 'place-order' as const,
        symbol: 'BTC',
        clientOrderId: ids.nextId(),
        side,
        priceTicks: side === 'buy' ? mid - level * 100 : mid + level * 100,
        sizeLots: 100,
        timeInForce: 'post-only' as const,
        reduceOnly: false,
      })),
    );
    let before = exchangeTransport.signedRequests;
    let started = performance.now();
    adapter.send(places);
    if (!(await settle(before))) throw new Error(`round ${round}: the 6-order batch was never signed: ${JSON.stringify(seen.slice(-3))}`);
    batch[round] = (exchangeTransport.lastSignedAt - started) * 1_000;
    before = exchangeTransport.signedRequests;
    started = performance.now();
    adapter.send([{ type: 'modify-order', symbol: 'BTC', clientOrderId: places[0]!.clientOrderId, priceTicks: mid - 50, sizeLots: 100 }]);
    if (!(await settle(before))) throw new Error(`round ${round}: the modify was never signed: ${JSON.stringify(seen.slice(-3))}`);
    modify[round] = (exchangeTransport.lastSignedAt - started) * 1_000;
    before = exchangeTransport.signedRequests;
    adapter.send(places.map((place) => ({ type: 'cancel-order' as const, symbol: 'BTC', clientOrderId: place.clientOrderId })));
    await settle(before);
  }
  return { batch, modify };
};
const sign = await signRounds();
driver.stop('benchmark done');
await nextTurn();
gcObserver.disconnect();

// GC pauses during the frame run, and those inside a timed frame window.
const gcKind = (entry: PerformanceEntry): string => {
  const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
  if (kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) return 'minor';
  if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) return 'major';
  if (kind === perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL) return 'incremental';
  return 'weakcb';
};
const firstTimed = frameWindows[0]!;
const frameRunGc = gcEntries.slice(0, frameGcEntries).filter((entry) => entry.startTime >= firstTimed);
let gcInsideFrames = 0;
let window = 0;
for (const entry of frameRunGc) {
  while (window < frameIndex - 1 && frameWindows[window * 2 + 1]! < entry.startTime) window += 1;
  if (frameWindows[window * 2]! <= entry.startTime + entry.duration && entry.startTime <= frameWindows[window * 2 + 1]!)
    gcInsideFrames += 1;
}
const gcByKind: Record<string, { count: number; totalMs: number; maxMs: number }> = {};
for (const entry of frameRunGc) {
  const kind = (gcByKind[gcKind(entry)] ??= { count: 0, totalMs: 0, maxMs: 0 });
  kind.count += 1;
  kind.totalMs += entry.duration;
  kind.maxMs = Math.max(kind.maxMs, entry.duration);
}
for (const kind of Object.values(gcByKind)) {
  kind.totalMs = Math.round(kind.totalMs * 100) / 100;
  kind.maxMs = Math.round(kind.maxMs * 100) / 100;
}

const livePath = {
  date: new Date().toISOString(),
  unit: 'µs',
  goalP99Us: 100,
  frames: frameIndex,
  warmupFrames: WARMUP_FRAMES,
  data: `hyperliquid/btcusd_20250126.gz (../shared/data): ${recorded.length} real l2Book frames (20 levels a side) in passes, prices shifted by a bounded random walk per pass, the clock moved by the recording's frame spacing`,
  settings:
    'bot defaults: basic strategy, $100 orders, 3 levels a side, BTC max $500; risk $5,000 capital; journal, metrics and log hooks left out',
  frameToDecision: distribution(decisionUs, frameIndex),
  frameToDecisionCpuTime: distribution(decisionCpuUs, frameIndex),
  frameToCommands: distribution(commandsUs, commandFrames),
  frameToSignedAction: distribution(signedUs, signedFrames),
  commandsToSignedAction: { sixOrderBatch: distribution(sign.batch), oneModify: distribution(sign.modify) },
  commandFrames,
  commandBatches,
  commandsSent,
  gc: {
    note: 'perf_hooks gc entries during the timed frames (including the untimed signing turns between frames)',
    byKind: gcByKind,
    pausesInsideATimedFrame: gcInsideFrames,
  },
  loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
};

// Like the other benches: the committed results only with --update, else an ignored local file.
const resultsName = process.argv.includes('--update') ? 'reference-results.json' : 'results.json';
const resultsFile = path.join(repositoryRoot, 'bench', resultsName);
const results = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>) : {};
results.livePath = livePath;
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

const row = (figure: Distribution) => ({
  count: figure.count,
  'p50 µs': figure.p50,
  'p99 µs': figure.p99,
  'p99.9 µs': figure.p999,
  'max µs': figure.max,
});
console.log(
  `live path: ${frameIndex.toLocaleString('en-US')} l2Book frames, commands on ${commandFrames.toLocaleString('en-US')} of them (${commandsSent.toLocaleString('en-US')} commands); goal p99 ≤ ${livePath.goalP99Us} µs frame → commands. Wrote bench/${resultsName} (livePath)`,
);
console.table({
  'frame → decision (every frame)': row(livePath.frameToDecision),
  'frame → decision, CPU time': row(livePath.frameToDecisionCpuTime),
  'frame → commands': row(livePath.frameToCommands),
  'frame → signed action': row(livePath.frameToSignedAction),
  'commands → signed (6 orders)': row(livePath.commandsToSignedAction.sixOrderBatch),
  'commands → signed (1 modify)': row(livePath.commandsToSignedAction.oneModify),
});
console.table(
  Object.fromEntries(
    Object.entries(gcByKind).map(([kind, figure]) => [
      `gc ${kind}`,
      { count: figure.count, 'total ms': figure.totalMs, 'max ms': figure.maxMs },
    ]),
  ),
);
console.log(`GC pauses inside a timed frame: ${gcInsideFrames}`);
if (livePath.loadAverage[0]! > cpus().length)
  console.warn(`load average ${livePath.loadAverage[0]} on ${cpus().length} cores: these figures come from a busy machine`);
process.exit(0);
