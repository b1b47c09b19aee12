/**
 * Peak-to-trough of a value over time (equity, PnL): the current drawdown from the running peak and
 * the largest one seen. One definition for the risk rule, backtest results and the live status.
 */
export class DrawdownTracker {
  private peakValue = Number.NEGATIVE_INFINITY;
  private lastValue = Number.NaN;
  private maxDrawdownValue = 0;

  /** Starts from `startValue` as if it had been observed (a PnL since start begins at 0). */
  constructor(startValue?: number) {
    if (startValue !== undefined) this.observe(startValue);
  }

  observe(value: number): void {
    this.lastValue = value;
    if (value > this.peakValue) this.peakValue = value;
    const drawdown = this.peakValue - value;
    if (drawdown > this.maxDrawdownValue) this.maxDrawdownValue = drawdown;
  }

  /** The highest value seen (since the last `restartPeak`); -Infinity before any. */
  get peak(): number {
    return this.peakValue;
  }

  /** How far the last value is below the peak; 0 before any value. */
  get drawdown(): number {
    return Number.isNaN(this.lastValue) ? 0 : this.peakValue - this.lastValue;
  }

  /** The largest drawdown seen since the start (kept across `restartPeak`). */
  get maxDrawdown(): number {
    return this.maxDrawdownValue;
  }

  /** The peak restarts at the last value (a person lifted a drawdown halt). */
  restartPeak(): void {
    if (!Number.isNaN(this.lastValue)) this.peakValue = this.lastValue;
  }
}
