import type { ModifyOrderCommand, OrderCommand, PlaceOrderCommand } from '@mm/core';
import { isTerminal, type OrderRecord, type OrderRegistry } from '@mm/engine';
import { errorText } from './hyperliquid-errors.js';
import type { MarketDirectory } from './market-directory.js';
import { MAX_ITEMS_PER_ACTION } from './request-weight.js';
import type { VenueOrderIds } from './venue-order-ids.js';
import { toWireModifiedOrder, toWireOrder, wireCloid, type WireOrder } from './wire-order.js';

export interface PlaceItem {
  command: PlaceOrderCommand;
  order: OrderRecord;
  wire: WireOrder;
}

export interface ModifyItem {
  command: ModifyOrderCommand;
  order: OrderRecord;
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
 * Turns commands into batched actions and records each command that leaves in the order registry
 * (new orders as pending-new), synchronously, so that a cancel-all in the next `send` already sees
 * them. Cancel-all becomes a cancel of every live order of ours (on its symbol) that is not being
 * cancelled already.
 */
export function planCommands(
  commands: readonly OrderCommand[],
  orders: OrderRegistry,
  ids: VenueOrderIds,
  markets: MarketDirectory,
): CommandPlan {
  const cancels: CancelItem[] = [];
  const cancelled = new Set<string>();
  const modifies: ModifyItem[] = [];
  const places: PlaceItem[] = [];
  const localRejects: LocalReject[] = [];

  const addCancel = (symbol: string, clientOrderId: string): void => {
    if (cancelled.has(clientOrderId)) return;
    const wire = { asset: markets.market(symbol).assetId, cloid: wireCloid(clientOrderId) };
    cancelled.add(clientOrderId);
    orders.onCommandSent({ type: 'cancel-order', symbol, clientOrderId });
    cancels.push({ symbol, clientOrderId, wire });
  };

  for (const command of commands) {
    try {
      switch (command.type) {
        case 'cancel-all':
          // Orders whose cancel is already in flight are not cancelled twice, nor those the venue said filled.
          for (const order of orders.liveOrders(command.symbol)) {
            if (order.status !== 'pending-cancel' && ids.get(order.clientOrderId)?.filledAtVenue !== true) {
              addCancel(order.symbol, order.clientOrderId);
            }
          }
          break;
        case 'cancel-order':
          addCancel(command.symbol, command.clientOrderId);
          break;
        case 'modify-order': {
          const order = orders.get(command.clientOrderId);
          const facts = ids.get(command.clientOrderId);
          if (order === undefined || facts === undefined || isTerminal(order) || facts.filledAtVenue) {
            localRejects.push({ command, reason: 'unknown or closed order: nothing to modify' });
            break;
          }
          if (facts.oid === undefined) {
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
            facts.timeInForce,
            facts.reduceOnly,
          );
          facts.modifyPending = true;
          orders.onCommandSent(command);
          modifies.push({ command, order, wire: { oid: Number(facts.oid), order: wire } });
          break;
        }
        case 'place-order': {
          if (orders.get(command.clientOrderId) !== undefined) {
            localRejects.push({ command, reason: `duplicate clientOrderId ${command.clientOrderId}` });
            break;
          }
          const market = markets.market(command.symbol);
          const wire = toWireOrder(market.assetId, markets.instrument(command.symbol), command);
          orders.onCommandSent(command);
          ids.track(command.clientOrderId, { timeInForce: command.timeInForce, reduceOnly: command.reduceOnly });
          places.push({ command, order: orders.get(command.clientOrderId)!, wire });
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
