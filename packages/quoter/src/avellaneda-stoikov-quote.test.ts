import { InvalidInputError } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { avellanedaStoikovQuote, type AvellanedaStoikovInput } from './avellaneda-stoikov-quote.js';

const base: AvellanedaStoikovInput = {
  midPrice: 100,
  inventory: 2,
  riskAversion: 0.1,
  volatility: 2,
  orderBookLiquidity: 1.5,
  horizon: { kind: 'finite', time: 0.5, terminalTime: 1 },
};

describe('avellanedaStoikovQuote', () => {
  it('centres the optimal spread on the reservation price (finite horizon)', () => {
    const quote = avellanedaStoikovQuote(base);
    expect(quote.timeToHorizon).toBe(0.5);
    expect(quote.reservationPrice).toBeCloseTo(99.6, 12);
    expect(quote.spread).toBeCloseTo(1.4907704227514234, 12);
    expect(quote.halfSpread).toBeCloseTo(quote.spread / 2, 15);
    expect(quote.bidPrice).toBeCloseTo(99.6 - 1.4907704227514234 / 2, 12);
    expect(quote.askPrice).toBeCloseTo(99.6 + 1.4907704227514234 / 2, 12);
  });

  it('treats time past the horizon as zero time left', () => {
    const quote = avellanedaStoikovQuote({ ...base, horizon: { kind: 'finite', time: 2, terminalTime: 1 } });
    expect(quote.timeToHorizon).toBe(0);
    expect(quote.reservationPrice).toBe(100);
  });

  it('rolling horizon τ prices like a finite horizon with T − t = τ, at any time', () => {
    const rolling = avellanedaStoikovQuote({ ...base, horizon: { kind: 'rolling', horizon: 0.5 } });
    expect(rolling).toEqual(avellanedaStoikovQuote(base));
  });

  it('rejects a negative rolling horizon', () => {
    expect(() => avellanedaStoikovQuote({ ...base, horizon: { kind: 'rolling', horizon: -1 } })).toThrow(InvalidInputError);
  });

  it('property: bid < reservation < ask, and more inventory lowers both quotes', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 1e-4, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 1e-3, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (midPrice, inventory, riskAversion, volatility, orderBookLiquidity, horizon) => {
          const input: AvellanedaStoikovInput = {
            midPrice,
            inventory,
            riskAversion,
            volatility,
            orderBookLiquidity,
            horizon: { kind: 'rolling', horizon },
          };
          const quote = avellanedaStoikovQuote(input);
          expect(quote.bidPrice).toBeLessThan(quote.reservationPrice);
          expect(quote.askPrice).toBeGreaterThan(quote.reservationPrice);
          const longer = avellanedaStoikovQuote({ ...input, inventory: inventory + 1 });
          expect(longer.bidPrice).toBeLessThanOrEqual(quote.bidPrice);
          expect(longer.askPrice).toBeLessThanOrEqual(quote.askPrice);
        },
      ),
    );
  });
});
