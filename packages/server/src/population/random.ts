/**
 * A small, fast, seeded pseudo-random generator (sfc32, with a murmur-style mix to derive
 * independent streams) and the draws the population generator needs. Everything random in
 * generation goes through this, so the same seed gives the same population.
 */
export class Random {
  // sfc32: 128 bits of state, so streams derived from different keys do not collide, even across
  // millions of persons (a 32-bit state would repeat 32-hex ids after ~65 000 draws).
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, b = 0x9e3779b9, c = 0x243f6a88, d = 0xb7e15162) {
    this.a = seed >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0;
    for (let i = 0; i < 12; i++) this.next(); // mix the seed into every word before use
  }

  /** A generator for a sub-task, independent of how much this one has been used since. */
  static derive(seed: number, ...keys: number[]): Random {
    let a = mix(seed ^ 0x243f6a88);
    let b = mix(seed ^ 0x85a308d3);
    let c = mix(seed ^ 0x13198a2e);
    let d = mix(seed ^ 0x03707344);
    for (const key of keys) {
      const k = key >>> 0;
      a = mix(a ^ Math.imul(k, 0x9e3779b9));
      b = mix(b ^ Math.imul(k, 0x85ebca6b) ^ a);
      c = mix(c ^ Math.imul(k, 0xc2b2ae35) ^ b);
      d = mix(d ^ Math.imul(k, 0x27d4eb2f) ^ c);
    }
    return new Random(a, b, c, d);
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
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
