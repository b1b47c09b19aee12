import type {
  AccountSnapshot,
  Clock,
  ExecutionCapabilities,
  ExecutionEvent,
  ExecutionReports,
  ExecutionVenue,
  OrderCommand,
  OrderFilledEvent,
  ReportsRequest,
  Unsubscribe,
} from '@mm/core';
import { ConfigError, InvalidInputError, MICROS_PER_MILLI, MmError } from '@mm/core';
import { OrderRegistry } from '@mm/engine';
import { ExchangeClient, InfoClient, SubscriptionClient } from '@nktkas/hyperliquid';
import type { IRequestTransport, ISubscription, ISubscriptionTransport } from '@nktkas/hyperliquid';
import { signerFromPrivateKey } from './signer-from-private-key.js';
import { checkEthersSigner, type EthersV6Signer } from './ethers-signer.js';
import { runBulkAction, type BulkOutcome } from './bulk-outcome.js';
import { planCommands, type CancelItem, type CommandPlan, type ModifyItem, type PlaceItem } from './command-plan.js';
import { createHttpTransport, createWebSocketTransport, watchReconnects } from './create-transports.js';
import { DeadMansSwitch, type DeadMansSwitchState } from './dead-man-switch.js';
import { parseExecutionConfig, type ExecutionConfig, type ExecutionConfigInput } from './execution-config.js';
import { HeartbeatWatchdog } from './heartbeat-watchdog.js';
import { errorText, HYPERLIQUID_VENUE, HyperliquidVenueError, RequestBudgetError } from './hyperliquid-errors.js';
import type { HyperliquidNotification, NotificationHandler } from './hyperliquid-notification.js';
import { ListenerSet } from './listener-set.js';
import { MarketDirectory } from './market-directory.js';
import { NonceSource } from './nonce-source.js';
import { OrderEventMapper } from './order-event-mapper.js';
import { restingOrders, VenueOrderIds } from './venue-order-ids.js';
import { classifyCancelStatus, classifyOrderStatus } from './order-status.js';
import { RequestBudget } from './request-budget.js';
import { AddressRequestBudget } from './address-request-budget.js';

/** `userRateLimit`: the address budget as the venue counts it (lenient: only what we use). */
const userRateLimitSchema = z.object({ nRequestsUsed: z.number(), nRequestsCap: z.number() });
import { exchangeActionWeight, infoItemSurcharge, infoRequestWeight } from './request-weight.js';
import { systemScheduler, type IntervalScheduler } from './interval-scheduler.js';
import { accountPositions, positionReports } from './account-positions.js';
import { describeIssues, redactRaw } from './redact-raw.js';
import { missedFills } from './missed-fills.js';
import {
  clearinghouseStateSchema,
  openOrdersSchema,
  orderUpdatesEventSchema,
  userFillsEventSchema,
  userFillSchema,
  userRoleSchema,
  type WireUserFill,
} from './venue-schemas.js';
import { z } from 'zod';

/** Fills remembered for fill reports (the engine asks for the last minutes; a day of fills fits). */
const FILL_LEDGER_CAPACITY = 10_000;

export interface HyperliquidExecutionOptions {
  /** Hex private key of the signing wallet (the account's, or an agent's). Turned into a signer at once, never stored or logged. */
  privateKey?: `0x${string}`;
  /** Or an ethers v6 signer (`Wallet`, `HDNodeWallet`, ...) of that wallet instead of its key: exactly one of the two. */
  signer?: EthersV6Signer;
  config: ExecutionConfigInput;
  clock: Clock;
  /** Defaults to an HttpTransport on `apiUrl`; tests pass an in-memory fake. */
  requestTransport?: IRequestTransport;
  /** Defaults to a WebSocketTransport on `wsUrl`; `null` runs without streams (fills arrive by reconcile only). */
  subscriptionTransport?: ISubscriptionTransport | null;
  scheduler?: IntervalScheduler;
  /**
   * When signing for another account (`masterAddress`), check at start that the key is that
   * account's approved agent (`userRole`); default true. Off only where the caller set the
   * relation up itself (the paper venue).
   */
  verifyAccount?: boolean;
}

export const HYPERLIQUID_CAPABILITIES: ExecutionCapabilities = Object.freeze({
  modify: true,
  batch: true,
  maxBatchSize: 40,
  postOnly: true,
  deadManSwitch: true,
});

