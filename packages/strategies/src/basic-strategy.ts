import { z } from 'zod';
import { MICROS_PER_MILLI, parseConfig, type ExecutionEvent, type Micros, type TimerEvent } from '@mm/core';
import type { EngineContext, Strategy } from '@mm/engine';
import { diffQuotes, QuoteEngine, type QuoteEngineConfigInput } from '@mm/quoter';
import { inventoryLadder, maxPositionLotsForNotional, parseInventoryLadderConfig, type InventoryLadderConfig } from '@mm/inventory';
import { MidVolatility } from './mid-volatility.js';
import { OrderBudget } from './order-budget.js';

export const basicStrategyConfigSchema = z.strictObject({
  symbol: z.string().min(1),
  /** Practical-quoter settings; the basic strategy quotes one level unless told otherwise. */
  quoter: z.record(z.string(), z.unknown()).default({}),
  /** Hard limit on |position| in quote currency; the inventory ladder works against it. */
  maxPositionUsd: z.number().positive().default(500),
  /** Requote at least this often even when nothing moved. */
  requoteIntervalMs: z.number().positive().default(1_000),
  /** Never requote faster than this, however fast the book changes. */
  minRequoteIntervalMs: z.number().nonnegative().default(100),
  /** Requote early when the mid moved this much since the last quote. */
  requoteMoveBps: z.number().nonnegative().default(0.5),
  volatilitySampleMs: z.number().positive().default(1_000),
  volatilityHalfLifeSamples: z.number().positive().default(60),
  initialVolatilityBps: z.number().nonnegative().default(1),
  /**
   * Places and modifies per minute the strategy allows itself: well below the risk manager's limit
   * (60) so requotes are skipped by the strategy rather than denied by the risk gate (36 a minute
   * with a burst of 7 stays under 72% of it in any rolling minute).
   */
  orderBudgetPerMinute: z.number().positive().default(36),
  /** Book levels per side for the imbalance input. */
  imbalanceLevels: z.number().int().min(1).default(5),
  inventoryLadder: z.record(z.string(), z.unknown()).default({}),
});

export type BasicStrategyConfigInput = z.input<typeof basicStrategyConfigSchema>;
export type BasicStrategyConfig = Readonly<z.output<typeof basicStrategyConfigSchema>>;

/** Phase-1 defaults of the seed: one level, the whole order size on it. */
const BASIC_QUOTER_DEFAULTS: QuoteEngineConfigInput = { numLevels: 1 };

/**
 * The seed's basic market maker (phase 1): one post-only (ALO) level a side around the mid, spread
 * from the practical quoter (base + volatility + inventory penalty, skewed against inventory and by
 * book imbalance), the side that would grow an overloaded position widened and then paused by the
 * inventory ladder, the risk manager's widen/pause applied on top. Hedging is left to later phases.
 *
 * Quotes are refreshed when the mid moves `requoteMoveBps`, after each of our fills, and at least
 * every `requoteIntervalMs`, never faster than `minRequoteIntervalMs`; the diff against resting
 * orders sends only what changed.
 */
export class BasicStrategy implements Strategy {
  readonly name: string = 'basic';
  readonly symbols: readonly string[];
  readonly config: BasicStrategyConfig;
  private readonly ladderConfig: InventoryLadderConfig;
  private readonly quoterConfig: QuoteEngineConfigInput;
  private quoteEngine: QuoteEngine | undefined;
  private volatility: MidVolatility;
  private orderBudget: OrderBudget;
  private lastQuoteUs: Micros = Number.NEGATIVE_INFINITY;
  private lastQuoteMid = 0;
  private dirty = true;
  /** Counters for reports and tests. */
  readonly stats = { requotes: 0, commands: 0, denials: 0, rejects: 0, skippedForBudget: 0 };

  constructor(config: BasicStrategyConfigInput) {
    this.config = parseConfig(basicStrategyConfigSchema, config, 'basic strategy config');
    this.symbols = [this.config.symbol];
    this.ladderConfig = parseInventoryLadderConfig(this.config.inventoryLadder);
    this.quoterConfig = { ...BASIC_QUOTER_DEFAULTS, ...(this.config.quoter as QuoteEngineConfigInput) };
    this.volatility = this.newVolatility();
    this.orderBudget = new OrderBudget(this.config.orderBudgetPerMinute);
  }

  onStart(context: EngineContext): void {
    this.quoteEngine = new QuoteEngine(context.instrument(this.config.symbol), this.quoterConfig);
    this.volatility = this.newVolatility();
    this.orderBudget = new OrderBudget(this.config.orderBudgetPerMinute);
    this.lastQuoteUs = Number.NEGATIVE_INFINITY;
    this.dirty = true;
    context.scheduleTimer(this.timerName, context.clock.now() + this.config.requoteIntervalMs * MICROS_PER_MILLI);
  }

  /** At least every `requoteIntervalMs` the quotes are refreshed, also when the book is silent. */
  onTimer(timer: TimerEvent, context: EngineContext): void {
    if (timer.name !== this.timerName) return;
    this.onBook(this.config.symbol, context);
    context.scheduleTimer(this.timerName, context.clock.now() + this.config.requoteIntervalMs * MICROS_PER_MILLI);
  }

  private get timerName(): string {
    return `basic-requote:${this.config.symbol}`;
  }

