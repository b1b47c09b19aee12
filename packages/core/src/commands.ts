import type { ClientOrderId, Side, TimeInForce } from './types.js';

export interface PlaceOrderCommand {
  type: 'place-order';
  symbol: string;
  clientOrderId: ClientOrderId;
  side: Side;
  priceTicks: number;
  sizeLots: number;
  timeInForce: TimeInForce;
  reduceOnly: boolean;
}

/** Moves a resting order; venues without modify get a cancel + place instead (see capabilities). */
export interface ModifyOrderCommand {
  type: 'modify-order';
  symbol: string;
  clientOrderId: ClientOrderId;
  priceTicks: number;
  sizeLots: number;
}

export interface CancelOrderCommand {
  type: 'cancel-order';
  symbol: string;
  clientOrderId: ClientOrderId;
}

/** Cancels every order of ours, on one symbol or (symbol undefined) everywhere. */
export interface CancelAllCommand {
  type: 'cancel-all';
  symbol?: string;
  /** Why: logged and shown, so a user knows what stopped the quotes. */
  reason: string;
}

export type OrderCommand = PlaceOrderCommand | ModifyOrderCommand | CancelOrderCommand | CancelAllCommand;