/**
 * Hyperliquid execution on @nktkas/hyperliquid. `send` plans synchronously (orders enter the map as
 * pending) and runs the actions in one serial queue (the SDK serializes per wallet anyway):
 * cancels, then modifies, then places, each one batched action per 40 items. Every per-order
 * status becomes an event, also when the SDK throws on a partly failed bulk. An action whose
 * outcome is unknown (timeout, dropped connection) is followed by a reconcile.
 */
export class HyperliquidExecution implements ExecutionVenue {
  readonly venue = HYPERLIQUID_VENUE;
  readonly capabilities = HYPERLIQUID_CAPABILITIES;
  readonly config: ExecutionConfig;
  readonly markets: MarketDirectory;
  readonly budget: RequestBudget;
  /** The per-address action limit (10,000 + 1 per USDC traded), besides the per-IP weight. */
  readonly addressBudget = new AddressRequestBudget();
  /** Address whose orders, fills and positions are ours (the master when signing as an agent). */
  readonly userAddress: `0x${string}`;
  readonly signerAddress: `0x${string}`;

  private readonly clock: Clock;
  private readonly scheduler: IntervalScheduler;
  private readonly exchange: ExchangeClient;
  private readonly info: InfoClient;
  private readonly subscriptionTransport: ISubscriptionTransport | null;
  /** Our orders' state: the engine's order state machine, fed with the commands sent and the events emitted. */
  private readonly orders = new OrderRegistry();
  /** What only the wire needs on top (oids, a modify's resent fields, response fills awaiting their trade ids). */
  private readonly ids = new VenueOrderIds();
  private readonly mapper: OrderEventMapper;
  private readonly nonces: NonceSource;
  private readonly notifications = new ListenerSet<HyperliquidNotification>((error) => {
    // The notification channel itself failed: stderr is the last place left to say it.
    console.error(`@mm/exchange-hl: a notification handler threw: ${errorText(error)}`);
  });
  private readonly events = new ListenerSet<ExecutionEvent>((error) => this.listenerError('execution event', error));
  private readonly reconcileNeeded = new ListenerSet<string>((error) => this.listenerError('reconcile-needed', error));
  /** Every fill event emitted, oldest first (a ring), for fill reports with the same fill ids. */
  private readonly fillLedger: OrderFilledEvent[] = [];
  private fillLedgerStart = 0;
  private readonly verifyAccount: boolean;
  /** Counters for status reports and tests. */
  readonly stats = { malformedMessages: 0, listenerErrors: 0 };
  private readonly deadMansSwitch: DeadMansSwitch;
  private readonly watchdog: HeartbeatWatchdog;
  private queue: Promise<unknown> = Promise.resolve();
  private historySeeded = false;
  private streamsInSync = false;
  private subscriptions: ISubscription[] = [];
  private timers: unknown[] = [];
  private stopReconnectWatch: () => void = () => {};
  private closeOwnedTransport: () => unknown = () => undefined;

  constructor(options: HyperliquidExecutionOptions) {
    this.config = parseExecutionConfig(options.config);
    this.clock = options.clock;
    this.verifyAccount = options.verifyAccount ?? true;
    this.scheduler = options.scheduler ?? systemScheduler;
    this.markets = new MarketDirectory(this.config.markets);
    this.budget = new RequestBudget(this.clock, this.config.weightLimitPerMinute);
    this.nonces = new NonceSource(this.clock);
    if ((options.privateKey === undefined) === (options.signer === undefined)) {
      throw new InvalidInputError('HyperliquidExecution needs exactly one of privateKey and signer');
    }
    const { wallet, address } = options.signer !== undefined ? checkEthersSigner(options.signer) : keyWallet(options.privateKey!);
    this.signerAddress = address;
    this.userAddress = this.config.masterAddress ?? this.signerAddress;
    const transport =
      options.requestTransport ??
      createHttpTransport({ apiUrl: this.config.apiUrl, isTestnet: this.config.isTestnet, timeoutMs: this.config.requestTimeoutMs });
    this.exchange = new ExchangeClient({ transport, wallet, nonceManager: () => this.nonces.next() });
    this.info = new InfoClient({ transport });
    if (options.subscriptionTransport === undefined) {
      const owned = createWebSocketTransport({
        wsUrl: this.config.wsUrl,
        isTestnet: this.config.isTestnet,
        timeoutMs: this.config.requestTimeoutMs,
      });
      this.closeOwnedTransport = () => owned.close();
      this.subscriptionTransport = owned;
    } else {
      this.subscriptionTransport = options.subscriptionTransport;
    }
    this.mapper = new OrderEventMapper(this.orders, this.ids, this.markets, this.clock, (event) => {
      if (event.type === 'order-filled') {
        const instrument = this.markets.instrument(event.symbol);
        this.addressBudget.onTraded(instrument.notional(event.priceTicks, event.sizeLots));
        this.rememberFill(event);
      }
      this.events.emit(event);
    });
    this.deadMansSwitch = new DeadMansSwitch({
      clock: this.clock,
      cancelAfterMs: this.config.deadManSwitch.cancelAfterMs,
      schedule: (timeMs) =>
        this.runAction('scheduleCancel', 1, () =>
          timeMs === undefined ? this.exchange.scheduleCancel() : this.exchange.scheduleCancel({ time: timeMs }),
        ),
      notify: (notification) => this.notifications.emit(notification),
    });
    this.watchdog = new HeartbeatWatchdog(this.config.watchdog.stallAfterMs * MICROS_PER_MILLI);
  }

