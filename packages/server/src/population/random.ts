/**
 * A small, fast, seeded pseudo-random generator (SplitMix32-style state advance with a
 * xorshift-multiply output) and the draws the population generator needs. Everything random in
 * generation goes through this, so the same seed gives the same population.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator for a sub-task, independent of how much this one has been used since. */
  static derive(seed: number, ...keys: number[]): Random {
    let state = seed >>> 0;
    for (const key of keys) state = mix(state ^ Math.imul(key >>> 0, 0x9e3779b9));
    return new Random(state);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    return mix(this.state) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [from, to], both inclusive. */
  between(from: number, to: number): number {
    return from + this.int(to - from + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Index drawn with the given cumulative weights (ascending, last = total). */
  weightedIndex(cumulative: readonly number[]): number {
    const total = cumulative[cumulative.length - 1] ?? 0;
    const target = this.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** Standard normal draw (Box–Muller). */
  normal(mean = 0, deviation = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** `length` random lower-case hex characters, e.g. a 32-character dokumentidentifikator. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += (this.int(0x10000) | 0x10000).toString(16).slice(1);
    return out.slice(0, length);
  }
}

/** Cumulative sums of weights, for {@link Random.weightedIndex}. */
export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((weight) => (sum += weight));
}

function mix(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
