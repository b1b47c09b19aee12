import {
  ClientOrderIdSequence,
  ConfigError,
  Instrument,
  VenueError,
  MICROS_PER_SECOND,
  type ExecutionEvent,
  type OrderCommand,
} from '@mm/core';
import { SystemClock } from '@mm/core/edge';
import { Engine, LiveDriver } from '@mm/engine';
import { HttpTransport, InfoClient } from '@nktkas/hyperliquid';
import {
  describeDeadMansSwitch,
  HyperliquidExecution,
  HyperliquidMarketData,
  MarketDirectory,
  type HyperliquidNotification,
} from '@mm/exchange-hl';
import { DrawdownTracker, RiskManager } from '@mm/risk';
import { AdaptiveStrategy, BasicStrategy, PerSymbolStrategies } from '@mm/strategies';
import { startHyperliquidVenue, type RunningHyperliquidVenue } from '@mm/venue-hl';
import type { Logger } from 'pino';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { LoadedConfig } from './config/bot-config.js';
import { botRiskLimits } from './risk-settings.js';
import { formatStatusReport } from './status-report.js';
import {
  buildBotSnapshot,
  discordNotifierFromBotConfig,
  fillSnapshotFromEvent,
  MonitoringMetrics,
  RecentFills,
  riskOfDecision,
  SnapshotHistory,
  startMonitoringServer,
  type FillSnapshot,
} from './monitoring/index.js';
import { fillEvent, Journal, refuseOtherInstances, resumeFromJournal } from './journal/index.js';

export interface RunningBot {
  /** Cancels every quote, waits for the venue to confirm, closes connections. */
  stop(reason: string): Promise<void>;
  /** Resolves when the bot has stopped. */
  stopped: Promise<void>;
  /** While stop() runs: the step it waits on (a second Ctrl-C prints it); undefined before and after. */
  stopPending(): string | undefined;
  engine: Engine;
  venue: RunningHyperliquidVenue | undefined;
  /** The durable record of this and earlier sessions (closed by stop()). */
  journal: Journal;
  sessionId: number;
  /** Base URL of the dashboard (`/`), `/metrics`, `/api/snapshot` and `/events`. */
  monitorUrl: string;
  /** Orders of ours the venue holds right now (tests and the final report). */
  openOrdersOnVenue(): Promise<number>;
  /** Orders the venue still reported open when stop() gave up cancelling (undefined before stop). */
  ordersLeftAtStop(): number | undefined;
}

/** The first request to the venue: a failure names the URL and the setting, not 'fetch failed'. */
async function firstContact<T>(request: () => Promise<T>, url: string): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const detail = [error instanceof Error ? error.message : String(error), typeof cause?.code === 'string' ? cause.code : cause?.message]
      .filter((part) => typeof part === 'string' && part !== '')
      .join(': ');
    throw new VenueError(`cannot reach the Hyperliquid API at ${url} (${detail}): check HL_API_URL and the network`, {
      venue: 'hyperliquid',
      context: { url },
      cause: error,
    });
  }
}

/**
 * Starts the market maker: in paper mode the embedded local Hyperliquid venue (replaying recorded
 * data) and a throwaway key held only in memory; otherwise the real venue with the configured key.
 * Market data and fills flow through the live driver into the same engine and strategy code the
 * backtester runs.
 */