  // ---- ExecutionVenue ---------------------------------------------------------------------

  onEvent(handler: (event: ExecutionEvent) => void): Unsubscribe {
    return this.events.add(handler);
  }

  onNotification(handler: NotificationHandler): Unsubscribe {
    return this.notifications.add(handler);
  }

  /** Reconnects, unknown outcomes, failed reconciles and malformed messages: the engine should reconcile. */
  onReconcileNeeded(handler: (reason: string) => void): Unsubscribe {
    return this.reconcileNeeded.add(handler);
  }

  send(commands: readonly OrderCommand[]): void {
    const plan = planCommands(commands, this.orders, this.ids, this.markets);
    for (const reject of plan.localRejects) {
      const command = reject.command;
      if (command.type === 'place-order') {
        const now = this.clock.now();
        this.events.emit({
          type: 'order-rejected',
          symbol: command.symbol,
          clientOrderId: command.clientOrderId,
          reason: reject.reason,
          venueTimeUs: now,
          localTimeUs: now,
        });
      } else if (command.type === 'modify-order' || command.type === 'cancel-order') {
        this.mapper.commandRejected(command.symbol, command.clientOrderId, command.type, reject.reason);
      }
    }
    if (plan.cancels.length + plan.modifies.length + plan.places.length === 0) return;
    void this.enqueue(() => this.execute(plan));
  }

  /** Fills missed, open orders and positions of `userAddress`; throws RequestBudgetError or HyperliquidVenueError. */
  reconcile(): Promise<AccountSnapshot> {
    return this.enqueue(async () => {
      try {
        return await this.reconcileNow();
      } catch (error) {
        if (error instanceof MmError) throw error;
        throw new HyperliquidVenueError(`reconcile failed: ${errorText(error)}`, { cause: error });
      }
    });
  }

  /**
   * Open orders, the fills emitted since `fillsSinceUs` (with the ids the events carried, so a fill
   * counted from a post response is not counted again by its trade ids) and positions, after a
   * reconcile that emits what was missed. With `bookedFills` (a journal at start-up): the venue's
   * fills since then that are not among them, matched up with post-response fills. Refused while the WebSocket streams are down: fills
   * would still be missing.
   */
  reports(request: ReportsRequest): Promise<ExecutionReports> {
    return this.enqueue(async () => {
      // The socket's own state is the truth: an 'open' we did not see (it came before our listener,
      // or between two drops) must not refuse every reconcile while the streams are live.
      if (this.subscriptionTransport !== null && !this.streamsInSync && socketIsOpen(this.subscriptionTransport)) this.streamsInSync = true;
      if (this.subscriptionTransport !== null && !this.streamsInSync) {
        throw new HyperliquidVenueError('reports refused: the WebSocket streams are down (reconnecting), fills may be missing', {});
      }
      try {
        const { positions, fills: venueFills } = await this.readAccount();
        const fills =
          request.bookedFills === undefined
            ? this.fillReports(request.fillsSinceUs)
            : missedFills(
                venueFills.filter((fill) => fill.time * MICROS_PER_MILLI >= request.fillsSinceUs),
                request.bookedFills,
                this.markets,
                this.clock.now(),
              );
        return { openOrders: restingOrders(this.orders, this.ids), fills, positions, asOfUs: this.clock.now() };
      } catch (error) {
        if (error instanceof MmError) throw error;
        throw new HyperliquidVenueError(`reports failed: ${errorText(error)}`, { cause: error });
      }
    });
  }

