import type { WireFill } from './wire-types.js';
import { trimDecimal } from './wire-format.js';

/**
 * Hyperliquid's perp and spot fee tiers by 14-day weighted volume (perp + 2 × spot), and the
 * maker-rebate tiers by 14-day share of the exchange's maker volume (official "Fees" page, tables
 * as in ../shared/venues/hyperliquid.md §3.12). Rates are fractions: 0.00045 = 0.045 %.
 */
export const VIP_FEE_TIERS = [
  { ntlCutoff: 0, cross: 0.00045, add: 0.00015, spotCross: 0.0007, spotAdd: 0.0004 },
  { ntlCutoff: 5_000_000, cross: 0.0004, add: 0.00012, spotCross: 0.0006, spotAdd: 0.0003 },
  { ntlCutoff: 25_000_000, cross: 0.00035, add: 0.00008, spotCross: 0.0005, spotAdd: 0.0002 },
  { ntlCutoff: 100_000_000, cross: 0.0003, add: 0.00004, spotCross: 0.0004, spotAdd: 0.0001 },
  { ntlCutoff: 500_000_000, cross: 0.00028, add: 0, spotCross: 0.00035, spotAdd: 0 },
  { ntlCutoff: 2_000_000_000, cross: 0.00026, add: 0, spotCross: 0.0003, spotAdd: 0 },
  { ntlCutoff: 7_000_000_000, cross: 0.00024, add: 0, spotCross: 0.00025, spotAdd: 0 },
] as const;

export const MAKER_REBATE_TIERS = [
  { makerFractionCutoff: 0.005, add: -0.00001 },
  { makerFractionCutoff: 0.015, add: -0.00002 },
  { makerFractionCutoff: 0.03, add: -0.00003 },
] as const;

const STAKING_DISCOUNT_TIERS = [
  { bpsOfMaxSupply: '0.0001', discount: '0.05' },
  { bpsOfMaxSupply: '0.001', discount: '0.1' },
  { bpsOfMaxSupply: '0.01', discount: '0.15' },
  { bpsOfMaxSupply: '0.1', discount: '0.2' },
  { bpsOfMaxSupply: '1.0', discount: '0.3' },
  { bpsOfMaxSupply: '5.0', discount: '0.4' },
];

const DAY_MS = 86_400_000;
export const FEE_WINDOW_DAYS = 14;

export interface FeeRates {
  /** Taker rate ("cross"). */
  cross: number;
  /** Maker rate ("add"); negative is a rebate. */
  add: number;
}

/** Volume the venue saw per UTC day: the user's taker/maker notional and the whole tape's. */
export interface DailyVolume {
  date: string;
  userCross: number;
  userAdd: number;
  exchange: number;
}

/** The user's rates: the VIP tier of its 14-day volume, or the maker-rebate tier its maker share reaches. */
export function feeRatesFor(days: readonly DailyVolume[]): FeeRates {
  let user = 0;
  let userAdd = 0;
  let exchange = 0;
  for (const day of days) {
    user += day.userCross + day.userAdd;
    userAdd += day.userAdd;
    exchange += day.exchange;
  }
  let vip: (typeof VIP_FEE_TIERS)[number] = VIP_FEE_TIERS[0];
  for (const tier of VIP_FEE_TIERS) if (user > tier.ntlCutoff) vip = tier;
  let add: number = vip.add;
  const makerShare = exchange > 0 ? userAdd / exchange : 0;
  for (const tier of MAKER_REBATE_TIERS) if (makerShare > tier.makerFractionCutoff) add = tier.add;
  return { cross: vip.cross, add };
}

/** The last 14 UTC days with volume, oldest first. `tape` is the exchange's notional per day. */
export function dailyVolumes(fills: readonly WireFill[], tape: ReadonlyMap<number, number>, nowMs: number): DailyVolume[] {
  const today = Math.floor(nowMs / DAY_MS);
  const first = today - FEE_WINDOW_DAYS + 1;
  const byDay = new Map<number, DailyVolume>();
  const day = (index: number): DailyVolume => {
    let entry = byDay.get(index);
    if (entry === undefined) {
      entry = { date: new Date(index * DAY_MS).toISOString().slice(0, 10), userCross: 0, userAdd: 0, exchange: tape.get(index) ?? 0 };
      byDay.set(index, entry);
    }
    return entry;
  };
  for (const [index] of tape) if (index >= first && index <= today) day(index);
  for (const fill of fills) {
    const index = Math.floor(fill.time / DAY_MS);
    if (index < first || index > today) continue;
    const notional = Number(fill.px) * Number(fill.sz);
    if (fill.crossed) day(index).userCross += notional;
    else day(index).userAdd += notional;
  }
  return [...byDay.entries()].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
}

const rate = (value: number): string => trimDecimal(value, 8);

/** `info {type:"userFees"}` in the venue's shape (nktkas `UserFeesResponse`). */
export function userFeesResponse(days: readonly DailyVolume[], rates: FeeRates): unknown {
  const base = VIP_FEE_TIERS[0];
  return {
    dailyUserVlm: days.map((day) => ({
      date: day.date,
      userCross: trimDecimal(day.userCross, 2),
      userAdd: trimDecimal(day.userAdd, 2),
      exchange: trimDecimal(day.exchange, 2),
    })),
    feeSchedule: {
      cross: rate(base.cross),
      add: rate(base.add),
      spotCross: rate(base.spotCross),
      spotAdd: rate(base.spotAdd),
      tiers: {
        vip: VIP_FEE_TIERS.slice(1).map((tier) => ({
          ntlCutoff: trimDecimal(tier.ntlCutoff, 1),
          cross: rate(tier.cross),
          add: rate(tier.add),
          spotCross: rate(tier.spotCross),
          spotAdd: rate(tier.spotAdd),
        })),
        mm: MAKER_REBATE_TIERS.map((tier) => ({ makerFractionCutoff: rate(tier.makerFractionCutoff), add: rate(tier.add) })),
      },
      referralDiscount: '0.04',
      stakingDiscountTiers: STAKING_DISCOUNT_TIERS,
    },
    userCrossRate: rate(rates.cross),
    userAddRate: rate(rates.add),
    // Spot rates scale like perps' (no spot market here, so they only follow the VIP tier).
    userSpotCrossRate: rate(rates.cross === base.cross ? base.spotCross : (rates.cross / base.cross) * base.spotCross),
    userSpotAddRate: rate(rates.add <= 0 ? rates.add : (rates.add / base.add) * base.spotAdd),
    activeReferralDiscount: '0.0',
    trial: null,
    feeTrialEscrow: '0.0',
    nextTrialAvailableTimestamp: null,
    stakingLink: null,
    activeStakingDiscount: { bpsOfMaxSupply: '0.0', discount: '0.0' },
  };
}