  onBook(symbol: string, context: EngineContext): void {
    const book = context.book(symbol);
    const bestBid = book.bestBidTicks();
    const bestAsk = book.bestAskTicks();
    if (bestBid === undefined || bestAsk === undefined || bestBid >= bestAsk) return;
    const now = context.clock.now();
    const mid = (bestBid + bestAsk) / 2;
    this.volatility.observe(mid, now);
    const sinceLast = now - this.lastQuoteUs;
    if (sinceLast < this.config.minRequoteIntervalMs * MICROS_PER_MILLI) return;
    const movedBps = this.lastQuoteMid === 0 ? Number.POSITIVE_INFINITY : (Math.abs(mid - this.lastQuoteMid) / this.lastQuoteMid) * 10_000;
    if (!this.dirty && movedBps < this.config.requoteMoveBps && sinceLast < this.config.requoteIntervalMs * MICROS_PER_MILLI) return;
    // Both sides resting and budget for less than moving both: a requote would mostly be skipped; wait.
    if (this.orderBudget.available(now) < 2 && this.bothSidesResting(symbol, context)) {
      this.dirty = true;
      return;
    }
    this.requote(symbol, bestBid, bestAsk, context);
  }

  /** Quotes tried during the pause were denied: requote now rather than on the next timer or move. */
  onQuotingResumed(symbol: string, context: EngineContext): void {
    if (symbol !== this.config.symbol) return;
    this.dirty = true;
    this.onBook(symbol, context);
  }

  onOrderEvent(event: ExecutionEvent): void {
    if (event.type === 'order-filled' || event.type === 'order-canceled') this.dirty = true;
    if (event.type === 'order-rejected') {
      this.stats.rejects += 1;
      this.dirty = true;
    }
  }

  onCommandDenied(): void {
    this.stats.denials += 1;
  }

  /** A widening (>= 1) a subclass may apply to both sides; the basic strategy quotes as configured. */
  protected spreadAdaptation(_nowUs: Micros): number {
    return 1;
  }

  private requote(symbol: string, bestBid: number, bestAsk: number, context: EngineContext): void {
    const engine = this.quoteEngine ?? (this.quoteEngine = new QuoteEngine(context.instrument(symbol), this.quoterConfig));
    const instrument = context.instrument(symbol);
    const now = context.clock.now();
    const mid = (bestBid + bestAsk) / 2;
    this.lastQuoteUs = now;
    this.lastQuoteMid = mid;
    this.dirty = false;
    this.stats.requotes += 1;

    const resting = context.quotingOrders(symbol);
    let restingBuyLots = 0;
    let restingSellLots = 0;
    for (const order of resting) {
      if (order.side === 'buy') restingBuyLots += order.sizeLots;
      else restingSellLots += order.sizeLots;
    }
    const maxPositionLots = Math.max(maxPositionLotsForNotional(instrument, this.config.maxPositionUsd, mid), 1);
    const controls = inventoryLadder(
      { positionLots: context.positionLots(symbol), maxPositionLots, nowUs: now, restingBuyLots, restingSellLots },
      this.ladderConfig,
    );
    const risk = context.symbolRisk(symbol);
    const riskStop = risk.cancelAll || context.risk().halted || context.risk().quotingPaused;
    const book = context.book(symbol);
    const ladder = engine.computeQuotes({
      bestBidTicks: bestBid,
      bestAskTicks: bestAsk,
      volatilityBps: this.volatility.volatilityBps,
      inventoryRatio: controls.inventoryRatio,
      imbalance: book.imbalance(this.config.imbalanceLevels),
      buy: {
        paused: riskStop || risk.bidPaused || controls.buy.action === 'pause',
        spreadMultiplier: controls.buy.spreadMultiplier * risk.spreadMultiplier * this.spreadAdaptation(now),
      },
      sell: {
        paused: riskStop || risk.askPaused || controls.sell.action === 'pause',
        spreadMultiplier: controls.sell.spreadMultiplier * risk.spreadMultiplier * this.spreadAdaptation(now),
      },
    });
    // A full fill of every quote must keep |position| within the limit: cap each side's size.
    const capped = ladder.quotes
      .map((quote) => {
        const cap = quote.side === 'buy' ? controls.buy.maxOrderLots : controls.sell.maxOrderLots;
        return { ...quote, sizeLots: Math.min(quote.sizeLots, cap) };
      })
      .filter((quote) => quote.sizeLots > 0 && instrument.meetsMinNotional(quote.priceTicks, quote.sizeLots));
    const commands = diffQuotes(capped, resting, {
      symbol,
      capabilities: context.capabilities,
      nextClientOrderId: () => context.nextClientOrderId(),
    });
    // Within the order budget: cancels are free; if the places and modifies do not fit, keep only
    // the places of sides with nothing resting (an empty side costs more than a stale price).
    const costly = commands.filter((command) => command.type === 'place-order' || command.type === 'modify-order');
    let toSend = commands;
    const available = this.orderBudget.available(now);
    if (costly.length > available) {
      const restingSides = new Set(resting.map((order) => order.side));
      const essential = commands.filter(
        (command) => command.type === 'cancel-order' || (command.type === 'place-order' && !restingSides.has(command.side)),
      );
      const essentialCost = essential.filter((command) => command.type === 'place-order').length;
      toSend = essentialCost <= available ? essential : essential.filter((command) => command.type === 'cancel-order');
      this.stats.skippedForBudget += commands.length - toSend.length;
      this.dirty = true;
    }
    this.orderBudget.spend(toSend.filter((command) => command.type === 'place-order' || command.type === 'modify-order').length, now);
    this.stats.commands += toSend.length;
    for (const command of toSend) context.send(command);
  }

  private bothSidesResting(symbol: string, context: EngineContext): boolean {
    return context.quotingOrderCount(symbol, 'buy') > 0 && context.quotingOrderCount(symbol, 'sell') > 0;
  }

  private newVolatility(): MidVolatility {
    return new MidVolatility(
      this.config.volatilitySampleMs * MICROS_PER_MILLI,
      this.config.volatilityHalfLifeSamples,
      this.config.initialVolatilityBps,
    );
  }
}
