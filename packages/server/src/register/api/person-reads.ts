/**
 * The person-document reads of the person endpoints, each one statement whatever the number of ids asked for:
 * current versions by identifier (historic identifiers included, through register.identifier) and stored
 * versions by dokumentidentifikator. Tables: register-schema.ts (docs/store.md).
 */
import type { Folkeregisterperson, Identifikatorstatus, NavnFoedselsdato } from '@folkeport/model';
import { query, type Executor } from '../../store/query.js';

/** The current version of a person, found through one of its identifiers. */
export interface CurrentPerson {
  /** The identifier it was found by. */
  identifikator: string;
  /** That identifier's status: `opphoert` for a ceased (historic) number. */
  identifikatorstatus: Identifikatorstatus;
  personKey: number;
  /** The person's identifier in use. */
  folkeregisteridentifikator: string;
  /** The stored document, JSON. */
  dokument: string;
}

/** One stored version of a person document. */
export interface ArchivedPerson {
  dokumentidentifikator: string;
  /** The person's identifier in use today. */
  folkeregisteridentifikator: string;
  /** When the next version replaced this one; undefined for the current version. */
  erstattet: string | undefined;
  dokument: string;
}

/** Current versions by identifier, keyed by the identifier asked for; unknown identifiers are absent. */
export async function currentPersonsByIdentifier(
  db: Executor,
  identifiers: readonly string[],
): Promise<Map<string, CurrentPerson>> {
  const rows = await query<{
    identifikator: string;
    status: Identifikatorstatus;
    person_key: number | string;
    folkeregisteridentifikator: string;
    dokument: string;
  }>(
    db,
    `SELECT i.identifikator, i.status, p.person_key, p.folkeregisteridentifikator, v.dokument
     FROM register.identifier i
     JOIN register.person p USING (person_key)
     JOIN register.person_version v ON v.dokumentidentifikator = p.dokumentidentifikator
     WHERE i.identifikator = ANY ($1::text[])`,
    [[...new Set(identifiers)]],
  );
  return new Map(
    rows.map((row) => [
      row.identifikator,
      {
        identifikator: row.identifikator,
        identifikatorstatus: row.status,
        personKey: Number(row.person_key),
        folkeregisteridentifikator: row.folkeregisteridentifikator,
        dokument: row.dokument,
      },
    ]),
  );
}

/** Stored versions by dokumentidentifikator (lower-case 32 hex), keyed by it; unknown ids are absent. */
export async function personVersionsByDokumentidentifikator(
  db: Executor,
  dokumentidentifikatorer: readonly string[],
): Promise<Map<string, ArchivedPerson>> {
  const rows = await query<{
    dokumentidentifikator: string;
    folkeregisteridentifikator: string;
    erstattet: string | null;
    dokument: string;
  }>(
    db,
    `SELECT v.dokumentidentifikator, p.folkeregisteridentifikator, v.dokument,
       (SELECT n.registrert FROM register.person_version n
        WHERE n.person_key = v.person_key AND n.versjon = v.versjon + 1) AS erstattet
     FROM register.person_version v
     JOIN register.person p USING (person_key)
     WHERE v.dokumentidentifikator = ANY ($1::text[])`,
    [[...new Set(dokumentidentifikatorer)]],
  );
  return new Map(
    rows.map((row) => [
      row.dokumentidentifikator,
      {
        dokumentidentifikator: row.dokumentidentifikator,
        folkeregisteridentifikator: row.folkeregisteridentifikator,
        erstattet: row.erstattet ?? undefined,
        dokument: row.dokument,
      },
    ]),
  );
}

/**
 * Current name and birth date of persons by identifier (a verge given without the number), read from their
 * current documents; unknown identifiers and persons without a name are absent.
 */
export async function namesByIdentifier(
  db: Executor,
  identifiers: readonly string[],
): Promise<Map<string, NavnFoedselsdato>> {
  const names = new Map<string, NavnFoedselsdato>();
  if (identifiers.length === 0) return names;
  for (const [identifier, person] of await currentPersonsByIdentifier(db, identifiers)) {
    const document = JSON.parse(person.dokument) as Folkeregisterperson;
    const navn = document.navn?.find((entry) => entry.erGjeldende === true);
    if (!navn) continue;
    const foedselsdato = document.foedsel?.find((entry) => entry.erGjeldende === true)?.foedselsdato;
    names.set(identifier, {
      personnavn: {
        fornavn: navn.fornavn,
        ...(navn.mellomnavn !== undefined && { mellomnavn: navn.mellomnavn }),
        etternavn: navn.etternavn,
      },
      ...(foedselsdato !== undefined && { foedselsdato }),
    });
  }
  return names;
}
