import { Registry, register as globalRegistry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MonitoringMetrics } from './monitoring-metrics.js';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';
import { syntheticFill, syntheticSnapshot } from './snapshot-fixtures.js';

const open: MonitoringMetrics[] = [];
afterEach(() => {
  for (const metrics of open.splice(0)) metrics.close();
});
function newMetrics(...args: ConstructorParameters<typeof MonitoringMetrics>) {
  const metrics = new MonitoringMetrics(...args);
  open.push(metrics);
  return metrics;
}

describe('MonitoringMetrics', () => {
  it('mirrors a snapshot: positions, PnL parts, quotes, book, risk, up time; valid Prometheus text', async () => {
    const metrics = newMetrics();
    metrics.updateFromSnapshot(syntheticSnapshot());
    const text = await metrics.metrics();
    const families = parsePrometheusText(text);
    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(sampleValue(families, 'mm_position_base', { symbol: 'ETH' })).toBe(-0.064);
    expect(sampleValue(families, 'mm_position_usd', { symbol: 'BTC' })).toBe(213.4);
    expect(sampleValue(families, 'mm_pnl_usd', { symbol: 'BTC', part: 'total' })).toBe(12.34);
    expect(sampleValue(families, 'mm_pnl_usd', { symbol: 'BTC', part: 'spread_capture' })).toBe(10.5);
    expect(sampleValue(families, 'mm_pnl_usd', { symbol: 'BTC', part: 'rebates' })).toBe(2.1);
    expect(sampleValue(families, 'mm_pnl_usd', { symbol: 'BTC', part: 'fees' })).toBe(0.26);
    expect(sampleValue(families, 'mm_pnl_usd', { symbol: 'ETH', part: 'inventory' })).toBe(-2.6);
    expect(sampleValue(families, 'mm_total_pnl_usd')).toBe(10.84);
    expect(sampleValue(families, 'mm_quotes_resting', { symbol: 'BTC', side: 'buy' })).toBe(3);
    expect(sampleValue(families, 'mm_quotes_resting', { symbol: 'ETH', side: 'sell' })).toBe(1);
    expect(sampleValue(families, 'mm_book_best_price', { symbol: 'BTC', side: 'ask' })).toBe(97_001);
    expect(sampleValue(families, 'mm_volume_usd_total', { symbol: 'BTC' })).toBe(1_500.25);
    expect(sampleValue(families, 'mm_risk_status')).toBe(1);
    expect(sampleValue(families, 'mm_risk_rule_fired', { rule_id: 'max-daily-loss' })).toBe(1);
    expect(sampleValue(families, 'mm_fail_closed')).toBe(0);
    expect(sampleValue(families, 'mm_bot_info', { mode: 'paper' })).toBe(1);
    expect(sampleValue(families, 'mm_uptime_seconds')).toBe(3_725);
    expect(families.get('mm_fills_total')?.type).toBe('counter');
    expect(families.get('mm_event_loop_lag_seconds')?.type).toBe('gauge');
  });

  it('counts fills by side and liquidity from the change between snapshots, never twice', async () => {
    const metrics = newMetrics();
    const first = syntheticSnapshot();
    metrics.updateFromSnapshot(first);
    metrics.updateFromSnapshot(first);
    let families = parsePrometheusText(await metrics.metrics());
    // BTC: 4 buys, 3 sells; recentFills names 1 sell maker, 1 buy taker; the rest are unknown.
    expect(sampleValue(families, 'mm_fills_total', { symbol: 'BTC', side: 'sell', liquidity: 'maker' })).toBe(1);
    expect(sampleValue(families, 'mm_fills_total', { symbol: 'BTC', side: 'sell', liquidity: 'unknown' })).toBe(2);
    expect(sampleValue(families, 'mm_fills_total', { symbol: 'BTC', side: 'buy', liquidity: 'taker' })).toBe(1);
    expect(sampleValue(families, 'mm_fills_total', { symbol: 'BTC', side: 'buy', liquidity: 'unknown' })).toBe(3);
    expect(sampleValue(families, 'mm_fills_total', { symbol: 'ETH', side: 'buy', liquidity: 'maker' })).toBe(1);

    const [btc, eth] = first.assets as [(typeof first.assets)[0], (typeof first.assets)[0]];
    const next = syntheticSnapshot({
      assets: [{ ...btc, fills: { buy: 5, sell: 4 }, volumeUsd: 1_700.25 }, eth],
      recentFills: [
        syntheticFill({ side: 'buy', liquidity: 'maker' }),
        syntheticFill({ side: 'sell', liquidity: 'taker' }),
        ...first.recentFills,
      ],
    });
    metrics.updateFromSnapshot(next);
    families = parsePrometheusText(await metrics.metrics());
    expect(sampleValue(families, 'mm_fills_total', { symbol: 'BTC', side: 'buy', liquidity: 'maker' })).toBe(1);
    expect(sampleValue(families, 'mm_fills_total', { symbol: 'BTC', side: 'sell', liquidity: 'taker' })).toBe(1);
    expect(sampleValue(families, 'mm_fills_total', { symbol: 'BTC', side: 'sell', liquidity: 'maker' })).toBe(1);
    expect(sampleValue(families, 'mm_volume_usd_total', { symbol: 'BTC' })).toBe(1_700.25);
  });

  it('drops rules no longer fired, shows HALT as 3 and fail-closed as 1', async () => {
    const metrics = newMetrics();
    metrics.updateFromSnapshot(syntheticSnapshot());
    metrics.updateFromSnapshot(
      syntheticSnapshot({
        risk: { status: 'HALT', reason: 'x', firedRules: [{ ruleId: 'max-drawdown', reason: 'y' }] },
        failClosedReason: 'halted',
      }),
    );
    const families = parsePrometheusText(await metrics.metrics());
    expect(sampleValue(families, 'mm_risk_status')).toBe(3);
    expect(sampleValue(families, 'mm_fail_closed')).toBe(1);
    expect(sampleValue(families, 'mm_risk_rule_fired', { rule_id: 'max-drawdown' })).toBe(1);
    expect(sampleValue(families, 'mm_risk_rule_fired', { rule_id: 'max-daily-loss' })).toBeUndefined();
  });

  it('counts what the bot records directly: commands, denials, API errors, notifications', async () => {
    const metrics = newMetrics();
    metrics.recordCommandsSent([{ type: 'place-order' }, { type: 'place-order' }, { type: 'cancel-all' }]);
    metrics.recordCommandDenied('max-position');
    metrics.recordApiError();
    metrics.recordNotification('dropped');
    const families = parsePrometheusText(await metrics.metrics());
    expect(sampleValue(families, 'mm_commands_sent_total', { type: 'place-order' })).toBe(2);
    expect(sampleValue(families, 'mm_commands_sent_total', { type: 'cancel-all' })).toBe(1);
    expect(sampleValue(families, 'mm_commands_denied_total', { rule_id: 'max-position' })).toBe(1);
    expect(sampleValue(families, 'mm_api_errors_total')).toBe(1);
    expect(sampleValue(families, 'mm_notifications_total', { outcome: 'dropped' })).toBe(1);
  });

  it('uses a registry of its own: two instances coexist and the global registry stays empty', async () => {
    const a = newMetrics();
    const b = newMetrics({ defaultMetrics: true, defaultLabels: { bot: 'b' } });
    expect(a.registry).toBeInstanceOf(Registry);
    expect(a.registry).not.toBe(b.registry);
    a.recordApiError();
    const families = parsePrometheusText(await b.metrics());
    expect(sampleValue(families, 'mm_api_errors_total', { bot: 'b' })).toBe(0);
    expect(families.has('mm_process_cpu_seconds_total')).toBe(true);
    expect(globalRegistry.getMetricsAsArray()).toHaveLength(0);
  });
});
