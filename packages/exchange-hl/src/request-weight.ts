/** Per-IP request weights of Hyperliquid's REST API (official rate-limits page). */
export const IP_WEIGHT_LIMIT_PER_MINUTE = 1200;
export const MAX_ITEMS_PER_ACTION = 40;

const LIGHT_INFO_TYPES = new Set(['l2Book', 'allMids', 'clearinghouseState', 'orderStatus', 'spotClearinghouseState', 'exchangeStatus']);

/** An exchange action of `itemCount` orders/cancels/modifies weighs 1 + floor(n / 40). */
export function exchangeActionWeight(itemCount: number): number {
  return 1 + Math.floor(itemCount / MAX_ITEMS_PER_ACTION);
}

/** Info request weight before any per-item surcharge: 2 for the light ones, 60 for userRole, 20 else. */
export function infoRequestWeight(type: string): number {
  if (LIGHT_INFO_TYPES.has(type)) return 2;
  if (type === 'userRole') return 60;
  return 20;
}

/** userFills and similar history queries cost 1 more per 20 items returned. */
export function infoItemSurcharge(itemCount: number): number {
  return Math.floor(itemCount / 20);
}
