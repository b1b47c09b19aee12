import type { Instrument, Micros } from '@mm/core';
import type { Engine } from '@mm/engine';
import type { RiskDecision } from '@mm/risk';
import type { AssetSnapshot, BotSnapshot, FillSnapshot } from './bot-snapshot.js';

export interface SnapshotSources {
  engine: Engine;
  instruments: readonly Instrument[];
  mode: BotSnapshot['mode'];
  startedUs: Micros;
  recentFills: () => FillSnapshot[];
  maxDrawdownUsd: () => number;
}

/** The risk part of a snapshot, from a decision (also what risk notifications carry). */
export function riskOfDecision(decision: RiskDecision): BotSnapshot['risk'] {
  return {
    status: decision.status,
    reason: decision.statusReason,
    firedRules: decision.firedRules.map((rule) => ({ ruleId: rule.ruleId, reason: rule.reason })),
  };
}

/** What the dashboard, metrics and notifications show, read from the engine without changing it. */
export function buildBotSnapshot(sources: SnapshotSources, nowUs: Micros): BotSnapshot {
  const { engine } = sources;
  let pnlUsd = 0;
  let volumeUsd = 0;
  let rebatesUsd = 0;
  let feesUsd = 0;
  const assets: AssetSnapshot[] = sources.instruments.map((instrument) => {
    const slot = engine.slot(instrument.symbol);
    const bid = slot.book.bestBidTicks();
    const ask = slot.book.bestAskTicks();
    const mid = slot.book.midTicks();
    const position = slot.position.snapshot(mid ?? slot.position.averageEntryPriceTicks ?? undefined);
    pnlUsd += position.totalPnlQuote;
    volumeUsd += position.volumeQuote;
    rebatesUsd += position.rebatesReceivedQuote;
    feesUsd += position.feesPaidQuote;
    return {
      symbol: instrument.symbol,
      bestBid: bid === undefined ? null : instrument.ticksToPrice(bid),
      bestAsk: ask === undefined ? null : instrument.ticksToPrice(ask),
      quotes: engine.orders
        .quotingOrders(instrument.symbol)
        .sort((a, b) => b.priceTicks - a.priceTicks)
        .map((order) => ({
          side: order.side,
          price: instrument.ticksToPrice(order.priceTicks),
          size: instrument.lotsToSize(order.sizeLots),
        })),
      positionBase: position.positionBase,
      positionUsd: position.positionNotionalQuote,
      pnl: {
        totalUsd: position.totalPnlQuote,
        spreadCaptureUsd: position.spreadCaptureQuote,
        rebatesUsd: position.rebatesReceivedQuote,
        feesUsd: position.feesPaidQuote,
        inventoryUsd: position.inventoryPnlQuote,
      },
      fills: { buy: position.buyFillCount, sell: position.sellFillCount },
      volumeUsd: position.volumeQuote,
      spreadCapturedBps: position.volumeQuote > 0 ? (position.spreadCaptureQuote / position.volumeQuote) * 10_000 : 0,
    };
  });
  return {
    timeUs: nowUs,
    startedUs: sources.startedUs,
    mode: sources.mode,
    assets,
    recentFills: sources.recentFills(),
    risk: riskOfDecision(engine.riskDecision),
    totals: { pnlUsd, volumeUsd, rebatesUsd, feesUsd, maxDrawdownUsd: sources.maxDrawdownUsd() },
    failClosedReason: stoppedQuotingReason(engine),
  };
}

/**
 * Why quoting stopped, beyond passing pauses: the engine failing closed, a symbol halted (a handler
 * threw, or halted by reason), or paused because its position differs from the venue's.
 */
function stoppedQuotingReason(engine: Engine): string | null {
  if (engine.failClosedReason !== undefined) return engine.failClosedReason;
  const reasons = engine.failures.map((failure) => failure.reason);
  for (const [symbol, reason] of engine.haltedSymbolReasons) if (!reasons.includes(reason)) reasons.push(`${symbol}: ${reason}`);
  for (const pause of engine.quotingPauses) if (pause.cause === 'position-mismatch') reasons.push(`${pause.symbol}: ${pause.reason}`);
  return reasons.length > 0 ? reasons.join('; ') : null;
}
