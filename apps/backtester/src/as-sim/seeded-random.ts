/**
 * A seeded uniform generator on [0, 1): xoshiro128** with its state filled by splitmix32.
 * The Monte-Carlo market must be reproducible per `--seed` and must never read `Math.random`;
 * 32-bit arithmetic (`Math.imul`, `>>> 0`) keeps it exact and identical on every JS engine.
 * 2^128 − 1 period is far beyond what a backtest draws; it is not cryptographic.
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  // splitmix32 spreads nearby seeds (1, 2, 3…) over unrelated xoshiro states.
  let mixState = seed >>> 0;
  const splitmix32 = (): number => {
    mixState = (mixState + 0x9e3779b9) >>> 0;
    let z = mixState;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix32();
  const s1 = splitmix32();
  const s2 = splitmix32();
  const s3 = splitmix32();
  // The all-zero state is the one fixed point of xoshiro; splitmix32 practically never yields it.
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  return xoshiro128StarStar(s0, s1, s2, s3);
}

/**
 * xoshiro128** (Blackman & Vigna) over an explicit 32-bit state, as uniforms on [0, 1). Exposed for
 * the reference-vector test; use `seededRandom` to start from a seed.
 */
export function xoshiro128StarStar(s0: number, s1: number, s2: number, s3: number): () => number {
  return () => {
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    const shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result / 0x1_0000_0000;
  };
}
