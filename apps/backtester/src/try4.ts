import { runBacktest } from '@mm/backtest';
import { BasicStrategy } from '@mm/strategies';
const out = '/tmp/bt/binance-usdm.arrow';
for (let i = 0; i < 4; i++) {
const strategy = new BasicStrategy({ symbol: 'BTCUSDT', quoter: { orderSizeUsd: 200 } });
const result = await runBacktest({ eventLogs: [out], strategy: strategy as never, repeat: 22 });
console.log('events', result.events, 'wall', result.wallSeconds.toFixed(3), 'M ev/s', (result.events / result.wallSeconds / 1e6).toFixed(2), 'fills', result.summary.fills, 'rss', process.resourceUsage().maxRSS/1024|0, strategy.stats);
}
