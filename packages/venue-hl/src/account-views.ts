import type { HyperliquidVenueCore } from './venue-core.js';
import { formatPx, formatSz, toWireFrontendOrder, trimDecimal } from './wire-format.js';

export interface MarketMeta {
  szDecimals: number;
  maxLeverage: number;
}

const DAY_MS = 86_400_000;
/**
 * Hourly funding with a zero premium: the venue's interest-rate component, 0.01 % per 8 hours
 * paid hourly (official "Funding" page). The replayed mid is also the oracle here, so the premium is 0.
 */
export const HOURLY_FUNDING = '0.0000125';

/**
 * USDC as `spotMeta` lists it: token 0, the collateral token `meta.collateralToken` points to
 * (name, decimals, token id and flags of the real entry).
 */
export const USDC_TOKEN = {
  name: 'USDC',
  szDecimals: 8,
  weiDecimals: 8,
  index: 0,
  tokenId: '0x6d1e7cde53ba9467b783cb7c530ce054',
  isCanonical: true,
  evmContract: null,
  fullName: null,
  deployerTradingFeeShare: '0.0',
} as const;

export function perpMeta(coin: string, meta: MarketMeta): unknown {
  return {
    universe: [{ szDecimals: meta.szDecimals, name: coin, maxLeverage: meta.maxLeverage, marginTableId: meta.maxLeverage }],
    marginTables: [[meta.maxLeverage, { description: '', marginTiers: [{ lowerBound: '0.0', maxLeverage: meta.maxLeverage }] }]],
    collateralToken: USDC_TOKEN.index,
  };
}

export function spotMeta(): unknown {
  return { universe: [], tokens: [USDC_TOKEN] };
}

/**
 * The market's context (`metaAndAssetCtxs`, WS `activeAssetCtx`): mark, mid and oracle at the
 * replayed mid, 24-hour volumes and the price 24 h ago from the replayed tape, open interest from
 * the venue's accounts (the only positions it knows), impact prices from the book's touch.
 */
export function perpAssetContext(core: HyperliquidVenueCore): Record<string, unknown> {
  const instrument = core.instrument;
  const mid = core.midTicks();
  const midText = mid === undefined ? null : formatPx(instrument, mid);
  const day = core.candles.since(core.nowMs() - DAY_MS);
  const prevDay = day.priceBefore ?? day.firstPrice ?? mid;
  let openInterestLots = 0;
  for (const account of core.accounts.all()) if (account.position.sizeLots > 0) openInterestLots += account.position.sizeLots;
  const book = core.currentBook();
  const bid = book?.levels[0][0]?.px;
  const ask = book?.levels[1][0]?.px;
  return {
    funding: HOURLY_FUNDING,
    openInterest: formatSz(instrument, openInterestLots),
    prevDayPx: prevDay === undefined ? '0.0' : formatPx(instrument, prevDay),
    dayNtlVlm: trimDecimal(day.notional, 2),
    premium: midText === null ? null : '0.0',
    oraclePx: midText ?? '0.0',
    markPx: midText ?? '0.0',
    midPx: midText,
    impactPxs: bid === undefined || ask === undefined ? null : [bid, ask],
    dayBaseVlm: formatSz(instrument, day.lots),
  };
}

/**
 * The margin summary: account value = starting USDC + realised PnL − fees (rebates add) +
 * unrealised PnL at the mid; margin used = position value / the account's leverage; maintenance
 * margin = half the initial margin at the market's maximum leverage (official "Margining" page).
 */
export function clearinghouseState(core: HyperliquidVenueCore, meta: MarketMeta, user: string): Record<string, unknown> {
  const account = core.accounts.get(user);
  const instrument = core.instrument;
  const position = account.position;
  const markTicks = core.markTicks(user);
  const positionValue = core.positionNotional(user);
  const unrealized = position.sizeLots === 0 ? 0 : position.unrealizedPnlQuote(markTicks);
  const leverage = account.leverage;
  const marginUsed = positionValue / leverage.value;
  const maintenance = positionValue / (2 * meta.maxLeverage);
  const accountValue = core.accountValueQuote(user);
  const signedValue = position.sizeLots * instrument.lotSize * markTicks * instrument.tickSize;
  const summary = {
    accountValue: trimDecimal(accountValue),
    totalNtlPos: trimDecimal(positionValue),
    totalRawUsd: trimDecimal(accountValue - signedValue),
    totalMarginUsed: trimDecimal(marginUsed),
  };
  const entryPx = position.entryPriceTicks * instrument.tickSize;
  const size = position.sizeLots * instrument.lotSize;
  const assetPositions =
    position.sizeLots === 0
      ? []
      : [
          {
            type: 'oneWay',
            position: {
              coin: instrument.symbol,
              szi: formatSz(instrument, position.sizeLots),
              leverage:
                leverage.type === 'cross'
                  ? { type: 'cross', value: leverage.value }
                  : { type: 'isolated', value: leverage.value, rawUsd: trimDecimal(marginUsed - size * entryPx) },
              entryPx: trimDecimal(entryPx, 6),
              positionValue: trimDecimal(positionValue),
              unrealizedPnl: trimDecimal(unrealized),
              returnOnEquity: trimDecimal(marginUsed === 0 ? 0 : unrealized / ((Math.abs(size) * entryPx) / leverage.value)),
              liquidationPx: liquidationPrice(accountValue, size, markTicks * instrument.tickSize, meta.maxLeverage),
              marginUsed: trimDecimal(marginUsed),
              maxLeverage: meta.maxLeverage,
              cumFunding: { allTime: '0.0', sinceOpen: '0.0', sinceChange: '0.0' },
            },
          },
        ];
  return {
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: trimDecimal(maintenance),
    withdrawable: trimDecimal(Math.max(accountValue - marginUsed, 0)),
    assetPositions,
    time: core.nowMs(),
  };
}

/**
 * The price at which equity falls to the maintenance margin (|size| · P / (2 · maxLeverage)), the
 * rest of the account unchanged; null when no positive price gets there.
 */
function liquidationPrice(accountValue: number, size: number, mark: number, maxLeverage: number): string | null {
  const denominator = size - Math.abs(size) / (2 * maxLeverage);
  if (denominator === 0) return null;
  const price = (size * mark - accountValue) / denominator;
  return price > 0 && Number.isFinite(price) ? trimDecimal(price, 1) : null;
}

/** Spot balances: the venue keeps every account's USDC in perps, so spot holds nothing. */
export function spotClearinghouseState(): Record<string, unknown> {
  return { balances: [] };
}

/** The web frontend's combined account view (`webData2`, info and WS). */
export function webData2(core: HyperliquidVenueCore, meta: MarketMeta, user: string): Record<string, unknown> {
  const account = core.accounts.get(user);
  return {
    clearinghouseState: clearinghouseState(core, meta, user),
    leadingVaults: [],
    totalVaultEquity: '0.0',
    openOrders: core.orders
      .openOrders(account.address)
      .reverse()
      .map((order) => toWireFrontendOrder(core.instrument, order)),
    agentAddress: null,
    agentValidUntil: null,
    cumLedger: trimDecimal(account.startingUsdc),
    meta: perpMeta(core.instrument.symbol, meta),
    assetCtxs: [perpAssetContext(core)],
    serverTime: core.nowMs(),
    isVault: false,
    user: account.address,
    twapStates: [],
    spotState: spotClearinghouseState(),
    spotAssetCtxs: [],
  };
}
