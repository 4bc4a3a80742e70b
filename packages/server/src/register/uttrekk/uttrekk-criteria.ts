/**
 * Reading what a consumer orders: the body of `POST uttrekk/tilpasset` (TilpassetUttrekkJobbRequest) and the
 * `feedsekvensnr` of `GET uttrekk/komplett`. Anything malformed is a 400 with a message naming the field.
 */
import {
  KJOENN,
  SIVILSTANDSTYPER,
  UTTREKK_PERSONSTATUSTYPER,
  type TilpassetUttrekkJobbRequest,
} from '@folkeport/model';
import { FregError } from '../api/freg-error.js';

const YEAR_FIELDS = ['foedselsaarFraOgMed', 'foedselsaarTilOgMed', 'doedsaarFraOgMed', 'doedsaarTilOgMed'] as const;
const FIELDS = new Set<string>([
  'personstatustyper',
  'kommunenummer',
  ...YEAR_FIELDS,
  'kjoenn',
  'statsborgerskap',
  'sivilstandstype',
]);
const KOMMUNE_FIELDS = ['bostedskommunenummer', 'oppholdskommunenummer'] as const;

function invalid(message: string): never {
  throw new FregError(400, message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    invalid(`${field} må være en av ${allowed.join(', ')}`);
  }
  return value as T;
}

/**
 * A year as the contract has it (a string, "1980"). A JSON number is accepted too, as FREG's Java
 * deserialiser coerces one; the criteria keep the string form.
 */
function year(field: string, value: unknown): string {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^[0-9]{4}$/.test(text)) invalid(`${field} må være et årstall med fire sifre`);
  return text;
}

/** The request, checked and normalised; unknown fields are refused. */
export function parseTilpassetRequest(body: unknown): TilpassetUttrekkJobbRequest {
  if (!isObject(body)) invalid('Forespørselen må være et JSON-objekt (TilpassetUttrekkJobbRequest)');
  const unknown = Object.keys(body).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) invalid(`Ukjent felt i forespørselen: ${unknown.join(', ')}`);

  const statuses = body.personstatustyper;
  if (statuses === undefined) invalid('personstatustyper mangler (påkrevd)');
  if (!Array.isArray(statuses) || statuses.length === 0) invalid('personstatustyper må være en liste med minst én verdi');
  const request: TilpassetUttrekkJobbRequest = {
    personstatustyper: [...new Set(statuses.map((status) => oneOf('personstatustyper', status, UTTREKK_PERSONSTATUSTYPER)))],
  };

  if (body.kommunenummer !== undefined) request.kommunenummer = kommunenummer(body.kommunenummer);
  for (const field of YEAR_FIELDS) {
    if (body[field] !== undefined) request[field] = year(field, body[field]);
  }
  for (const kind of ['foedselsaar', 'doedsaar'] as const) {
    const from = request[`${kind}FraOgMed`];
    const to = request[`${kind}TilOgMed`];
    if (from !== undefined && to !== undefined && from > to) invalid(`${kind}FraOgMed er etter ${kind}TilOgMed`);
  }
  if (body.kjoenn !== undefined) request.kjoenn = oneOf('kjoenn', body.kjoenn, KJOENN);
  if (body.statsborgerskap !== undefined) {
    const land = body.statsborgerskap;
    if (typeof land !== 'string' || !/^[A-Z]{3}$/.test(land)) {
      invalid('statsborgerskap må være en landkode etter ISO 3166-1 alfa-3, f.eks. NOR');
    }
    request.statsborgerskap = land;
  }
  if (body.sivilstandstype !== undefined) {
    request.sivilstandstype = oneOf('sivilstandstype', body.sivilstandstype, SIVILSTANDSTYPER);
  }
  return request;
}

function kommunenummer(value: unknown): NonNullable<TilpassetUttrekkJobbRequest['kommunenummer']> {
  if (!isObject(value)) invalid('kommunenummer må være et objekt med bostedskommunenummer eller oppholdskommunenummer');
  const keys = Object.keys(value);
  const unknown = keys.filter((key) => !(KOMMUNE_FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) invalid(`Ukjent felt i kommunenummer: ${unknown.join(', ')}`);
  if (keys.length !== 1) invalid('kommunenummer må ha enten bostedskommunenummer eller oppholdskommunenummer, ikke begge');
  const [field] = keys as (typeof KOMMUNE_FIELDS)[number][];
  const nummer = value[field as string];
  if (typeof nummer !== 'string' || !/^[0-9]{4}$/.test(nummer)) invalid(`${field} må være et kommunenummer med fire sifre`);
  return field === 'bostedskommunenummer' ? { bostedskommunenummer: nummer } : { oppholdskommunenummer: nummer };
}

/** The criteria's names, for the audit log: `kommunenummer.bostedskommunenummer` rather than `kommunenummer`. */
export function criteriaNames(request: TilpassetUttrekkJobbRequest): string[] {
  return Object.keys(request).flatMap((key) =>
    key === 'kommunenummer' && request.kommunenummer
      ? Object.keys(request.kommunenummer).map((field) => `kommunenummer.${field}`)
      : [key],
  );
}

/** `feedsekvensnr`: required, a whole number ≥ 0 (a larger one than exists is clamped by the caller). */
export function parseFeedsekvensnr(value: unknown): number {
  if (value === undefined) invalid('Parameteren feedsekvensnr mangler');
  if (typeof value !== 'string' || !/^[0-9]+$/.test(value)) {
    invalid('feedsekvensnr må være et heltall større enn eller lik 0');
  }
  return Math.min(Number(value), Number.MAX_SAFE_INTEGER);
}
