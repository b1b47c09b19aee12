import type { PositionSnapshot } from '@mm/inventory';
import type { RiskDecision } from '@mm/risk';

export interface StatusInput {
  nowUs: number;
  startedUs: number;
  mode: string;
  assets: ReadonlyArray<{
    symbol: string;
    position: PositionSnapshot;
    quotes: string;
    /** The position in venue units (`0.00064`), as the venue writes sizes; default: the float. */
    positionText?: string;
    resting: number;
    notQuotingBecause?: string | undefined;
  }>;
  risk: RiskDecision;
  maxDrawdownQuote: number;
  /** The venue connection's health: the dead man's switch, messages that did not parse, reconciles that failed. */
  venue?: { deadManSwitch: string; malformedMessages: number; listenerErrors: number; failedReconciles: number };
}

const usd = (value: number) => `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(2)}`;

/** The seed's status report: per asset PnL split, inventory, fills, spread captured; totals; risk. */
export function formatStatusReport(input: StatusInput): string {
  const lines = [
    `=== MM BOT STATUS === ${new Date(input.nowUs / 1000).toISOString()} (${input.mode === 'mainnet' ? 'MAINNET' : input.mode}, up ${Math.round((input.nowUs - input.startedUs) / 1e6)} s)`,
  ];
  // Real money: said on its own line at the top of every block, not only in the header's brackets.
  if (input.mode === 'mainnet') lines.push('!!! MAINNET: these orders are real and trade real money !!!');
  let totalPnl = 0;
  let totalVolume = 0;
  let totalRebates = 0;
  for (const { symbol, position: p, quotes, positionText, resting, notQuotingBecause } of input.assets) {
    const fills = p.buyFillCount + p.sellFillCount;
    const spreadBps = p.volumeQuote > 0 ? (p.spreadCaptureQuote / p.volumeQuote) * 10_000 : 0;
    lines.push(
      `${symbol}: PnL ${usd(p.totalPnlQuote)} (spread ${usd(p.spreadCaptureQuote)}, rebates ${usd(p.rebatesReceivedQuote)}, fees ${usd(-p.feesPaidQuote)}, inventory ${usd(p.inventoryPnlQuote)})`,
      `  inventory ${positionText ?? p.positionBase} ${symbol} (${usd(p.positionNotionalQuote)}) | fills ${fills} (${p.buyFillCount} buy / ${p.sellFillCount} sell) | spread captured ${spreadBps.toFixed(2)} bps | volume ${usd(p.volumeQuote)}`,
      `  quotes ${quotes} | ${resting} orders resting`,
    );
    if (notQuotingBecause !== undefined) lines.push(`  NOT QUOTING: ${notQuotingBecause}`);
    totalPnl += p.totalPnlQuote;
    totalVolume += p.volumeQuote;
    totalRebates += p.rebatesReceivedQuote;
  }
  lines.push(
    `TOTAL: daily PnL ${usd(totalPnl)} | volume ${usd(totalVolume)} | rebates ${usd(totalRebates)} | max drawdown ${usd(input.maxDrawdownQuote)}`,
    `RISK: ${input.risk.status} (${input.risk.statusReason})`,
  );
  if (input.venue !== undefined) {
    const v = input.venue;
    lines.push(
      `VENUE: dead man's switch ${v.deadManSwitch} | malformed messages ${v.malformedMessages} | listener errors ${v.listenerErrors} | failed reconciles ${v.failedReconciles}`,
    );
  }
  return lines.join('\n');
}
