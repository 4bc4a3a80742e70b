/**
 * Packages that may not see a verge's fnr/dnr get the verge by name and birth date (`navnFoedselsdato`, the
 * form FREG uses since 2023-11 for a verge without a number), read from the verge's own current document; the
 * projection then removes the number. These are the pure steps; the routes read the names (person-reads.ts).
 */
import type {
  Folkeregisterperson,
  NavnFoedselsdato,
  RightsPackage,
  VergeRepresentantEllerFullmektig as Verge,
} from '@folkeport/model';
import { resolveProjection } from './projection.js';

/** Whether the package, for these `part` values, delivers vergemål but not the verge's number. */
export function needsVergeNames(pkg: RightsPackage, parts: readonly string[]): boolean {
  if (pkg.vergeIdentifikasjonsnummer) return false;
  return resolveProjection(pkg, parts).elements.some((element) => element.name === 'vergemaalEllerFremtidsfullmakt');
}

/** The numbers of the document's verges that are given by number only. */
export function unnamedVergeNumbers(document: Folkeregisterperson): string[] {
  return (document.vergemaalEllerFremtidsfullmakt ?? []).flatMap(({ verge }) =>
    unnamed(verge) ? [verge.foedselsEllerDNummer as string] : [],
  );
}

/** The document with a name added to every verge given by number only whose name is known. */
export function withVergeNames(
  document: Folkeregisterperson,
  names: ReadonlyMap<string, NavnFoedselsdato>,
): Folkeregisterperson {
  const entries = document.vergemaalEllerFremtidsfullmakt;
  if (!entries) return document;
  const named = entries.map((entry) => {
    const name = unnamed(entry.verge) ? names.get(entry.verge.foedselsEllerDNummer as string) : undefined;
    return name ? { ...entry, verge: { ...entry.verge, navnFoedselsdato: name } } : entry;
  });
  return { ...document, vergemaalEllerFremtidsfullmakt: named };
}

function unnamed(verge: Verge): boolean {
  return verge.foedselsEllerDNummer !== undefined && verge.navnFoedselsdato === undefined;
}
