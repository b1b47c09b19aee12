import { InvalidInputError, type ExecutionEvent, type TimerEvent, type TradeEvent } from '@mm/core';
import type { CommandDenial, EngineContext, Strategy } from '@mm/engine';

/**
 * Several single-symbol strategies as one: each event goes to the strategy of its symbol, so one
 * engine (one order registry, one risk gate, one venue connection) runs every asset.
 */
export class PerSymbolStrategies implements Strategy {
  readonly name: string;
  readonly symbols: readonly string[];
  private readonly bySymbol = new Map<string, Strategy>();

  constructor(private readonly strategies: readonly Strategy[]) {
    for (const strategy of strategies) {
      for (const symbol of strategy.symbols) {
        if (this.bySymbol.has(symbol)) throw new InvalidInputError(`two strategies trade ${symbol}`);
        this.bySymbol.set(symbol, strategy);
      }
    }
    this.symbols = [...this.bySymbol.keys()];
    this.name = strategies.map((strategy) => strategy.name).join('+');
  }

  onStart(context: EngineContext): void {
    for (const strategy of this.strategies) strategy.onStart?.(context);
  }

  onBook(symbol: string, context: EngineContext): void {
    this.bySymbol.get(symbol)?.onBook?.(symbol, context);
  }

  onTrade(trade: TradeEvent, context: EngineContext): void {
    this.bySymbol.get(trade.symbol)?.onTrade?.(trade, context);
  }

  onOrderEvent(event: ExecutionEvent, context: EngineContext): void {
    this.bySymbol.get(event.symbol)?.onOrderEvent?.(event, context);
  }

  onCommandDenied(denial: CommandDenial, context: EngineContext): void {
    const symbol = denial.command.symbol;
    if (symbol === undefined) for (const strategy of this.strategies) strategy.onCommandDenied?.(denial, context);
    else this.bySymbol.get(symbol)?.onCommandDenied?.(denial, context);
  }

  onTimer(timer: TimerEvent, context: EngineContext): void {
    for (const strategy of this.strategies) strategy.onTimer?.(timer, context);
  }

  onQuotingResumed(symbol: string, context: EngineContext): void {
    this.bySymbol.get(symbol)?.onQuotingResumed?.(symbol, context);
  }

  onStop(reason: string, context: EngineContext): void {
    for (const strategy of this.strategies) strategy.onStop?.(reason, context);
  }
}