  /** The dead man's switch as it stands (also when its start-up notice went to no one). */
  get deadManSwitchState(): DeadMansSwitchState {
    if (!this.config.deadManSwitch.enabled) return { status: 'off', reason: 'disabled in the adapter config' };
    return this.deadMansSwitch.state;
  }

  // ---- lifecycle --------------------------------------------------------------------------

  /**
   * Subscribes to userFills and orderUpdates, reconciles (seeding the fill history so old fills are
   * not counted), then starts the dead man's switch and the watchdog. Quote only after it resolves.
   */
  async start(): Promise<AccountSnapshot> {
    if (this.verifyAccount) await this.verifyAgentRelation();
    if (this.subscriptionTransport !== null) {
      const subscriptions = new SubscriptionClient({ transport: this.subscriptionTransport });
      let snapshotSeen = false;
      this.subscriptions.push(
        await subscriptions.userFills({ user: this.userAddress }, (data) => {
          const parsed = userFillsEventSchema.safeParse(data);
          if (!parsed.success) return this.malformed('userFills', data, parsed.error);
          // The first message repeats recent history: it only seeds the dedupe set.
          const seedOnly = parsed.data.isSnapshot === true && !snapshotSeen;
          if (parsed.data.isSnapshot === true) snapshotSeen = true;
          for (const fill of parsed.data.fills) this.mapper.userFill(fill, seedOnly);
        }),
        await subscriptions.orderUpdates({ user: this.userAddress }, (data) => {
          const parsed = orderUpdatesEventSchema.safeParse(data);
          if (!parsed.success) return this.malformed('orderUpdates', data, parsed.error);
          for (const update of parsed.data) this.mapper.orderUpdate(update);
        }),
      );
      this.stopReconnectWatch = watchReconnects(
        this.subscriptionTransport,
        () => this.handleReconnect(),
        () => {
          this.streamsInSync = false;
          this.reconcileNeeded.emit('WebSocket closed: fills and order updates may be missed until it reconnects');
        },
      );
    }
    const snapshot = await this.reconcile();
    this.streamsInSync = true;
    this.watchdog.heartbeat(this.clock.now());
    if (this.config.deadManSwitch.enabled) {
      await this.deadMansSwitch.renew();
      this.timers.push(this.scheduler.setInterval(() => void this.deadMansSwitch.renew(), this.config.deadManSwitch.renewEveryMs));
    }
    if (this.config.watchdog.enabled) {
      this.timers.push(this.scheduler.setInterval(() => this.checkWatchdog(), this.config.watchdog.checkEveryMs));
    }
    return snapshot;
  }

  /**
   * Stops timers and streams; with `cancelAll` also cancels every order of ours, then every order
   * the venue still reports open (see `cancelOpenOrdersAtVenue`), and clears the venue timer.
   * Resolves to the orders the venue still reports open (0 without `cancelAll`: not asked).
   */
  async stop(options: { cancelAll?: boolean; cancelTimeoutMs?: number } = {}): Promise<number> {
    for (const timer of this.timers) this.scheduler.clearInterval(timer);
    this.timers = [];
    this.stopReconnectWatch();
    let left = 0;
    if (options.cancelAll === true) {
      this.send([{ type: 'cancel-all', reason: 'adapter stopped' }]);
      await this.whenIdle();
      left = await this.cancelOpenOrdersAtVenue({ timeoutMs: options.cancelTimeoutMs ?? 10_000 });
      if (this.config.deadManSwitch.enabled) await this.deadMansSwitch.clear();
    }
    await Promise.allSettled(this.subscriptions.map((subscription) => subscription.unsubscribe()));
    this.subscriptions = [];
    try {
      await this.closeOwnedTransport();
    } catch {
      // already closed
    }
    return left;
  }

