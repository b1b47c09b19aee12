import type { Instrument } from '@mm/core';
import { Position } from './position.js';
import type { VenueAccount } from './venue-options.js';
import type { WireFill } from './wire-types.js';

/** One account's book-keeping: position, fills, fees, volume and its dead man's switch. */
export interface AccountState {
  address: string;
  startingUsdc: number;
  position: Position;
  /** Fills, oldest first. */
  fills: WireFill[];
  feesQuote: number;
  realizedPnlQuote: number;
  tradedVolumeUsd: number;
  /** Signed actions accepted for the account (the venue's per-address request count). */
  actionsSent: number;
  scheduledCancelAtMs: number | undefined;
  scheduledCancelDay: number;
  scheduledCancelTriggers: number;
  /** The account's leverage on the market (`updateLeverage`); margin is position notional / value. */
  leverage: { type: 'cross' | 'isolated'; value: number };
  /** Builders the account approved (`approveBuilderFee`) and their maximum fee, in tenths of a basis point. */
  approvedBuilderFees: Map<string, number>;
  /** The referral code set with `setReferrer`, if any. */
  referrer: string | undefined;
}

/** Accounts by address (lowercase). Unknown addresses read as empty accounts, as on the venue. */
export class AccountLedger {
  private readonly accounts = new Map<string, AccountState>();

  constructor(
    private readonly instrument: Instrument,
    configured: readonly VenueAccount[],
    /** Leverage of a new account: cross at this value (the market's maximum unless configured). */
    private readonly defaultLeverage: number,
  ) {
    for (const account of configured) {
      this.accounts.set(account.address, this.create(account.address, account.startingUsdc, account.tradedVolumeUsd));
    }
  }

  get(address: string): AccountState {
    const key = address.toLowerCase();
    let state = this.accounts.get(key);
    if (state === undefined) {
      state = this.create(key, 0, 0);
      this.accounts.set(key, state);
    }
    return state;
  }

  all(): AccountState[] {
    return [...this.accounts.values()];
  }

  private create(address: string, startingUsdc: number, tradedVolumeUsd: number): AccountState {
    return {
      address,
      startingUsdc,
      position: new Position(this.instrument.tickSize, this.instrument.lotSize),
      fills: [],
      feesQuote: 0,
      realizedPnlQuote: 0,
      tradedVolumeUsd,
      actionsSent: 0,
      scheduledCancelAtMs: undefined,
      scheduledCancelDay: -1,
      scheduledCancelTriggers: 0,
      leverage: { type: 'cross', value: this.defaultLeverage },
      approvedBuilderFees: new Map(),
      referrer: undefined,
    };
  }
}
