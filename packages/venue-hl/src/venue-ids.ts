import { keccak256, stringToHex } from 'viem';

/** One trade's identity as the venue writes it: a 32-byte hex hash and a 15-digit trade id. */
export interface TradeIdentity {
  tid: number;
  hash: `0x${string}`;
}

const TID_BASE = 100_000_000_000_000;
const TID_SPAN = 800_000_000_000_000;

/**
 * Trade ids and hashes for replayed trades and our fills. The real venue's tids are 15-digit
 * integers and its hashes 32-byte transaction hashes (see the recorded `trades` frames); ours come
 * from a seed and one counter, so they never repeat while the venue runs (the replay loops, the
 * ids keep counting) and a venue started again with the same seed hands out the same ones.
 */
export class VenueIds {
  private readonly tidOffset: number;
  private count = 0;

  constructor(private readonly seed: string) {
    // The seed picks where in the 15-digit range the counter starts, leaving room to count.
    this.tidOffset = Number(BigInt(keccak256(stringToHex(`tid:${seed}`))) % BigInt(TID_SPAN / 2));
  }

  next(): TradeIdentity {
    const n = this.count++;
    return { tid: TID_BASE + this.tidOffset + n, hash: keccak256(stringToHex(`${this.seed}:${n}`)) };
  }
}
