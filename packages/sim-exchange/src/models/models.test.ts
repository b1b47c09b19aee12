import { describe, expect, it } from 'vitest';
import { MICROS_PER_HOUR } from '@mm/core';
import { ConstantFundingModel, fundingPayment, SeriesFundingModel } from './funding-model.js';
import { FlatFeeModel, venueFeeModel } from './fee-model.js';
import { ConstantLatency, InterpolatedLatency } from './latency-model.js';
import { ConservativeQueueModel, PowerProbQueueModel, type QueuePosition } from './queue-model.js';

const position = (): QueuePosition => ({ queueAheadLots: 0, tradedSinceDepthLots: 0 });

describe('queue models', () => {
  it('conservative: only trades at our price move us forward', () => {
    const model = new ConservativeQueueModel();
    const order = position();
    model.onJoin(order, 10);
    model.onDepthChange(order, 10, 14); // orders join behind us
    expect(order.queueAheadLots).toBe(10);
    model.onTrade(order, 3);
    expect(order.queueAheadLots).toBe(7);
    model.onDepthChange(order, 11, 9); // cancels: assumed behind us...
    expect(order.queueAheadLots).toBe(7);
    model.onDepthChange(order, 9, 4); // ...but the queue ahead cannot exceed the level
    expect(order.queueAheadLots).toBe(4);
    model.onTrade(order, 6);
    expect(order.queueAheadLots).toBe(-2); // 2 lots traded through us: a fill of 2
  });

  it('probabilistic: a share of cancels comes from the front', () => {
    const linear = new PowerProbQueueModel(1);
    const order = position();
    linear.onJoin(order, 10);
    linear.onDepthChange(order, 20, 10); // 10 cancelled; front 10, back 10 -> half from the front
    expect(order.queueAheadLots).toBeCloseTo(5, 10);

    const sticky = new PowerProbQueueModel(3);
    const other = position();
    sticky.onJoin(other, 2);
    sticky.onDepthChange(other, 10, 6); // front 2, back 8: f(2)=8 vs f(8)=512 -> ~1.5% from the front
    expect(other.queueAheadLots).toBeCloseTo(2 - 4 * (8 / 520), 10);
  });

  it('probabilistic: decreases explained by trades do not count twice', () => {
    const model = new PowerProbQueueModel(2);
    const order = position();
    model.onJoin(order, 10);
    model.onTrade(order, 4);
    model.onDepthChange(order, 20, 16); // the 4 traded lots, already applied
    expect(order.queueAheadLots).toBe(6);
  });

  it('probabilistic: when the back is exhausted the front absorbs the rest', () => {
    const model = new PowerProbQueueModel(1);
    const order = position();
    model.onJoin(order, 9);
    model.onDepthChange(order, 10, 1); // front 9, back 1, 9 cancelled: back gives 1 at most
    expect(order.queueAheadLots).toBeLessThanOrEqual(1);
  });
});

describe('latency models', () => {
  it('constant', () => {
    const latency = new ConstantLatency(5_000, 7_000);
    expect(latency.entryLatencyUs(0)).toBe(5_000);
    expect(latency.responseLatencyUs(0)).toBe(7_000);
    expect(() => new ConstantLatency(-1, 0)).toThrow(/>= 0/);
  });

  it('interpolates recorded round trips and holds the ends', () => {
    const latency = new InterpolatedLatency([
      { localTimeUs: 1_000, entryUs: 100, responseUs: 200 },
      { localTimeUs: 2_000, entryUs: 300, responseUs: 400 },
    ]);
    expect(latency.entryLatencyUs(0)).toBe(100);
    expect(latency.entryLatencyUs(1_500)).toBe(200);
    expect(latency.responseLatencyUs(1_250)).toBe(250);
    expect(latency.entryLatencyUs(9_000)).toBe(300);
    expect(latency.entryLatencyUs(1_100)).toBe(120); // going back in time still works
  });
});

describe('fees and funding', () => {
  it("charges the venues' base-tier rates (Hyperliquid tier 0: 0.015% maker, 0.045% taker) and credits a negative maker rate", () => {
    const hl = venueFeeModel('hyperliquid');
    expect(hl.fee(10_000, 'maker')).toBeCloseTo(1.5, 12);
    expect(new FlatFeeModel(-0.00003, 0.00045).fee(10_000, 'maker')).toBeCloseTo(-0.3, 12);
    expect(hl.fee(10_000, 'taker')).toBeCloseTo(4.5, 12);
    expect(venueFeeModel('binance-usdm').fee(10_000, 'maker')).toBeCloseTo(2, 12);
    expect(venueFeeModel('bybit-linear').fee(10_000, 'taker')).toBeCloseTo(5.5, 12);
    expect(() => new FlatFeeModel(0.2, 0.5)).toThrow(/fee rates/);
  });

  it('settles funding on the hour: longs pay a positive rate', () => {
    const funding = new ConstantFundingModel(0.0001);
    expect(funding.nextFundingTimeUs(MICROS_PER_HOUR * 5 + 1)).toBe(MICROS_PER_HOUR * 6);
    expect(funding.nextFundingTimeUs(MICROS_PER_HOUR * 5)).toBe(MICROS_PER_HOUR * 6);
    expect(fundingPayment(0.5, 60_000, 0.0001)).toBeCloseTo(-3, 12);
    expect(fundingPayment(-0.5, 60_000, 0.0001)).toBeCloseTo(3, 12);
  });
});

describe('series-backed funding', () => {
  const H = MICROS_PER_HOUR;
  // Three 8-hourly settlements at 00/08/16 UTC of day 0.
  const series = { name: 'test', intervalUs: 8 * H, timesUs: [0, 8 * H, 16 * H], rates: [0.0008, -0.0004, 0.0016] };

  it('settles on the venue schedule with the rate in force, rescaled to the venue period', () => {
    const hourly = new SeriesFundingModel(series, H);
    expect(hourly.nextFundingTimeUs(8 * H + 1)).toBe(9 * H);
    expect(hourly.rateAt(9 * H)).toBeCloseTo(-0.0004 / 8, 15);
    expect(hourly.rateAt(8 * H)).toBeCloseTo(-0.0004 / 8, 15);
    expect(hourly.rateAt(8 * H - 1)).toBeCloseTo(0.0008 / 8, 15);
    const eightHourly = new SeriesFundingModel(series, 8 * H);
    expect(eightHourly.nextFundingTimeUs(1)).toBe(8 * H);
    expect(eightHourly.rateAt(16 * H)).toBe(0.0016);
  });

  it('a shift moves the series onto other dates; outside it there is no rate', () => {
    const day = 24 * H;
    const shifted = new SeriesFundingModel(series, 8 * H, 10 * day);
    expect(shifted.rateAt(10 * day + 8 * H)).toBe(-0.0004);
    expect(shifted.coverage()).toEqual({ fromUs: 10 * day, toUs: 10 * day + 24 * H });
    expect(() => shifted.rateAt(8 * H)).toThrow(/has no rate at 1970-01-01T08:00:00.000Z/);
    expect(() => new SeriesFundingModel({ ...series, rates: [0.0008, 0.2, 0] }, H)).toThrow(/rate 0.2 at row 2/);
  });
});
