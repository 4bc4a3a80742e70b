/**
 * Steers registered marital status towards SSB's shares by age band and sex: every status decision
 * favours the statuses that lag behind their share among the persons of that band planned so far.
 */
import type { Kjoenn } from './chunk-plan.js';
import { MARITAL_STATUS_2024, MARITAL_STATUSES, type MaritalStatus } from './targets.js';
import type { Random } from './random.js';

const BAND_OF_AGE: number[] = [];
MARITAL_STATUS_2024.forEach((band, index) => {
  for (let age = band.from; age <= band.to; age++) BAND_OF_AGE[age] = index;
});

function bandOf(age: number): number {
  return BAND_OF_AGE[Math.min(age, BAND_OF_AGE.length - 1)] ?? 0;
}

export class MaritalTracker {
  private readonly planned: Record<Kjoenn, Float64Array>;
  private readonly assigned: Record<Kjoenn, Float64Array[]>;

  constructor() {
    const bands = MARITAL_STATUS_2024.length;
    this.planned = { mann: new Float64Array(bands), kvinne: new Float64Array(bands) };
    this.assigned = {
      mann: MARITAL_STATUSES.map(() => new Float64Array(bands)),
      kvinne: MARITAL_STATUSES.map(() => new Float64Array(bands)),
    };
  }

  private share(sex: Kjoenn, band: number, status: MaritalStatus): number {
    return MARITAL_STATUS_2024[band]?.[sex][status] ?? 0;
  }

  /** How many more persons of this age and sex should have the status than have it so far. */
  deficit(sex: Kjoenn, age: number, status: MaritalStatus): number {
    const band = bandOf(age);
    const index = MARITAL_STATUSES.indexOf(status);
    return this.share(sex, band, status) * (this.planned[sex][band]! + 1) - this.assigned[sex][index]![band]!;
  }

  record(sex: Kjoenn, age: number, status: MaritalStatus): void {
    const band = bandOf(age);
    this.planned[sex][band]! += 1;
    this.assigned[sex][MARITAL_STATUSES.indexOf(status)]![band]! += 1;
  }

  /** A status among `allowed` for a person living without a spouse, steered by the deficits; recorded. */
  pick(random: Random, sex: Kjoenn, age: number, allowed: readonly MaritalStatus[]): MaritalStatus {
    const band = bandOf(age);
    let weights = allowed.map((status) => Math.max(0, this.deficit(sex, age, status)));
    if (weights.every((w) => w <= 0)) weights = allowed.map((status) => this.share(sex, band, status));
    const sum = weights.reduce((a, b) => a + b, 0);
    let status = allowed[0] ?? 'ugift';
    if (sum > 0) {
      let target = random.next() * sum;
      for (let i = 0; i < allowed.length; i++) {
        target -= weights[i] ?? 0;
        if (target < 0) {
          status = allowed[i] ?? status;
          break;
        }
      }
    }
    this.record(sex, age, status);
    return status;
  }

  /**
   * Probability that an opposite-sex couple is married rather than cohabiting: the base share for
   * the woman's age, pushed up when married persons of their ages lag behind the target and down
   * when they run ahead.
   */
  marriedProbability(base: number, woman: number, man: number): number {
    const lag = this.deficit('kvinne', woman, 'gift') + this.deficit('mann', man, 'gift');
    const push = Math.max(-1, Math.min(1, lag / 4));
    return push >= 0 ? base + (1 - base) * push : base * (1 + push);
  }
}
