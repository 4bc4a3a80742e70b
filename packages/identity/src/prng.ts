/**
 * A small seeded pseudo-random generator (32-bit state, Weyl sequence plus an integer mix in the
 * style of SplitMix), so generated data is the same for the same seed on every machine.
 * Not for secrets.
 */
export interface Random {
  /** Integer in [0, bound), bound ≤ 2^32. */
  below(bound: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const nextUint32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  return {
    // Floor of a 32-bit fraction: bias at most bound / 2^32, irrelevant for test data.
    below: (bound) => Math.floor((nextUint32() / 0x1_0000_0000) * bound),
  };
}
