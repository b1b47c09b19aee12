import type { ModifyOrderCommand, OrderCommand, PlaceOrderCommand } from '@mm/core';
import { errorText } from './hyperliquid-errors.js';
import type { MarketDirectory } from './market-directory.js';
import type { OrderRegistry, TrackedOrder } from './order-registry.js';
import { MAX_ITEMS_PER_ACTION } from './request-weight.js';
import { toWireModifiedOrder, toWireOrder, wireCloid, type WireOrder } from './wire-order.js';

export interface PlaceItem {
  command: PlaceOrderCommand;
  order: TrackedOrder;
  wire: WireOrder;
}

export interface ModifyItem {
  command: ModifyOrderCommand;
  order: TrackedOrder;
  wire: { oid: number; order: WireOrder };
}

export interface CancelItem {
  symbol: string;
  clientOrderId: string;
  wire: { asset: number; cloid: `0x${string}` };
}

/** A command refused before it reached the venue (unknown market, off-grid price, unknown order). */
export interface LocalReject {
  command: OrderCommand & { clientOrderId: string };
  reason: string;
}

/** One `send` as actions: at most one cancelByCloid, one batchModify and one order action per 40 items. */
export interface CommandPlan {
  cancels: CancelItem[][];
  modifies: ModifyItem[][];
  places: PlaceItem[][];
  localRejects: LocalReject[];
}

export function chunk<T>(items: readonly T[], size = MAX_ITEMS_PER_ACTION): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * Turns commands into batched actions and registers new orders as pending, synchronously, so that a
 * cancel-all in the next `send` already sees them. Cancel-all becomes a cancel of every live order
 * of ours (on its symbol) that this send does not cancel anyway.
 */
export function planCommands(commands: readonly OrderCommand[], registry: OrderRegistry, markets: MarketDirectory): CommandPlan {
  const cancels: CancelItem[] = [];
  const cancelled = new Set<string>();
  const modifies: ModifyItem[] = [];
  const places: PlaceItem[] = [];
  const localRejects: LocalReject[] = [];

  const addCancel = (symbol: string, clientOrderId: string): void => {
    if (cancelled.has(clientOrderId)) return;
    cancelled.add(clientOrderId);
    const order = registry.get(clientOrderId);
    if (order !== undefined) order.cancelRequested = true;
    cancels.push({ symbol, clientOrderId, wire: { asset: markets.market(symbol).assetId, cloid: wireCloid(clientOrderId) } });
  };

  for (const command of commands) {
    try {
      switch (command.type) {
        case 'cancel-all':
          // Orders whose cancel is already in flight are not cancelled twice.
          for (const order of registry.live(command.symbol)) {
            if (!order.cancelRequested) addCancel(order.symbol, order.clientOrderId);
          }
          break;
        case 'cancel-order':
          addCancel(command.symbol, command.clientOrderId);
          break;
        case 'modify-order': {
          const order = registry.get(command.clientOrderId);
          if (order === undefined || order.state === 'closed') {
            localRejects.push({ command, reason: 'unknown or closed order: nothing to modify' });
            break;
          }
          if (order.venueOrderId === undefined) {
            // The SDK reads a hex cloid whose value fits 2^53 as a numeric oid, so modifies go by oid.
            localRejects.push({ command, reason: 'order not yet acknowledged by the venue: no order id to modify' });
            break;
          }
          const market = markets.market(command.symbol);
          const wire = toWireModifiedOrder(
            market.assetId,
            markets.instrument(command.symbol),
            command,
            order.side,
            order.timeInForce,
            order.reduceOnly,
          );
          order.modifyPending = true;
          modifies.push({ command, order, wire: { oid: Number(order.venueOrderId), order: wire } });
          break;
        }
        case 'place-order': {
          const existing = registry.get(command.clientOrderId);
          if (existing !== undefined && existing.state !== 'closed') {
            localRejects.push({ command, reason: `duplicate clientOrderId ${command.clientOrderId}` });
            break;
          }
          const market = markets.market(command.symbol);
          const wire = toWireOrder(market.assetId, markets.instrument(command.symbol), command);
          const order = registry.add({
            clientOrderId: command.clientOrderId,
            symbol: command.symbol,
            side: command.side,
            timeInForce: command.timeInForce,
            reduceOnly: command.reduceOnly,
            priceTicks: command.priceTicks,
            sizeLots: command.sizeLots,
          });
          places.push({ command, order, wire });
          break;
        }
      }
    } catch (error) {
      if (command.type === 'cancel-all') continue;
      localRejects.push({ command, reason: errorText(error) });
    }
  }
  return { cancels: chunk(cancels), modifies: chunk(modifies), places: chunk(places), localRejects };
}
