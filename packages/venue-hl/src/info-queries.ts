import {
  clearinghouseState,
  perpAssetContext,
  perpMeta,
  spotClearinghouseState,
  spotMeta,
  webData2,
  type MarketMeta,
} from './account-views.js';
import { dailyVolumes, userFeesResponse } from './fee-schedule.js';
import type { InfoRequest } from './info-schemas.js';
import type { SignerDirectory } from './signer-directory.js';
import type { HyperliquidVenueCore } from './venue-core.js';
import { formatPx, toWireFrontendOrder, toWireOpenOrder, trimDecimal } from './wire-format.js';

export type { MarketMeta } from './account-views.js';

/** The venue answers at most 2000 fills and 2000 historical orders (official info endpoint docs). */
const USER_FILLS_LIMIT = 2000;
const HISTORICAL_ORDERS_LIMIT = 2000;

/**
 * Answers `POST /info` (and WS `post` info requests) from the venue's state, in the venue's shapes.
 * Only the listed coin exists; other coins answer like the venue does for unknown ones (`null`).
 */
export function answerInfo(core: HyperliquidVenueCore, meta: MarketMeta, request: InfoRequest, directory?: SignerDirectory): unknown {
  const coin = core.instrument.symbol;
  switch (request.type) {
    case 'userRole': {
      // Official info docs: {"role":"missing"|"user"|"agent"|"vault"|"subAccount"}, an agent's with
      // {"data":{"user":<its master>}}. Accounts here are users; their approved agents are agents.
      const address = request.user.toLowerCase();
      const master = directory?.accountFor(address);
      if (master === undefined) return { role: 'missing' };
      return master === address ? { role: 'user' } : { role: 'agent', data: { user: master } };
    }
    case 'meta':
      return perpMeta(coin, meta);
    case 'spotMeta':
      return spotMeta();
    case 'spotMetaAndAssetCtxs':
      return [spotMeta(), []];
    case 'outcomeMeta':
      return { outcomes: [], questions: [] };
    case 'perpDexs':
      // The first entry is the main dex (null); no builder-deployed dexes here.
      return [null];
    case 'metaAndAssetCtxs':
      return [perpMeta(coin, meta), [perpAssetContext(core)]];
    case 'exchangeStatus':
      return { time: core.nowMs(), specialStatuses: null };
    case 'userAbstraction':
      // Accounts here are standard (perps margin in USDC, no unified or portfolio margin).
      return 'default';
    case 'spotClearinghouseState':
      return spotClearinghouseState();
    case 'userFees': {
      const account = core.accounts.get(request.user);
      return userFeesResponse(dailyVolumes(account.fills, core.candles.notionalByDay(), core.nowMs()), core.feeRates(request.user));
    }
    case 'maxBuilderFee':
      return core.accounts.get(request.user).approvedBuilderFees.get(request.builder.toLowerCase()) ?? 0;
    case 'userFillsByTime': {
      const end = request.endTime ?? Number.MAX_SAFE_INTEGER;
      const fills = core.accounts.get(request.user).fills.filter((fill) => fill.time >= request.startTime && fill.time <= end);
      // Oldest first, the first 2000 from startTime (page forward by moving startTime).
      const page = fills.slice(0, USER_FILLS_LIMIT);
      return request.reversed === true ? page.reverse() : page;
    }
    case 'historicalOrders':
      return core.orders.history(request.user, HISTORICAL_ORDERS_LIMIT).map((order) => ({
        order: toWireFrontendOrder(core.instrument, order),
        status: order.status,
        statusTimestamp: order.statusTimestampMs,
      }));
    case 'candleSnapshot':
      if (request.req.coin !== coin) return [];
      return core.candles.snapshot(request.req.interval, request.req.startTime, request.req.endTime ?? core.nowMs());
    case 'webData2':
      return webData2(core, meta, request.user);
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
