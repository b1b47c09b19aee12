import { ClientOrderIdSequence, Instrument, ManualClock, type OpenOrder, type OrderCommand, type Side } from '@mm/core';
import { OrderBook } from '@mm/book';
import type { EngineContext } from '@mm/engine';

/**
 * A hand-driven engine context for a strategy's unit tests: a clock, one book, resting orders that
 * change only as the test says (commands are recorded, places rest at once), a position, and no
 * risk rule in force. What the engine adds (risk gate, acks, fills) is the engine's tests' job.
 */
export function fakeContext(options: { instrument?: Instrument; startUs?: number } = {}) {
  const instrument =
    options.instrument ?? new Instrument({ symbol: 'BTCUSDT', venue: 'binance-usdm', tickSize: '0.1', lotSize: '0.001', minNotional: 5 });
  const clock = new ManualClock(options.startUs ?? 1_000_000_000);
  const book = new OrderBook();
  const resting: OpenOrder[] = [];
  const sent: OrderCommand[] = [];
  const timers = new Map<string, number>();
  const ids = new ClientOrderIdSequence(1);
  let positionLots = 0;
  const symbolRisk = {
    symbol: instrument.symbol,
    positionUsd: 0,
    spreadMultiplier: 1,
    bidPaused: false,
    askPaused: false,
    cancelAll: false,
    actions: [],
  };
  const risk = { halted: false, quotingPaused: false, newOrdersThrottled: false, symbols: [symbolRisk] };
  const context = {
    clock,
    capabilities: { modify: true, batch: true, maxBatchSize: 40, postOnly: true },
    instrument: () => instrument,
    book: () => book,
    quotingOrders: () => resting.map((order) => ({ ...order })),
    quotingOrderCount: (_symbol: string, side: Side) => resting.filter((order) => order.side === side).length,
    positionLots: () => positionLots,
    position: () => ({ positionLots }),
    risk: () => risk,
    symbolRisk: () => symbolRisk,
    nextClientOrderId: () => ids.nextId(),
    send: (command: OrderCommand) => {
      sent.push(command);
      if (command.type === 'place-order') {
        resting.push({
          clientOrderId: command.clientOrderId,
          symbol: command.symbol,
          side: command.side,
          priceTicks: command.priceTicks,
          sizeLots: command.sizeLots,
        });
      } else if (command.type === 'modify-order') {
        const order = resting.find((candidate) => candidate.clientOrderId === command.clientOrderId);
        if (order !== undefined) Object.assign(order, { priceTicks: command.priceTicks, sizeLots: command.sizeLots });
      } else if (command.type === 'cancel-order') {
        const index = resting.findIndex((candidate) => candidate.clientOrderId === command.clientOrderId);
        if (index >= 0) resting.splice(index, 1);
      }
    },
    scheduleTimer: (name: string, atUs: number) => void timers.set(name, atUs),
    cancelTimer: (name: string) => void timers.delete(name),
  } as unknown as EngineContext;
  return {
    context,
    instrument,
    clock,
    book,
    resting,
    sent,
    timers,
    risk,
    symbolRisk,
    /** Sets a one-level book: best bid and ask in ticks, 10 lots each. */
    setTouch(bidTicks: number, askTicks: number) {
      book.clear();
      book.setLevel('bid', bidTicks, 10);
      book.setLevel('ask', askTicks, 10);
    },
    setPosition(lots: number) {
      positionLots = lots;
    },
    /** Commands sent since the last call. */
    takeSent(): OrderCommand[] {
      return sent.splice(0, sent.length);
    },
  };
}