  /**
   * Cancels, by venue order id, every order the venue reports open for `userAddress` (over HTTP,
   * not from our own order state: an order whose oid changed on a modify, or whose cancel was lost,
   * is still found), and asks again until the venue reports none or `timeoutMs` has passed.
   * Resolves to the orders still open at the last answer (unknown answers count as still open).
   */
  async cancelOpenOrdersAtVenue(options: { timeoutMs: number; retryDelayMs?: number }): Promise<number> {
    const user = this.userAddress;
    const retryDelayMs = options.retryDelayMs ?? 250;
    const attempts = Math.max(1, Math.ceil(options.timeoutMs / retryDelayMs));
    let left: number | undefined;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const open = openOrdersSchema.parse(await this.info.openOrders({ user }));
        left = open.length;
        if (left === 0 || attempt >= attempts) break;
        const cancels = open
          .filter((order) => this.markets.has(order.coin))
          .map((order) => ({ a: this.markets.market(order.coin).assetId, o: Number(order.oid) }));
        if (cancels.length > 0) await runBulkAction(() => this.exchange.cancel({ cancels }));
      } catch (error) {
        this.apiError('cancel open orders', error, true);
        if (attempt >= attempts) break;
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    }
    // Never answered: as many as our own state says are live (at least one: not known to be none).
    return left ?? Math.max(1, this.orders.liveOrders().length);
  }

  /** The caller's loop is alive; without it for `watchdog.stallAfterMs` the adapter cancels all. */
  heartbeat(): void {
    this.watchdog.heartbeat(this.clock.now());
  }

  /** Runs the watchdog check now (the interval timer calls it; tests may too). */
  checkWatchdog(): void {
    const now = this.clock.now();
    const stalledForUs = this.watchdog.check(now);
    if (stalledForUs === undefined) return;
    this.notifications.emit({ type: 'watchdog-fired', stalledForUs, timeUs: now });
    this.send([{ type: 'cancel-all', reason: `watchdog: no heartbeat for ${Math.round(stalledForUs / 1000)} ms` }]);
  }

  /**
   * After a WebSocket reconnect the streams are live again; what was missed meanwhile is settled
   * once, by the engine's reconcile (its `reports()` reads fills, orders and positions and emits the
   * missed events), not by a second read here.
   */
  handleReconnect(): void {
    this.streamsInSync = true;
    this.notifications.emit({ type: 'reconnected', timeUs: this.clock.now() });
    this.reconcileNeeded.emit('WebSocket reconnected');
  }

  /**
   * False from a WebSocket drop until it reconnects (the 'reconnected' notification); `reports()`
   * is refused meanwhile, so the engine's reconcile, and its quoting, wait for it.
   */
  get readyToQuote(): boolean {
    return this.streamsInSync;
  }

  /** Resolves once every command sent so far has been answered (and mapped to events). */
  whenIdle(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  get deadManSwitchActive(): boolean {
    return this.config.deadManSwitch.enabled && this.deadMansSwitch.enabled;
  }

  // ---- actions ----------------------------------------------------------------------------

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async execute(plan: CommandPlan): Promise<void> {
    let outcomeUnknown = false;
    for (const batch of plan.cancels) outcomeUnknown = (await this.runCancels(batch)) || outcomeUnknown;
    for (const batch of plan.modifies) outcomeUnknown = (await this.runModifies(batch)) || outcomeUnknown;
    for (const batch of plan.places) outcomeUnknown = (await this.runPlaces(batch)) || outcomeUnknown;
    this.ids.prune(this.orders);
    if (outcomeUnknown) {
      this.reconcile().catch((error: unknown) => {
        this.apiError('reconcile', error, false);
        this.reconcileNeeded.emit(`reconcile after an unanswered request failed: ${errorText(error)}`);
      });
    }
  }

  /** Spends budget, runs the call, classifies the answer; a refusal by the budget is a definite rejection. */
  private async runAction(action: string, itemCount: number, call: () => Promise<unknown>): Promise<BulkOutcome> {
    const weight = exchangeActionWeight(itemCount);
    const isCancel = action === 'cancelByCloid' || action === 'cancel' || action === 'scheduleCancel';
    if (!this.addressBudget.tryConsume(itemCount, isCancel)) {
      const { usedRequests, capRequests } = this.addressBudget;
      this.notifications.emit({
        type: 'budget-exceeded',
        action,
        weight: itemCount,
        usedWeight: usedRequests,
        limit: capRequests,
        timeUs: this.clock.now(),
      });
      return {
        kind: 'rejected',
        reason: `address request budget exhausted: ${action} needs ${itemCount}, ${usedRequests} of ${capRequests} requests used (1 more per USDC traded)`,
      };
    }
    if (!this.budget.tryConsume(weight)) {
      const usedWeight = this.budget.usedWeight();
      this.notifications.emit({ type: 'budget-exceeded', action, weight, usedWeight, limit: this.budget.limit, timeUs: this.clock.now() });
      return {
        kind: 'rejected',
        reason: `request budget exceeded: ${action} needs weight ${weight}, ${usedWeight} of ${this.budget.limit} used in the last minute`,
      };
    }
    const outcome = await runBulkAction(call);
    if (outcome.kind === 'unknown') this.apiError(action, outcome.reason, true);
    return outcome;
  }

  private async runPlaces(items: PlaceItem[]): Promise<boolean> {
    const outcome = await this.runAction('order', items.length, () =>
      this.exchange.order({ orders: items.map((item) => item.wire), grouping: 'na' }),
    );
    if (outcome.kind === 'unknown') return true;
    items.forEach((item, index) => {
      if (outcome.kind === 'rejected') return this.mapper.placeRejected(item.order, outcome.reason);
      const status = classifyOrderStatus(outcome.statuses[index]);
      if (status.kind === 'resting') this.mapper.placeResting(item.order, status.oid);
      else if (status.kind === 'filled') this.mapper.placeFilled(item.order, status.oid, status.totalSz, status.avgPx);
      else if (status.kind === 'error') this.mapper.placeRejected(item.order, status.message);
    });
    return false;
  }

  private async runModifies(items: ModifyItem[]): Promise<boolean> {
    const outcome = await this.runAction('batchModify', items.length, () =>
      this.exchange.batchModify({ modifies: items.map((item) => item.wire) }),
    );
    if (outcome.kind === 'unknown') return true;
    items.forEach((item, index) => {
      const { command, order } = item;
      if (outcome.kind === 'rejected')
        return this.mapper.commandRejected(command.symbol, command.clientOrderId, 'modify-order', outcome.reason);
      const status = classifyOrderStatus(outcome.statuses[index]);
      if (status.kind === 'resting') this.mapper.modifyResting(order, command, status.oid);
      else if (status.kind === 'filled') this.mapper.modifyFilled(order, command, status.oid, status.totalSz, status.avgPx);
      else if (status.kind === 'error') this.mapper.commandRejected(command.symbol, command.clientOrderId, 'modify-order', status.message);
    });
    return false;
  }

  private async runCancels(items: CancelItem[]): Promise<boolean> {
    const outcome = await this.runAction('cancelByCloid', items.length, () =>
      this.exchange.cancelByCloid({ cancels: items.map((item) => item.wire) }),
    );
    if (outcome.kind === 'unknown') return true;
    items.forEach((item, index) => {
      if (outcome.kind === 'rejected') return this.mapper.commandRejected(item.symbol, item.clientOrderId, 'cancel-order', outcome.reason);
      const status = classifyCancelStatus(outcome.statuses[index]);
      if (status.kind === 'success') this.mapper.cancelSucceeded(item.symbol, item.clientOrderId);
      else if (status.kind === 'error') this.mapper.commandRejected(item.symbol, item.clientOrderId, 'cancel-order', status.message);
    });
    return false;
  }

  // ---- reconcile --------------------------------------------------------------------------

  private async infoCall<T>(type: string, call: () => Promise<T>): Promise<T> {
    const weight = infoRequestWeight(type);
    if (!this.budget.tryConsume(weight)) {
      throw new RequestBudgetError(`request budget exceeded: info ${type} needs weight ${weight}`, {
        usedWeight: this.budget.usedWeight(),
        limit: this.budget.limit,
      });
    }
    return call();
  }

  private async reconcileNow(): Promise<AccountSnapshot> {
    const { state } = await this.readAccount();
    return { openOrders: restingOrders(this.orders, this.ids), positions: accountPositions(state, this.markets) };
  }

  /**
   * Fills first (they explain vanished orders), then open orders, then positions. A fill that does
   * not parse fails the whole read (the position would be unknown); it is retried, never skipped.
   */
  private async readAccount() {
    const user = this.userAddress;
    const fillsRaw = z.array(z.unknown()).parse(await this.infoCall('userFills', () => this.info.userFills({ user })));
    this.budget.charge(infoItemSurcharge(fillsRaw.length));
    const fills: WireUserFill[] = [];
    for (const raw of fillsRaw) {
      const fill = userFillSchema.safeParse(raw);
      if (fill.success) fills.push(fill.data);
      else this.malformed('userFills (reconcile)', raw, fill.error, false);
    }
    if (fills.length < fillsRaw.length) {
      throw new HyperliquidVenueError(
        `reconcile failed: ${fillsRaw.length - fills.length} of ${fillsRaw.length} fills in userFills do not parse`,
        {},
      );
    }
    const oldestFirst = fills.sort((left, right) => left.time - right.time);
    for (const fill of oldestFirst) this.mapper.userFill(fill, !this.historySeeded);
    this.historySeeded = true;
    const open = openOrdersSchema.parse(await this.infoCall('openOrders', () => this.info.openOrders({ user })));
    this.mapper.openOrdersSnapshot(open);
    const state = clearinghouseStateSchema.parse(await this.infoCall('clearinghouseState', () => this.info.clearinghouseState({ user })));
    const limits = userRateLimitSchema.safeParse(await this.infoCall('userRateLimit', () => this.info.userRateLimit({ user })));
    if (limits.success) this.addressBudget.update(limits.data.nRequestsUsed, limits.data.nRequestsCap);
    return { state, positions: positionReports(state, this.markets), fills: oldestFirst };
  }

  /**
   * Signing for another account: the key must be that account's approved agent, else the venue
   * books every order on the key's own account, which no journal or position of ours would show.
   */
  private async verifyAgentRelation(): Promise<void> {
    if (this.userAddress === this.signerAddress) return;
    const signer = this.signerAddress;
    const role = userRoleSchema.parse(await this.infoCall('userRole', () => this.info.userRole({ user: signer })));
    const agentOf = role.role === 'agent' ? (role as { data: { user: string } }).data.user.toLowerCase() : undefined;
    if (agentOf === this.userAddress) return;
    const is = agentOf === undefined ? `a '${role.role}' address to the venue, not an agent` : `the agent of ${agentOf}`;
    throw new ConfigError('Hyperliquid account', [
      {
        field: 'masterAddress',
        problem: `the signing key ${signer} is ${is}; orders would trade on another account than ${this.userAddress}. Approve the key as an agent of ${this.userAddress}, or set the account the key belongs to`,
      },
    ]);
  }

  private rememberFill(event: OrderFilledEvent): void {
    if (this.fillLedger.length < FILL_LEDGER_CAPACITY) {
      this.fillLedger.push(event);
      return;
    }
    this.fillLedger[this.fillLedgerStart] = event;
    this.fillLedgerStart = (this.fillLedgerStart + 1) % FILL_LEDGER_CAPACITY;
  }

  private fillReports(sinceUs: number): OrderFilledEvent[] {
    const result: OrderFilledEvent[] = [];
    const count = this.fillLedger.length;
    for (let offset = 0; offset < count; offset += 1) {
      const fill = this.fillLedger[(this.fillLedgerStart + offset) % count]!;
      if (fill.venueTimeUs >= sinceUs) result.push({ ...fill });
    }
    return result;
  }

  /** A message that failed its schema: counted, said with its (redacted) raw text, and reconciled. */
  private malformed(channel: string, data: unknown, error: z.ZodError, askReconcile = true): void {
    this.stats.malformedMessages += 1;
    const problem = describeIssues(error);
    this.notifications.emit({ type: 'malformed-message', channel, raw: redactRaw(data), problem, timeUs: this.clock.now() });
    if (askReconcile) this.reconcileNeeded.emit(`malformed ${channel} message (${problem})`);
  }

  private listenerError(channel: string, error: unknown): void {
    this.stats.listenerErrors += 1;
    this.notifications.emit({ type: 'listener-error', channel, message: errorText(error), timeUs: this.clock.now() });
  }

  private apiError(action: string, error: unknown, outcomeUnknown: boolean): void {
    this.notifications.emit({ type: 'api-error', action, message: errorText(error), outcomeUnknown, timeUs: this.clock.now() });
  }
}

/** True when the transport's WebSocket (the SDK's `socket`) is open; false when it has none. */
function socketIsOpen(transport: unknown): boolean {
  return (transport as { socket?: { readyState?: number } }).socket?.readyState === 1;
}

function keyWallet(privateKey: `0x${string}`): { wallet: ReturnType<typeof signerFromPrivateKey>; address: `0x${string}` } {
  const wallet = signerFromPrivateKey(privateKey);
  return { wallet, address: wallet.address.toLowerCase() as `0x${string}` };
}
