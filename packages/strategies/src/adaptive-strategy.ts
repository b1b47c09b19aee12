import { z } from 'zod';
import { MICROS_PER_SECOND, parseConfig, type ExecutionEvent, type Micros } from '@mm/core';
import type { EngineContext } from '@mm/engine';
import { BasicStrategy, basicStrategyConfigSchema, type BasicStrategyConfigInput } from './basic-strategy.js';

export const adaptiveSpreadConfigSchema = z.strictObject({
  /** Horizon at which a fill's markout (the mid's move after it, in our favour) is read. */
  markoutHorizonSeconds: z.number().positive().max(300).default(5),
  /** Half-life, in fills, of the markout average. */
  markoutHalfLifeFills: z.number().positive().default(10),
  /** Widening per bp of adverse markout (negative average). */
  wideningPerAdverseBps: z.number().nonnegative().default(0.5),
  /** Fills per minute above which the quotes widen (the market is taking us more than we want). */
  targetFillsPerMinute: z.number().positive().default(6),
  /** Widening per doubling of the fill rate above the target. */
  wideningPerFillRateDoubling: z.number().nonnegative().default(0.5),
  /** The widening never exceeds this multiple of the configured spread. */
  maxSpreadMultiplier: z.number().min(1).max(20).default(3),
});

export type AdaptiveSpreadConfigInput = z.input<typeof adaptiveSpreadConfigSchema>;

interface PendingMarkout {
  dueUs: Micros;
  side: 'buy' | 'sell';
  priceTicks: number;
}

/**
 * The basic strategy with a spread that adapts to how it is being traded against:
 * - adverse selection: the average markout of its own fills at `markoutHorizonSeconds` (the mid's
 *   move after a fill, positive when in our favour); a negative average widens the quotes;
 * - fill rate: fills per minute above `targetFillsPerMinute` widen the quotes (log2 of the ratio).
 * The widening multiplies the configured spread, from 1 (quote as configured) to
 * `maxSpreadMultiplier`, and relaxes back as markouts recover and fills slow down. Deterministic:
 * everything is read from the strategy's own fills and the book, on the engine's clock.
 */
export class AdaptiveStrategy extends BasicStrategy {
  override readonly name = 'adaptive';
  readonly adaptive: z.output<typeof adaptiveSpreadConfigSchema>;
  private readonly pending: PendingMarkout[] = [];
  private markoutBps = 0;
  private markoutSamples = 0;
  private readonly decay: number;
  private fillTimes: Micros[] = [];

  constructor(config: BasicStrategyConfigInput & { adaptive?: AdaptiveSpreadConfigInput }) {
    const { adaptive = {}, ...basic } = config;
    super(basic);
    this.adaptive = parseConfig(adaptiveSpreadConfigSchema, adaptive, 'adaptive spread config');
    this.decay = 0.5 ** (1 / this.adaptive.markoutHalfLifeFills);
  }

  /** The current widening, for reports and tests. */
  get currentSpreadMultiplier(): number {
    return this.lastMultiplier;
  }

  get averageMarkoutBps(): number {
    return this.markoutBps;
  }

  private lastMultiplier = 1;

  override onBook(symbol: string, context: EngineContext): void {
    const book = context.book(symbol);
    const mid = book.midTicks();
    if (mid !== undefined) {
      this.readMaturedMarkouts(context.clock.now(), mid);
    }
    super.onBook(symbol, context);
  }

  override onOrderEvent(event: ExecutionEvent): void {
    if (event.type === 'order-filled') {
      const horizonUs = this.adaptive.markoutHorizonSeconds * MICROS_PER_SECOND;
      this.pending.push({ dueUs: event.localTimeUs + horizonUs, side: event.side, priceTicks: event.priceTicks });
      this.fillTimes.push(event.localTimeUs);
    }
    super.onOrderEvent(event);
  }

  protected override spreadAdaptation(nowUs: Micros): number {
    const adaptive = this.adaptive;
    const minuteAgo = nowUs - 60 * MICROS_PER_SECOND;
    if (this.fillTimes.length > 0 && this.fillTimes[0]! <= minuteAgo) this.fillTimes = this.fillTimes.filter((time) => time > minuteAgo);
    const fillRate = this.fillTimes.length;
    const adverse = Math.max(0, -this.markoutBps) * adaptive.wideningPerAdverseBps;
    const busy =
      fillRate > adaptive.targetFillsPerMinute
        ? Math.log2(fillRate / adaptive.targetFillsPerMinute) * adaptive.wideningPerFillRateDoubling
        : 0;
    this.lastMultiplier = Math.min(adaptive.maxSpreadMultiplier, 1 + adverse + busy);
    return this.lastMultiplier;
  }

  private readMaturedMarkouts(nowUs: Micros, midTicks: number): void {
    while (this.pending.length > 0 && this.pending[0]!.dueUs <= nowUs) {
      const fill = this.pending.shift()!;
      const sign = fill.side === 'buy' ? 1 : -1;
      const markout = ((sign * (midTicks - fill.priceTicks)) / fill.priceTicks) * 10_000;
      this.markoutBps = this.markoutSamples === 0 ? markout : this.decay * this.markoutBps + (1 - this.decay) * markout;
      this.markoutSamples += 1;
    }
  }
}

/** The adaptive strategy's config as one schema (the basic fields plus `adaptive`). */
export const adaptiveStrategyConfigSchema = basicStrategyConfigSchema.extend({ adaptive: adaptiveSpreadConfigSchema.prefault({}) });
