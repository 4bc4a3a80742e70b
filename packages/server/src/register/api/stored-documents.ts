/**
 * Stored person documents (JSON text) parsed, checked against the package's population, given verge names
 * and projected for one package: the CPU-heavy part of a bulk lookup, pure so it can run in a worker thread
 * (projection-threads.ts).
 */
import { packageById, type Folkeregisterperson, type NavnFoedselsdato, type PackageId, type RightsPackage } from '@folkeport/model';
import { packageCovers, projectPerson } from './projection.js';
import { withVergeNames } from './verge-names.js';

export interface ProjectionTask {
  packageId: PackageId;
  /** Valid `part` values (resolveProjection accepted them). */
  parts: readonly string[];
  /** Stored documents, JSON. */
  documents: readonly string[];
  /** Names of verges given by number only, by number (empty for packages that deliver the number). */
  vergeNames: readonly (readonly [string, NavnFoedselsdato])[];
}

/** A document as the package sees it, as JSON, with the elements it holds. */
export interface ProjectedDocument {
  json: string;
  elements: string[];
}

/** The stored document, unless the package does not cover the person (BRSV: Svalbard persons only). */
export function coveredDocument(pkg: RightsPackage, stored: string): Folkeregisterperson | undefined {
  const document = JSON.parse(stored) as Folkeregisterperson;
  return packageCovers(pkg, document) ? document : undefined;
}

/** Per document, in order: the projected document, or null where the package does not cover the person. */
export function projectStoredDocuments(task: ProjectionTask): (ProjectedDocument | null)[] {
  const pkg = packageById(task.packageId);
  const names = new Map(task.vergeNames);
  return task.documents.map((text) => {
    const document = coveredDocument(pkg, text);
    if (!document) return null;
    const named = names.size > 0 ? withVergeNames(document, names) : document;
    const { document: minimised, elements } = projectPerson(named, pkg, task.parts);
    return { json: JSON.stringify(minimised), elements };
  });
}
