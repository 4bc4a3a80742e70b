/**
 * Resolution of the `part` query parameter (data minimisation) against a rights package.
 * Rules: freg-consumer-api.md §8 (DOC konsumenttjenester/dataminimering.md); explained in docs/packages.md.
 */
import { PERSON_ELEMENTS } from './elements.js';
import type { PersonElement } from './elements.js';
import type { RightsPackage } from './packages.js';

export const PART_ALIASES = ['person-basis', 'historikk', 'identitetsgrunnlag-utvidet', 'relasjon-utvidet'] as const;

export type PartAlias = (typeof PART_ALIASES)[number];

export type PartErrorCode = 'unknownPart' | 'partNotInPackage' | 'partNoLongerValid';

export interface PartError {
  readonly code: PartErrorCode;
  /** The offending value exactly as sent. */
  readonly part: string;
  /** Norwegian (bokmål) message for the error body. */
  readonly message: string;
}

export interface ResolvedPart {
  readonly ok: true;
  /** The elements to deliver, in the model's (XSD) order. */
  readonly elements: readonly PersonElement[];
  /** `historikk` was asked for. */
  readonly historikk: boolean;
  /** The delivered elements whose historic values are included; empty without `historikk`. */
  readonly historyElements: readonly PersonElement[];
}

export type PartResolution = ResolvedPart | { readonly ok: false; readonly error: PartError };

/** Parts that were valid once and are rejected since the given date. */
const NO_LONGER_VALID: ReadonlyMap<string, string> = new Map([['forholdTilSametingetsValgmanntall', '3. april 2023']]);

/** Lower-cased part value → canonical spelling; matching is case-insensitive (open question Q12). */
const VOCABULARY: ReadonlyMap<string, PartAlias | PersonElement> = new Map(
  [...PART_ALIASES, ...PERSON_ELEMENTS].map((name) => [name.toLowerCase(), name]),
);

function fail(code: PartErrorCode, part: string, message: string): PartResolution {
  return { ok: false, error: { code, part, message } };
}

/** What one canonical part name adds in the package; `undefined`: the package does not have it. */
function expand(pkg: RightsPackage, name: Exclude<PartAlias, 'historikk'> | PersonElement) {
  switch (name) {
    case 'person-basis':
      return pkg.personBasis;
    case 'identitetsgrunnlag-utvidet':
      return pkg.identitetsgrunnlagUtvidet;
    case 'relasjon-utvidet':
      return pkg.relasjonUtvidet;
    default:
      return pkg.elements.includes(name) ? [name] : undefined;
  }
}

/**
 * The elements one `part` value stands for in the package, read as {@link resolvePart} reads it (case-insensitive);
 * undefined for `historikk`, an unknown value, or one the package does not have.
 */
export function partElements(pkg: RightsPackage, part: string): readonly PersonElement[] | undefined {
  const name = VOCABULARY.get(part.toLowerCase());
  return name === undefined || name === 'historikk' ? undefined : expand(pkg, name);
}

/**
 * Resolves the raw `part` values of a request. No content part (no `part` at all, or only `historikk`) means
 * `person-basis`. Duplicates are harmless. The first invalid value, in request order, is reported.
 */
export function resolvePart(pkg: RightsPackage, parts: readonly string[]): PartResolution {
  const chosen = new Set<PersonElement>();
  let historikk = false;
  let contentAsked = false;
  for (const part of parts) {
    const name = VOCABULARY.get(part.toLowerCase());
    if (name === undefined) {
      return fail(
        'unknownPart',
        part,
        `Ugyldig verdi for part: «${part}». Gyldige verdier er navnet på et informasjonselement i persondokumentet ` +
          `eller ${PART_ALIASES.join(', ')}.`,
      );
    }
    const since = NO_LONGER_VALID.get(name);
    if (since !== undefined) {
      return fail('partNoLongerValid', part, `Verdien «${part}» for part er ikke lenger gyldig (fra ${since}).`);
    }
    if (name === 'historikk') {
      historikk = true;
      continue;
    }
    const elements = expand(pkg, name);
    if (elements === undefined) {
      return fail(
        'partNotInPackage',
        part,
        `Verdien «${part}» for part er ikke tilgjengelig i rettighetspakken «${pkg.name}».`,
      );
    }
    contentAsked = true;
    for (const element of elements) chosen.add(element);
  }
  if (!contentAsked) for (const element of pkg.personBasis) chosen.add(element);
  if (pkg.identifikasjonsnummer === 'alltid') chosen.add('identifikasjonsnummer');

  const elements = PERSON_ELEMENTS.filter((element) => chosen.has(element));
  const historyElements = historikk ? elements.filter((element) => pkg.historyElements.includes(element)) : [];
  return { ok: true, elements, historikk, historyElements };
}