export async function startBot(loaded: LoadedConfig, logger: Logger, print: (text: string) => void): Promise<RunningBot> {
  const { config } = loaded;
  const clock = new SystemClock();
  const paper = config.HL_MODE === 'paper';
  const privateKey = loaded.privateKey ?? (paper ? generatePrivateKey() : undefined);
  if (privateKey === undefined) throw new Error('unreachable: the config requires a key outside paper mode');
  const signer = privateKeyToAccount(privateKey).address.toLowerCase() as `0x${string}`;
  const master = (config.HL_WALLET_ADDRESS?.toLowerCase() ?? signer) as `0x${string}`;

  let venue: RunningHyperliquidVenue | undefined;
  if (paper) {
    venue = await startHyperliquidVenue({
      dataPath: config.paperData,
      isTestnet: true,
      accounts:
        master === signer
          ? [{ address: master, startingUsdc: config.TOTAL_CAPITAL }]
          : [{ address: master, agents: [signer], startingUsdc: config.TOTAL_CAPITAL }],
    });
    logger.info({ url: venue.url, wsUrl: venue.wsUrl, data: config.paperData }, 'paper mode: local Hyperliquid venue started');
    print(
      `paper mode: local Hyperliquid venue ${venue.url} replaying ${config.paperData} in a loop as its BTC market (no real order is sent anywhere)`,
    );
  }
  const isTestnet = paper ? venue!.isTestnet : config.HL_MODE === 'testnet';
  const apiUrl = venue?.url ?? config.HL_API_URL;
  const wsUrl = venue?.wsUrl ?? config.HL_WS_URL;
  const info = new InfoClient({ transport: new HttpTransport({ isTestnet, ...(apiUrl === undefined ? {} : { apiUrl }) }) });
  const directory = MarketDirectory.fromMeta(
    await firstContact(() => info.meta(), apiUrl ?? `the SDK's ${isTestnet ? 'testnet' : 'mainnet'} API`),
  );
  const markets = config.assets.map((asset) => directory.market(asset.symbol));
  const instruments = markets.map((market) => Instrument.hyperliquidPerp(market.coin, market.szDecimals));

  const execution = new HyperliquidExecution({
    privateKey,
    clock,
    // The paper venue's agent relation is set up above by the bot itself.
    verifyAccount: !paper,
    config: {
      isTestnet,
      markets,
      ...(apiUrl === undefined ? {} : { apiUrl }),
      ...(wsUrl === undefined ? {} : { wsUrl }),
      ...(master === signer ? {} : { masterAddress: master }),
    },
  });
  const marketData = new HyperliquidMarketData({ clock, config: { isTestnet, markets, ...(wsUrl === undefined ? {} : { wsUrl }) } });

  // The journal: fills are resumed within one scope (network, venue endpoint, account). A paper
  // venue listens on a fresh port each run, so paper sessions never resume one another. Opening it
  // takes its single-instance lock: a second bot on it would cancel this one's orders.
  let journal: Journal;
  try {
    journal = new Journal(config.journalPath);
  } catch (error) {
    await venue?.close();
    throw error;
  }
  const scope = `${config.HL_MODE}|${apiUrl ?? 'default'}|${master}`;
  const sessionId = journal.startSession({
    mode: config.HL_MODE,
    scope,
    accountAddress: master,
    symbols: instruments.map((instrument) => instrument.symbol),
    startedLocalUs: clock.now(),
  });
  logger.info({ journal: journal.path, sessionId }, 'journal opened');
  // Until the driver is attached, events (cancels and fills of an earlier session's orders) are
  // journaled here; the resume then counts the fills among the journal's.
  let routeExecution: (event: ExecutionEvent) => void = (event) => journal.recordEvent(sessionId, event);
  execution.onEvent((event) => routeExecution(event));
  const adapterStartUs = clock.now();
  let startSnapshot: Awaited<ReturnType<HyperliquidExecution['start']>>;
  try {
    startSnapshot = await execution.start();
  } catch (error) {
    journal.close();
    await venue?.close();
    if (error instanceof ConfigError)
      throw new ConfigError(
        'Hyperliquid account',
        error.issues.map((issue) => ({ ...issue, field: issue.field === 'masterAddress' ? 'HL_WALLET_ADDRESS' : issue.field })),
      );
    throw error;
  }
  try {
    refuseOtherInstances(startSnapshot.openOrders, journal.instanceId);
  } catch (error) {
    await execution.stop({ cancelAll: false });
    journal.close();
    await venue?.close();
    throw error;
  }
  logger.info(
    { deadManSwitch: execution.deadManSwitchState },
    `dead man's switch: ${describeDeadMansSwitch(execution.deadManSwitchState)}`,
  );
  const resumed = await resumeFromJournal({ journal, sessionId, scope, instruments, execution, snapshot: startSnapshot, clock });
  if (startSnapshot.openOrders.length > 0)
    logger.warn({ ...resumed.summary.carriedOnStart }, 'open orders of an earlier session: the start-up reconcile cancels them');
  for (const fill of resumed.summary.recoveredFills) logger.warn({ fill }, 'fill while the bot was down: journaled and counted');
  for (const [symbol, residual] of Object.entries(resumed.summary.residualLots)) {
    if (residual !== 0)
      logger.warn(
        { symbol, residualLots: residual, opening: resumed.openingPositions[symbol] },
        'venue position the journal does not explain: carried in at the venue entry price',
      );
  }

  const perSymbol = config.assets.map(
    (asset) =>
      new (asset.strategy === 'adaptive' ? AdaptiveStrategy : BasicStrategy)({
        symbol: asset.symbol,
        maxPositionUsd: asset.maxPositionUsd,
        quoter: {
          baseSpreadBps: asset.baseSpreadBps,
          orderSizeUsd: asset.orderSizeUsd,
          numLevels: asset.numLevels,
          levelSpacingBps: asset.levelSpacingBps,
          volMultiplier: asset.volMultiplier,
          skewFactor: asset.inventorySkew,
        },
      }),
  );
  const strategy = new PerSymbolStrategies(perSymbol);
  // The order-rate limit sized to the strategies' budgets, so their normal rate is not a WARNING.
  const risk = new RiskManager(
    botRiskLimits(
      config,
      perSymbol.map((each) => each.config.orderBudgetPerMinute),
    ),
  );
  const metrics = new MonitoringMetrics();
  const notifier = discordNotifierFromBotConfig(config, { logger, onOutcome: (outcome) => metrics.recordNotification(outcome) });
  const recentFills = new RecentFills();
  // The dashboard charts' history: bounded, so a bot running for weeks holds an hour of points.
  const chartHistory = new SnapshotHistory();
  const instrumentOf = (symbol: string) => instruments.find((instrument) => instrument.symbol === symbol)!;
  const engine = new Engine({
    clock,
    venue: execution,
    instruments,
    strategy,
    risk,
    // The journal's instance id in every order id: another bot on this key refuses to start on them.
    clientOrderIds: new ClientOrderIdSequence(Math.floor(clock.now() / MICROS_PER_SECOND) % 2 ** 31, 0, {
      instanceId: journal.instanceId,
    }),
    venueEvents: 'driver',
    openingPositions: resumed.openingPositions,
    // PnL resumes from the journal's fills (same fill ids, so a fill reported again is not counted
    // twice), at the mids they were applied at, on top of any carried-in residual.
    resumedFills: resumed.fills.map((fill) => ({ fill: fillEvent(fill), midTicks: fill.midTicks ?? undefined })),
    // Orders of an earlier session: their events are the engine's own, its start-up reconcile
    // cancels them (the unknown-order policy, as on a reconnect).
    carriedOrders: startSnapshot.openOrders,
    hooks: {
      onCommandsSent: (commands: readonly OrderCommand[]) => {
        journal.recordCommands(sessionId, commands, clock.now());
        metrics.recordCommandsSent(commands);
        if (config.LOG_QUOTES) logger.info({ commands: commands.map(describeCommand) }, 'commands sent');
      },
      onExecutionEvent: (event) => {
        // Durable before the strategy sees it (synchronous=FULL).
        journal.recordEvent(sessionId, event, { midTicks: engine.slot(event.symbol).book.midTicks() });
        if (event.type === 'order-filled') {
          const fill = fillSnapshotFromEvent(event, instrumentOf(event.symbol));
          recentFills.push(fill);
          chartHistory.recordFill(fill);
          notifier?.notifyFill(fill);
          if (config.LOG_FILLS) {
            // Venue units (the price and size as the venue writes them), never raw ticks and lots.
            const instrument = instrumentOf(event.symbol);
            const price = instrument.formatPrice(event.priceTicks);
            const size = instrument.formatSize(event.sizeLots);
            logger.info(
              {
                symbol: event.symbol,
                side: event.side,
                price,
                size,
                valueUsd: fill.price * fill.size,
                liquidity: event.liquidity,
                feeUsd: event.feeQuote,
              },
              'fill',
            );
            print(formatFillLine(fill, price, size));
          }
        }
      },
      onCommandDenied: (denial) => {
        metrics.recordCommandDenied(denial.ruleId);
        logger.warn({ rule: denial.ruleId, reason: denial.reason }, 'command denied by risk');
      },
      onRiskDecision: (decision) => {
        notifier?.notifyRiskStatus(riskOfDecision(decision));
        logger.warn({ status: decision.status, reason: decision.statusReason }, 'risk status changed');
      },
      onFailClosed: (reason) => {
        notifier?.notifyFailClosed(reason);
        logger.error({ reason }, 'stopped quoting');
      },
      onHandlerError: (failure) => {
        if (failure.symbol !== undefined) notifier?.notifyFailClosed(failure.reason);
        logger.error(
          {
            symbol: failure.symbol ?? 'all',
            handler: failure.handler,
            reason: failure.reason,
            error: String((failure.error as Error)?.stack ?? failure.error),
          },
          'strategy handler threw: its quotes are cancelled and it stopped quoting',
        );
      },
      onPositionAdjusted: (adjustment, mismatch) => {
        // The journal keeps the venue's fills only; the next start takes the venue's position anyway.
        logger.error(
          { symbol: adjustment.symbol, ...mismatch, adjustmentLots: adjustment.sizeLots, side: adjustment.side },
          "position differed from the venue's after two reconciles: the venue's position was adopted",
        );
        notifier?.notifyFailClosed(
          `${adjustment.symbol}: position ${mismatch.engineLots} lots here, ${mismatch.venueLots} at the venue; adopted the venue's`,
        );
      },
      onQuotingPaused: (pause, paused) => {
        if (paused) logger.warn({ symbol: pause.symbol, cause: pause.cause, reason: pause.reason }, 'quoting paused');
        else logger.info({ symbol: pause.symbol, cause: pause.cause }, 'quoting resumed');
      },
    },
  });
  const startLots = Object.fromEntries(
    instruments.map((instrument) => [instrument.symbol, engine.slot(instrument.symbol).position.positionLots]),
  );
  for (const instrument of instruments) {
    const symbol = instrument.symbol;
    if (startLots[symbol] !== resumed.venuePositions[symbol])
      throw new Error(`unreachable: resumed ${symbol} position ${startLots[symbol]} lots, venue ${resumed.venuePositions[symbol]}`);
  }
  const positions = instruments.map(
    (instrument) => `${instrument.symbol} ${startLots[instrument.symbol]} lots (venue ${resumed.venuePositions[instrument.symbol]} lots)`,
  );
  print(
    `journal session ${sessionId}: starting position ${positions.join(', ')}; ${resumed.summary.journaledFills} journaled fills replayed, ` +
      `${resumed.summary.recoveredFills.length} recovered from the venue, ${resumed.carriedOrderIds.size} open orders of an earlier session found (cancelled before quoting)` +
      (paper
        ? `; paper mode: the local venue is new at each start (a fresh $${config.TOTAL_CAPITAL} account, no position, no fills), so paper sessions never resume one another and PnL starts at $0`
        : ''),
  );
  // The engine owns reconciliation: at start (fills since the adapter started, orders it does not
  // know), and whenever the adapter lost track; quoting waits for it, failures are retried.
  const driver = new LiveDriver(engine, undefined, {
    fillsSinceUs: adapterStartUs,
    onReconciled: (outcome, reason) => {
      const found = outcome.missedFills.length + outcome.cancelled.length + outcome.vanished.length + outcome.positionMismatches.length;
      const summary = {
        reason,
        missedFills: outcome.missedFills.map((fill) => fill.fillId),
        cancelled: outcome.cancelled,
        vanished: outcome.vanished,
        positionMismatches: outcome.positionMismatches,
      };
      if (found > 0) logger.warn(summary, 'reconciled with the venue: differences settled');
      else logger.info({ reason }, 'reconciled with the venue');
    },
    onReconcileFailed: (error, attempt, retryInMs) =>
      logger.error(
        { attempt, retryInMs, error: String((error as Error)?.message ?? error) },
        'reconcile failed: quoting stays paused, retrying',
      ),
  });
  routeExecution = (event) => driver.pushExecution(event);
  const onVenueNotification = (notification: HyperliquidNotification) => {
    if (notification.type === 'api-error') {
      metrics.recordApiError();
      driver.pushApiError();
    }
    if (notification.type === 'stale') driver.pushStale(notification.symbol, notification.silentForUs);
    logger.warn({ notification }, `venue: ${notification.type}`);
  };
  execution.onNotification(onVenueNotification);
  marketData.onNotification(onVenueNotification);
  for (const instrument of instruments) marketData.subscribe(instrument.symbol, (event) => driver.pushMarketData(event));
  driver.start();

  const startedUs = clock.now();
  // PnL since start begins at 0: a first loss is a drawdown.
  const pnlDrawdown = new DrawdownTracker(0);
  const report = () => {
    const assets = instruments.map((instrument) => {
      const orders = engine.orders.quotingOrders(instrument.symbol);
      const quotes = orders
        .sort((a, b) => b.priceTicks - a.priceTicks)
        .map(
          (order) =>
            `${order.side === 'buy' ? 'B' : 'S'} ${instrument.formatSize(order.sizeLots)}@${instrument.formatPrice(order.priceTicks)}`,
        )
        .join(' ');
      const book = engine.slot(instrument.symbol).book;
      const mid = book.midTicks();
      const position = engine.slot(instrument.symbol).position.snapshot(mid);
      return {
        symbol: instrument.symbol,
        position,
        positionText: instrument.formatSize(position.positionLots),
        quotes: quotes || 'none',
        resting: orders.length,
        notQuotingBecause: engine.quotingBlockedReason(instrument.symbol),
      };
    });
    trackDrawdown();
    const venueHealth = {
      deadManSwitch: describeDeadMansSwitch(execution.deadManSwitchState),
      malformedMessages: execution.stats.malformedMessages + marketData.stats.malformedMessages,
      listenerErrors: execution.stats.listenerErrors + marketData.stats.listenerErrors,
      failedReconciles: driver.stats.failedReconciles,
    };
    print(
      formatStatusReport({
        nowUs: clock.now(),
        startedUs,
        mode: config.HL_MODE,
        assets,
        risk: engine.riskDecision,
        maxDrawdownQuote: pnlDrawdown.maxDrawdown,
        venue: venueHealth,
      }),
    );
    notifier?.notifyStatus(snapshot());
  };
  const trackDrawdown = () => pnlDrawdown.observe(engine.totalPnlQuote());
  const snapshot = () =>
    buildBotSnapshot(
      {
        engine,
        instruments,
        mode: config.HL_MODE,
        startedUs,
        recentFills: () => recentFills.list(),
        maxDrawdownUsd: () => pnlDrawdown.maxDrawdown,
      },
      clock.now(),
    );
  const monitor = await startMonitoringServer({
    port: config.MM_MONITOR_PORT,
    host: config.MM_MONITOR_HOST,
    token: config.MM_MONITOR_TOKEN,
    getSnapshot: snapshot,
    getHistory: () => chartHistory.toJSON(),
    metrics,
    logger,
  });
  print(`dashboard ${monitor.url}/  metrics ${monitor.url}/metrics`);
  const publisher = setInterval(() => {
    trackDrawdown();
    const current = snapshot();
    chartHistory.record(current);
    monitor.publish(current);
  }, 1_000);
  const heartbeat = setInterval(() => execution.heartbeat(), 1_000);
  // A first report soon after start (so a user sees it work), then every NOTIFY_INTERVAL_SECONDS.
  let statusTimer: ReturnType<typeof setInterval> | undefined;
  const firstReport = setTimeout(
    () => {
      report();
      statusTimer = setInterval(report, config.NOTIFY_INTERVAL_SECONDS * 1_000);
    },
    Math.min(5_000, config.NOTIFY_INTERVAL_SECONDS * 1_000),
  );

  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let stopping = false;
  let stopStep: string | undefined;
  let ordersLeftAtStop: number | undefined;
  const stop = async (reason: string) => {
    if (stopping) return stopped;
    stopping = true;
    stopStep = 'cancelling every quote (waiting for the engine to finish its last commands)';
    clearInterval(heartbeat);
    clearInterval(publisher);
    if (statusTimer !== undefined) clearInterval(statusTimer);
    clearTimeout(firstReport);
    logger.info({ reason }, 'stopping: cancelling every quote');
    driver.stop(reason);
    // The driver has stopped (the engine refuses new orders): the answers to the last cancels (and
    // any fill racing them) still go through the engine, journaled and counted by its hooks, so the
    // final report and the next start agree with the venue.
    routeExecution = (event) => engine.onExecutionEvent(event);
    await execution.whenIdle();
    stopStep = `cancel-all sent; waiting for the venue to confirm (${engine.orders.liveOrders().length} orders of ours live before it)`;
    // The adapter cancels what it tracks, then every order the venue still reports open, by venue
    // id (an order whose id changed on a modify, or whose cancel was lost, included), until none.
    stopStep = 'cancelling every order the venue reports open (by venue id) until it reports none';
    const left = await execution.stop({ cancelAll: true, cancelTimeoutMs: 15_000 });
    ordersLeftAtStop = left;
    report();
    print(`stopped (${reason}); open orders left on the venue: ${left}`);
    if (left > 0) {
      logger.error({ left }, 'open orders left on the venue after the stop: cancel them by hand');
      print(`error: ${left} orders of ours are still open on the venue after 15 s of cancelling; cancel them by hand (exit code 3)`);
    }
    stopStep = 'closing the notifier, dashboard and market data (cancels confirmed, the journal not yet closed)';
    await notifier?.close(3_000);
    await monitor.close();
    metrics.close();
    await marketData.close();
    await venue?.close();
    routeExecution = () => {};
    journal.endSession(sessionId, clock.now(), reason);
    journal.close();
    stopStep = undefined;
    resolveStopped();
    return stopped;
  };
  return {
    stop,
    stopped,
    stopPending: () => stopStep,
    engine,
    venue,
    journal,
    sessionId,
    monitorUrl: monitor.url,
    openOrdersOnVenue: async () => (await info.openOrders({ user: master })).length,
    ordersLeftAtStop: () => ordersLeftAtStop,
  };
}

/** A fill for people: `fill BTC sell 0.0004 @ 61837.0 ($24.73) maker, fee $0.0037` (a rebate says so). */
export function formatFillLine(fill: FillSnapshot, price: string, size: string): string {
  const fee = fill.feeUsd < 0 ? `rebate $${(-fill.feeUsd).toFixed(4)}` : `fee $${fill.feeUsd.toFixed(4)}`;
  return `fill ${fill.symbol} ${fill.side} ${size} @ ${price} ($${(fill.price * fill.size).toFixed(2)}) ${fill.liquidity}, ${fee}`;
}

function describeCommand(command: OrderCommand): string {
  switch (command.type) {
    case 'place-order':
      return `place ${command.side} ${command.sizeLots}@${command.priceTicks}`;
    case 'modify-order':
      return `modify ${command.clientOrderId.slice(-6)} ${command.sizeLots}@${command.priceTicks}`;
    case 'cancel-order':
      return `cancel ${command.clientOrderId.slice(-6)}`;
    case 'cancel-all':
      return `cancel-all (${command.reason})`;
  }
}
