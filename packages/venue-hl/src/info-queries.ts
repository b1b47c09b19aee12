import type { InfoRequest } from './info-schemas.js';
import type { HyperliquidVenueCore } from './venue-core.js';
import { formatPx, formatSz, toWireFrontendOrder, toWireOpenOrder, trimDecimal } from './wire-format.js';

const USER_FILLS_LIMIT = 2000;

export interface MarketMeta {
  szDecimals: number;
  maxLeverage: number;
}

/**
 * Answers `POST /info` (and WS `post` info requests) from the venue's state, in the venue's shapes.
 * Only the listed coin exists; other coins answer like the venue does for unknown ones (`null`).
 */
export function answerInfo(core: HyperliquidVenueCore, meta: MarketMeta, request: InfoRequest): unknown {
  const coin = core.instrument.symbol;
  switch (request.type) {
    case 'meta':
      return perpMeta(coin, meta);
    case 'spotMeta':
      return { universe: [], tokens: [] };
    case 'outcomeMeta':
      return { outcomes: [], questions: [] };
    case 'perpDexs':
      // The first entry is the main dex (null); no builder-deployed dexes here.
      return [null];
    case 'metaAndAssetCtxs':
      return [perpMeta(coin, meta), [assetContext(core)]];
    case 'allMids': {
      const mid = core.midTicks();
      return mid === undefined ? {} : { [coin]: formatPx(core.instrument, mid) };
    }
    case 'l2Book':
      return request.coin === coin ? (core.currentBook(request.nSigFigs, request.mantissa) ?? null) : null;
    case 'openOrders':
      return core.orders
        .openOrders(request.user)
        .reverse()
        .map((order) => toWireOpenOrder(core.instrument, order));
    case 'frontendOpenOrders':
      return core.orders
        .openOrders(request.user)
        .reverse()
        .map((order) => toWireFrontendOrder(core.instrument, order));
    case 'userFills':
      // Newest first, at most the venue's 2000.
      return core.accounts.get(request.user).fills.slice(-USER_FILLS_LIMIT).reverse();
    case 'clearinghouseState':
      return clearinghouseState(core, meta, request.user);
    case 'userRateLimit': {
      const account = core.accounts.get(request.user);
      // The venue's address budget: 10,000 requests plus one per USDC traded.
      return {
        cumVlm: trimDecimal(account.tradedVolumeUsd),
        nRequestsUsed: account.actionsSent,
        nRequestsCap: 10_000 + Math.floor(account.tradedVolumeUsd),
        nRequestsSurplus: 0,
      };
    }
    case 'orderStatus': {
      const order =
        typeof request.oid === 'number' ? core.orders.byVenueOid(request.oid) : core.orders.byUserCloid(request.user, request.oid);
      if (order === undefined || order.user !== request.user) return { status: 'unknownOid' };
      return {
        status: 'order',
        order: { order: toWireFrontendOrder(core.instrument, order), status: order.status, statusTimestamp: order.statusTimestampMs },
      };
    }
  }
}

function perpMeta(coin: string, meta: MarketMeta): unknown {
  return {
    universe: [{ szDecimals: meta.szDecimals, name: coin, maxLeverage: meta.maxLeverage, marginTableId: meta.maxLeverage }],
    marginTables: [[meta.maxLeverage, { description: '', marginTiers: [{ lowerBound: '0.0', maxLeverage: meta.maxLeverage }] }]],
    collateralToken: 0,
  };
}

function assetContext(core: HyperliquidVenueCore): unknown {
  const mid = core.midTicks();
  const midText = mid === undefined ? null : formatPx(core.instrument, mid);
  return {
    funding: '0.0',
    openInterest: '0.0',
    prevDayPx: midText ?? '0.0',
    dayNtlVlm: '0.0',
    premium: '0.0',
    oraclePx: midText ?? '0.0',
    markPx: midText ?? '0.0',
    midPx: midText,
    impactPxs: null,
    dayBaseVlm: '0.0',
  };
}

/**
 * The margin summary: account value = starting USDC + realised PnL − fees (rebates add) + unrealised
 * PnL at the mid; margin used = position value / max leverage (cross margin, one leverage).
 */
function clearinghouseState(core: HyperliquidVenueCore, meta: MarketMeta, user: string): unknown {
  const account = core.accounts.get(user);
  const instrument = core.instrument;
  const position = account.position;
  const markTicks = core.markTicks(user);
  const positionValue = Math.abs(position.sizeLots) * instrument.lotSize * markTicks * instrument.tickSize;
  const unrealized = position.sizeLots === 0 ? 0 : position.unrealizedPnlQuote(markTicks);
  const marginUsed = positionValue / meta.maxLeverage;
  const accountValue = core.accountValueQuote(user);
  const summary = {
    accountValue: trimDecimal(accountValue),
    totalNtlPos: trimDecimal(positionValue),
    totalRawUsd: trimDecimal(accountValue - unrealized - position.sizeLots * instrument.lotSize * markTicks * instrument.tickSize),
    totalMarginUsed: trimDecimal(marginUsed),
  };
  const assetPositions =
    position.sizeLots === 0
      ? []
      : [
          {
            type: 'oneWay',
            position: {
              coin: instrument.symbol,
              szi: formatSz(instrument, position.sizeLots),
              leverage: { type: 'cross', value: meta.maxLeverage },
              entryPx: trimDecimal(position.entryPriceTicks * instrument.tickSize, 6),
              positionValue: trimDecimal(positionValue),
              unrealizedPnl: trimDecimal(unrealized),
              returnOnEquity: trimDecimal(marginUsed === 0 ? 0 : unrealized / marginUsed),
              liquidationPx: null,
              marginUsed: trimDecimal(marginUsed),
              maxLeverage: meta.maxLeverage,
              cumFunding: { allTime: '0.0', sinceOpen: '0.0', sinceChange: '0.0' },
            },
          },
        ];
  return {
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: trimDecimal(marginUsed / 2),
    withdrawable: trimDecimal(Math.max(accountValue - marginUsed, 0)),
    assetPositions,
    time: core.nowMs(),
  };
}
