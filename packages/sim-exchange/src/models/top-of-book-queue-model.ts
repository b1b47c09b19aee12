import { InvalidInputError } from '@mm/core';
import type { OrderBook } from '@mm/book';
import type { QueueModel, QueuePosition } from './queue-model.js';

/**
 * Queue position when the data is top of book only (best bid/offer and trades: Binance
 * `bookTicker`, Tardis `quotes`, or full depth reduced with `TopOfBookReducer`). The replayed book
 * then shows one level a side, so the size at a price behind the best is unknown, not zero. Stated
 * assumptions (conservative: never earlier than the full-depth conservative model on the same data):
 * - an order at the best price joins behind the whole displayed best size;
 * - an order behind the best (its level not displayed) has an unknown queue ahead: it cannot fill
 *   from trades at its price until its level becomes the best, and then it is behind the whole
 *   displayed size there (everyone who joined while it was hidden counted ahead of it);
 * - an order that improves the best (inside the spread, or an empty side) has nobody ahead;
 * - the queue ahead shrinks by trades at our price, and to the displayed size when that drops
 *   (cancels assumed behind us otherwise, as `ConservativeQueueModel`);
 * - our level leaving the display for a better price hides it (the queue ahead is kept as it was);
 *   leaving it for a worse price means it was depleted: nobody is ahead of us any more;
 * - a trade through our price, or the other side moving through it, fills us in full (the
 *   exchange's rule for every model).
 * The invariant: on the same orders and the same top of book, no order fills earlier or more than
 * under the conservative model fed the full depth (`run-backtest-top-of-book.test.ts`).
 */
export class TopOfBookQueueModel implements QueueModel {
  readonly name = 'top-of-book';
  private book: OrderBook | undefined;

  /** The exchange's book of the one symbol this model serves (its best prices decide what is hidden). */
  watch(book: OrderBook): void {
    this.book = book;
  }

  onJoin(position: QueuePosition, levelLots: number): void {
    position.tradedSinceDepthLots = 0;
    if (levelLots > 0) position.queueAheadLots = levelLots;
    else position.queueAheadLots = this.behindBest(position) ? Number.POSITIVE_INFINITY : 0;
  }

  onTrade(position: QueuePosition, tradeLots: number): void {
    position.queueAheadLots -= tradeLots;
    position.tradedSinceDepthLots += tradeLots;
  }

  onDepthChange(position: QueuePosition, _previousLots: number, nextLots: number): void {
    position.tradedSinceDepthLots = 0;
    if (nextLots > 0) {
      // Displayed (again): at most the displayed size is ahead; a hidden order joins behind all of it.
      if (position.queueAheadLots > nextLots) position.queueAheadLots = nextLots;
    } else if (!this.behindBest(position)) {
      position.queueAheadLots = 0;
    }
  }

  /** Whether a better price than the order's is displayed on its side (its own level then is not). */
  private behindBest(position: QueuePosition): boolean {
    const book = this.book;
    if (book === undefined || position.side === undefined || position.priceTicks === undefined) {
      throw new InvalidInputError('the top-of-book queue model needs the exchange book (watch) and the order side and price');
    }
    if (position.side === 'buy') {
      const best = book.bestBidTicks();
      return best !== undefined && best > position.priceTicks;
    }
    const best = book.bestAskTicks();
    return best !== undefined && best < position.priceTicks;
  }
}
