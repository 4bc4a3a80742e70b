/**
 * Register metadata for rendered elements, in the style of FREG's synthetic population: facts older
 * than the register's first load carry aarsak «Grunnbefolkning» and that load's time; later facts
 * carry their own aarsak and a registration time on (or a few days after) the day they happened.
 * Nothing is registered after the reference date.
 */
import { midnight, timestamp, type Day } from './calendar.js';
import type { Random } from './random.js';

export interface Metadata {
  ajourholdstidspunkt: string;
  erGjeldende: boolean;
  kilde: string;
  aarsak?: string;
  gyldighetstidspunkt?: string;
  opphoerstidspunkt?: string;
}

const KILDE = 'Synutopia';
const GRUNNBEFOLKNING = 'Grunnbefolkning';
/** Shared default of {@link PersonClock.fact}: most facts have no options, so none is allocated per call. */
const NO_OPTIONS = {};

/** Times for one person's facts. */
export class PersonClock {
  private readonly random: Random;
  private readonly loadDay: Day;
  private readonly lastDay: Day;
  /** When the first load wrote this person's facts (one time for all of them). */
  private readonly loaded: string;

  /** `loadDay`: the register's first load; `asOf`: nothing is registered on or after this day. */
  constructor(random: Random, loadDay: Day, asOf: Day) {
    this.random = random;
    this.loadDay = loadDay;
    this.lastDay = asOf - 1;
    this.loaded = timestamp(loadDay, random.between(8 * 3600, 16 * 3600), random.int(1_000_000));
  }

  /** When a fact that happened on `day` was registered. */
  registered(day: Day): string {
    if (day < this.loadDay) return this.loaded;
    const late = this.random.chance(0.3) ? this.random.between(1, 3) : 0;
    const on = Math.min(day + late, this.lastDay);
    const second = on === day ? this.random.between(7 * 3600, 22 * 3600) : this.random.between(7 * 3600, 16 * 3600);
    return timestamp(on, second, this.random.int(1_000_000));
  }

  /**
   * Metadata of a fact valid from `from`. A fact that `ceased` (without being replaced) gets an
   * opphoerstidspunkt and is registered when it ceased; `recorded` moves the registration later
   * (e.g. a conversion); `current: false` marks historic values.
   */
  fact(from: Day, aarsak: string, current: boolean, options: { ceased?: Day; kilde?: string; recorded?: Day } = NO_OPTIONS): Metadata {
    const { ceased, kilde = KILDE, recorded } = options;
    const meta: Metadata = {
      ajourholdstidspunkt: this.registered(Math.max(ceased ?? from, recorded ?? from)),
      erGjeldende: current,
      kilde,
      aarsak: from < this.loadDay ? GRUNNBEFOLKNING : aarsak,
      gyldighetstidspunkt: midnight(from),
    };
    if (ceased !== undefined) meta.opphoerstidspunkt = midnight(ceased);
    return meta;
  }
}

/**
 * The element: its metadata followed by its own fields (undefined ones left out). Adds to the
 * metadata object instead of spreading both into a new one, which is several times faster.
 */
export function withMeta<T extends object>(meta: Metadata, fields: T): Metadata & T {
  const target = meta as Metadata & Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined) target[key] = value;
  }
  return target as Metadata & T;
}
