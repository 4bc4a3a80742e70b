/**
 * Quota sampling: the planner draws ages and kommuner from what is still left of the scaled SSB
 * totals, so the finished population reproduces them closely whatever order households come in.
 */
import type { Kjoenn } from './chunk-plan.js';
import { MAX_AGE } from './demography.js';
import type { Random } from './random.js';

/** Splits `total` over `weights` in proportion, rounding by largest remainder (sums exactly). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, i) => [value - Math.floor(value), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/** Remaining residents by sex and single year of age (index 100 = 100 and older). */
export class AgeQuota {
  private readonly remaining: Record<Kjoenn, Float64Array>;
  private readonly target: Record<Kjoenn, Float64Array>;
  private readonly scratch = new Float64Array(MAX_AGE + 1);

  constructor(pyramid: { readonly mann: readonly number[]; readonly kvinne: readonly number[] }, total: number) {
    const counts = apportion(total, [...pyramid.mann, ...pyramid.kvinne]);
    const size = MAX_AGE + 1;
    this.target = { mann: Float64Array.from(counts.slice(0, size)), kvinne: Float64Array.from(counts.slice(size)) };
    this.remaining = { mann: Float64Array.from(this.target.mann), kvinne: Float64Array.from(this.target.kvinne) };
  }

  /**
   * An age in [from, to] with probability ∝ weight(age) × remaining(age) × pace(age)², where pace
   * = remaining / original total: ages that lag behind the others are drawn more, so all ages run
   * out together. When nothing weighted is left, falls back to the original totals (a slight
   * overshoot beats an impossible household); -1 when the weight is zero over the whole range.
   */
  draw(random: Random, sex: Kjoenn, from: number, to: number, weight: (age: number) => number): number {
    const low = Math.max(0, from);
    const high = Math.min(MAX_AGE, to);
    if (low > high) return -1;
    const remaining = this.remaining[sex];
    const target = this.target[sex];
    const weights = this.scratch;
    let sum = 0;
    for (let age = low; age <= high; age++) {
      const left = remaining[age] ?? 0;
      const total = target[age] ?? 0;
      const w = left > 0 && total > 0 ? weight(age) * left * (left / total) ** 2 : 0;
      weights[age] = w;
      sum += w;
    }
    if (sum <= 0) {
      for (let age = low; age <= high; age++) {
        const w = weight(age) * (target[age] ?? 0);
        weights[age] = w;
        sum += w;
      }
    }
    if (sum <= 0) return -1;
    let pick = random.next() * sum;
    for (let age = low; age <= high; age++) {
      pick -= weights[age] ?? 0;
      if (pick < 0) return age;
    }
    return high;
  }

  /** Σ of the draw weights over [from, to]: how much room a role has among this sex. */
  weight(sex: Kjoenn, from: number, to: number, weight: (age: number) => number): number {
    const remaining = this.remaining[sex];
    const target = this.target[sex];
    let sum = 0;
    for (let age = Math.max(0, from); age <= Math.min(MAX_AGE, to); age++) {
      const left = remaining[age] ?? 0;
      const total = target[age] ?? 0;
      if (left > 0 && total > 0) sum += weight(age) * left * (left / total) ** 2;
    }
    return sum;
  }

  take(sex: Kjoenn, age: number): void {
    this.remaining[sex][Math.min(age, MAX_AGE)]! -= 1;
  }
}

/** Remaining residents per kommune, with a Fenwick tree for drawing ∝ remaining room in O(log n). */
export class KommuneQuota {
  readonly codes: string[];
  private readonly remaining: Int32Array;
  private readonly tree: Float64Array;
  private left: number;
  private maxIndex = 0;

  constructor(codes: string[], counts: number[]) {
    this.codes = codes;
    this.remaining = Int32Array.from(counts);
    this.tree = new Float64Array(counts.length + 1);
    counts.forEach((count, i) => this.add(i, count));
    this.left = counts.reduce((a, b) => a + b, 0);
    this.findLargest();
  }

  get total(): number {
    return this.left;
  }

  /** The most residents any single kommune still takes. */
  largest(): number {
    return this.remaining[this.maxIndex] ?? 0;
  }

  /**
   * `prefer` if it has room for `size` residents, else a kommune with room drawn ∝ its remaining
   * room; -1 when none has room.
   */
  pick(random: Random, size: number, prefer?: number): number {
    if (prefer !== undefined && prefer >= 0 && (this.remaining[prefer] ?? 0) >= size) return prefer;
    if (this.left <= 0) return -1;
    for (let attempt = 0; attempt < 16; attempt++) {
      const index = this.find(random.next() * this.left);
      if ((this.remaining[index] ?? 0) >= size) return index;
    }
    return this.largest() >= size ? this.maxIndex : -1;
  }

  take(index: number, count: number): void {
    this.remaining[index]! -= count;
    this.left -= count;
    this.add(index, -count);
    if (index === this.maxIndex) this.findLargest();
  }

  private add(index: number, delta: number): void {
    for (let i = index + 1; i < this.tree.length; i += i & -i) this.tree[i]! += delta;
  }

  /** The index whose cumulative range contains `target` (0 ≤ target < total). */
  private find(target: number): number {
    let position = 0;
    let rest = target;
    for (let step = 1 << Math.floor(Math.log2(this.tree.length)); step > 0; step >>= 1) {
      const next = position + step;
      if (next < this.tree.length && (this.tree[next] ?? 0) <= rest) {
        position = next;
        rest -= this.tree[next] ?? 0;
      }
    }
    return Math.min(position, this.remaining.length - 1);
  }

  private findLargest(): void {
    let best = 0;
    for (let i = 0; i < this.remaining.length; i++) if ((this.remaining[i] ?? 0) > (this.remaining[best] ?? 0)) best = i;
    this.maxIndex = best;
  }
}

/**
 * Index drawn ∝ how far each option lags behind its share of `total + 1` decisions (quota
 * sampling); ∝ the shares themselves when none lags. `fit` (optional) rescales each option.
 */
export function pickByDeficit(
  random: Random,
  shares: readonly number[],
  counts: readonly number[],
  total: number,
  fit?: (index: number) => number,
): number {
  const n = shares.length;
  const weights = DEFICIT_SCRATCH.length >= n ? DEFICIT_SCRATCH : new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = Math.max(0, (shares[i] ?? 0) * (total + 1) - (counts[i] ?? 0)) * (fit ? fit(i) : 1);
    weights[i] = w;
    sum += w;
  }
  if (sum <= 0) {
    for (let i = 0; i < n; i++) {
      const w = (shares[i] ?? 0) * (fit ? fit(i) : 1);
      weights[i] = w;
      sum += w;
    }
  }
  if (sum <= 0) return 0;
  let target = random.next() * sum;
  for (let i = 0; i < n; i++) {
    target -= weights[i] ?? 0;
    if (target < 0) return i;
  }
  return n - 1;
}

const DEFICIT_SCRATCH = new Float64Array(16);
