import { z } from 'zod';
import { MICROS_PER_MILLI, parseConfig, type Quote, type TimerEvent } from '@mm/core';
import type { EngineContext, Strategy } from '@mm/engine';
import { diffQuotes, parseQuoteDiffTolerance } from '@mm/quoter';

/** The reference strategy requotes on any move of its target, as hftbacktest's does. */
const EXACT = parseQuoteDiffTolerance({ priceToleranceBps: 0, sizeToleranceRatio: 0 });

export const fixedOffsetStrategyConfigSchema = z.strictObject({
  symbol: z.string().min(1),
  /** Distance of each quote from the mid, in ticks (the bid rounds down, the ask up, onto the grid). */
  halfSpreadTicks: z.number().int().min(1).max(1_000_000),
  /** Size of each quote, in lots. */
  orderLots: z.number().int().min(1).max(1_000_000_000).default(1),
  /** The quoting loop: quotes are recomputed this often (and only then). */
  intervalMs: z.number().positive().max(3_600_000).default(100),
  /** No more buys at or above +this position (and no more sells at or below −this), in lots. */
  maxPositionLots: z.number().int().min(1).max(1_000_000_000).default(100),
});

export type FixedOffsetStrategyConfigInput = z.input<typeof fixedOffsetStrategyConfigSchema>;
export type FixedOffsetStrategyConfig = Readonly<z.output<typeof fixedOffsetStrategyConfigSchema>>;

/**
 * The market maker of hftbacktest's tutorials: every `intervalMs`, one post-only order a side
 * `halfSpreadTicks` from the mid, `orderLots` each, a side left out once the position reaches
 * `maxPositionLots`. No skew, no volatility, no order budget: a fixed reference strategy, for
 * comparing this backtester with others on the same work and for testing the simulator (its quotes
 * depend only on the book it is shown, so a simulator that shows it the wrong book shows at once).
 */
export class FixedOffsetStrategy implements Strategy {
  readonly name = 'fixed-offset';
  readonly symbols: readonly string[];
  readonly config: FixedOffsetStrategyConfig;
  private readonly timerName: string;
  readonly stats = { loops: 0, commands: 0 };

  constructor(config: FixedOffsetStrategyConfigInput) {
    this.config = parseConfig(fixedOffsetStrategyConfigSchema, config, 'fixed-offset strategy config');
    this.symbols = [this.config.symbol];
    this.timerName = `fixed-offset:${this.config.symbol}`;
  }

  onStart(context: EngineContext): void {
    context.scheduleTimer(this.timerName, context.clock.now() + this.config.intervalMs * MICROS_PER_MILLI);
  }

  onTimer(timer: TimerEvent, context: EngineContext): void {
    if (timer.name !== this.timerName) return;
    context.scheduleTimer(this.timerName, context.clock.now() + this.config.intervalMs * MICROS_PER_MILLI);
    this.quote(context);
  }

  /** The quotes for a book with this best bid and ask (ticks), before position limits. */
  targetPrices(bestBidTicks: number, bestAskTicks: number, context: EngineContext): { bidTicks: number; askTicks: number } {
    const instrument = context.instrument(this.config.symbol);
    const mid = (bestBidTicks + bestAskTicks) / 2;
    return {
      bidTicks: instrument.roundPriceTicks(Math.floor(mid - this.config.halfSpreadTicks), 'down'),
      askTicks: instrument.roundPriceTicks(Math.ceil(mid + this.config.halfSpreadTicks), 'up'),
    };
  }

  private quote(context: EngineContext): void {
    const { symbol, orderLots, maxPositionLots } = this.config;
    const book = context.book(symbol);
    const bestBid = book.bestBidTicks();
    const bestAsk = book.bestAskTicks();
    this.stats.loops += 1;
    const targets: Quote[] = [];
    if (bestBid !== undefined && bestAsk !== undefined && bestBid < bestAsk && !context.risk().halted && !context.risk().quotingPaused) {
      const { bidTicks, askTicks } = this.targetPrices(bestBid, bestAsk, context);
      const position = context.positionLots(symbol);
      if (position < maxPositionLots) targets.push({ side: 'buy', priceTicks: bidTicks, sizeLots: orderLots, level: 0 });
      if (position > -maxPositionLots) targets.push({ side: 'sell', priceTicks: askTicks, sizeLots: orderLots, level: 0 });
    }
    const commands = diffQuotes(targets, context.quotingOrders(symbol), {
      symbol,
      capabilities: context.capabilities,
      nextClientOrderId: () => context.nextClientOrderId(),
      tolerance: EXACT,
    });
    for (const command of commands) context.send(command);
    this.stats.commands += commands.length;
  }
}
