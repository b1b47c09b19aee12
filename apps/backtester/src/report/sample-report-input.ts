import type { ReportInput } from './report-input.js';

/**
 * A deterministic synthetic run for tests and demos: a random-walk mid, quotes around it with quoting
 * gaps, fills on both sides, equity and inventory that move with them. Seeded LCG, no ambient randomness.
 */
export function sampleReportInput(sampleCount: number, options: { seed?: number; fillEvery?: number } = {}): ReportInput {
  let state = (options.seed ?? 7) >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const startUs = Date.UTC(2025, 0, 26) * 1000;
  const stepUs = Math.max(1, Math.floor((86_400 * 1e6) / Math.max(1, sampleCount)));
  const fillEvery = options.fillEvery ?? Math.max(1, Math.floor(sampleCount / 400));
  const timeUs = new Float64Array(sampleCount);
  const equity: number[] = [];
  const inventory: number[] = [];
  const mid: number[] = [];
  const bid: (number | null)[] = [];
  const ask: (number | null)[] = [];
  const fills: ReportInput['fills'] = [];
  let price = 104_000;
  let position = 0;
  let pnl = 0;
  for (let i = 0; i < sampleCount; i += 1) {
    const time = startUs + i * stepUs;
    timeUs[i] = time;
    price += (random() - 0.5) * 8;
    const quoting = Math.floor(i / Math.max(1, Math.floor(sampleCount / 20))) % 7 !== 3;
    const halfSpread = 4 + 2 * random();
    if (i % fillEvery === 0 && quoting && i > 0) {
      const side = random() < 0.5 - position / 4 ? 'buy' : 'sell';
      const size = 0.001 * (1 + Math.floor(random() * 5));
      position += side === 'buy' ? size : -size;
      pnl += halfSpread * size;
      fills.push({
        timeUs: time,
        side,
        price: side === 'buy' ? price - halfSpread : price + halfSpread,
        size,
        liquidity: random() < 0.9 ? 'maker' : 'taker',
      });
    }
    pnl += position * (random() - 0.5) * 8;
    equity.push(pnl);
    inventory.push(position);
    mid.push(price);
    bid.push(quoting ? price - halfSpread : null);
    ask.push(quoting ? price + halfSpread : null);
  }
  return {
    title: 'BTC · hyperliquid · btcusd_20250126',
    generatedBy: 'pnpm --filter backtester replay --data btcusd_20250126 --strategy as',
    summary: {
      'net PnL': pnl,
      'spread capture': 12.5,
      'fees/rebates': -1.25,
      fills: fills.length,
      'max drawdown': -3.75,
      Sharpe: Number.NaN,
      'markout 5s': '1.2 bps',
      events: sampleCount,
    },
    series: { timeUs, equity, inventory, mid, bid, ask },
    fills,
    inventoryHistogram: [
      { bucket: '≤ -0.01', share: 0.1 },
      { bucket: '-0.01..0', share: 0.35 },
      { bucket: '0..0.01', share: 0.4 },
      { bucket: '≥ 0.01', share: 0.15 },
    ],
    markouts: [
      { horizon: '1s', bps: 0.8 },
      { horizon: '5s', bps: -0.4 },
      { horizon: '30s', bps: Number.NaN },
    ],
  };
}
