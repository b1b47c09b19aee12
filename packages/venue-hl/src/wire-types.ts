/** Hyperliquid's JSON shapes as the venue sends them (what the SDK's types describe). */

export interface WireLevel {
  px: string;
  sz: string;
  n: number;
}

export interface WireBook {
  coin: string;
  time: number;
  levels: [WireLevel[], WireLevel[]];
}

export interface WireTrade {
  coin: string;
  side: 'B' | 'A';
  px: string;
  sz: string;
  time: number;
  hash: string;
  tid: number;
  users: [string, string];
}

export interface WireFill {
  coin: string;
  px: string;
  sz: string;
  side: 'B' | 'A';
  time: number;
  startPosition: string;
  dir: string;
  closedPnl: string;
  hash: string;
  oid: number;
  crossed: boolean;
  fee: string;
  builderFee?: string;
  tid: number;
  feeToken: string;
  twapId: null;
  cloid?: string;
}

export interface WireOpenOrder {
  coin: string;
  side: 'B' | 'A';
  limitPx: string;
  sz: string;
  oid: number;
  timestamp: number;
  origSz: string;
  cloid?: string;
  reduceOnly?: boolean;
}

export interface WireFrontendOrder extends WireOpenOrder {
  isPositionTpsl: boolean;
  isTrigger: boolean;
  orderType: string;
  reduceOnly: boolean;
  tif: string | null;
  triggerCondition: string;
  triggerPx: string;
  children: unknown[];
}

export interface WireOrderUpdate {
  order: WireOpenOrder;
  status: string;
  statusTimestamp: number;
}

export type WireOrderStatus =
  | { resting: { oid: number; cloid?: string } }
  | { filled: { totalSz: string; avgPx: string; oid: number; cloid?: string } }
  | { error: string };

export type WireCancelStatus = 'success' | { error: string };

export type ExchangeResponse =
  | { status: 'ok'; response: { type: 'order'; data: { statuses: WireOrderStatus[] } } }
  | { status: 'ok'; response: { type: 'cancel'; data: { statuses: WireCancelStatus[] } } }
  | { status: 'ok'; response: { type: 'default' } }
  | { status: 'err'; response: string };
