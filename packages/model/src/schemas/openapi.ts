/**
 * Which model schema stands for each schema of the official OpenAPI 1.5 (`freg.yaml`,
 * `components.schemas`). Used to compare the two, and to find the model schema for an OAS name.
 * Post-1.5 and Folkeport-only schemas (RettsligHandleevne, NavnFoedselsdato, Tjenesteomraade, the list
 * bodies of the feed and the bulk lookups, Feilrespons) have no entry.
 */
import type { TSchema } from '@sinclair/typebox';
import * as Addresses from './addresses.js';
import * as Bulk from './bulk.js';
import * as Errors from './errors.js';
import { DokumentForHendelse, Hendelse, HendelseElementer, Registerdata } from './event-document.js';
import { HendelseMedDokumentIdentifikatorer, LagretHendelseMedDokumentIdentifikatorer, Sekvensnummer } from './feed.js';
import { Folkeregisterperson } from './person-document.js';
import * as PersonElements from './person-elements.js';
import { PersonsoekResponse } from './search.js';
import * as Shared from './shared.js';
import * as Uttrekk from './uttrekk.js';

const PERSON = 'folkeregisteret.tilgjengeliggjoering.person.v1.';
const HENDELSE = 'folkeregisteret.tilgjengeliggjoering.hendelse.v1.';
const UTTREKK = 'folkeregisteret.tilgjengeliggjoering.uttrekk.v1.';
const FEED = 'ske.folkeregister.rettighetspakke.hendelser.';

function prefixed(prefix: string, schemas: Record<string, TSchema>): Record<string, TSchema> {
  return Object.fromEntries(Object.entries(schemas).map(([title, schema]) => [prefix + title, schema]));
}

const { NavnFoedselsdato: _post15Verge, Tjenesteomraade: _post15Omraade, ...shared } = Shared;
const { AdresseIFrittFormat, ...addresses } = Addresses;
const { RettsligHandleevne: _post15Person, ...personElements } = PersonElements;
const { RettsligHandleevne: _post15Hendelse, ...hendelseElements } = HendelseElementer;

export const SCHEMAS_BY_OPENAPI_NAME: Readonly<Record<string, TSchema>> = {
  ...prefixed(PERSON, { ...shared, ...addresses, AdresseIFrittFormat, ...personElements, Folkeregisterperson }),
  [`${PERSON}bulk.request.PersonBulkoppslagRequest`]: Bulk.PersonBulkoppslagRequest,
  [`${PERSON}bulk.response.Feilmelding`]: Bulk.Feilmelding,
  [`${PERSON}bulk.response.Oppslag`]: Bulk.Oppslag,
  [`${PERSON}bulk.response.PersonBulkoppslagResponse`]: Bulk.PersonBulkoppslagResponse,
  [`${PERSON}bulk.arkiv.request.ArkivDokumentBulkoppslagRequest`]: Bulk.ArkivDokumentBulkoppslagRequest,
  [`${PERSON}soek.response.PersonsoekResponse`]: PersonsoekResponse,
  ...prefixed(HENDELSE, { ...shared, ...addresses, ...hendelseElements, Registerdata, Hendelse, DokumentForHendelse }),
  [`${HENDELSE}bulk.request.HendelseBulkoppslagRequest`]: Bulk.HendelseBulkoppslagRequest,
  [`${UTTREKK}request.Kommunenummer`]: Uttrekk.UttrekkKommunenummer,
  [`${UTTREKK}request.TilpassetUttrekkJobbRequest`]: Uttrekk.TilpassetUttrekkJobbRequest,
  [`${UTTREKK}response.UttrekkJobbResponse`]: Uttrekk.UttrekkJobbResponse,
  [`${UTTREKK}response.UttrekkDataResponse`]: Uttrekk.UttrekkDataResponse,
  ...prefixed(FEED, { HendelseMedDokumentIdentifikatorer, LagretHendelseMedDokumentIdentifikatorer, Sekvensnummer }),
  'ske.folkeregister.exception.javaxrs.FolkeregisterFeilmelding': Errors.FolkeregisterFeilmelding,
  'ske.folkeregister.lesemodell.universal.feil.ErrorMessageForExternalUsers': Errors.ErrorMessageForExternalUsers,
};
