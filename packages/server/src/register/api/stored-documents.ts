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

/** A document as the package sees it, as UTF-8 JSON, with the elements it holds. */
export interface ProjectedDocument {
  /** A view into the buffer that holds all the task's projected documents (see projectedBuffers). */
  json: Uint8Array;
  elements: string[];
}

/** The stored document, unless the package does not cover the person (BRSV: Svalbard persons only). */
export function coveredDocument(pkg: RightsPackage, stored: string): Folkeregisterperson | undefined {
  const document = JSON.parse(stored) as Folkeregisterperson;
  return packageCovers(pkg, document) ? document : undefined;
}

/**
 * Per document, in order: the projected document, or null where the package does not cover the person. The
 * documents are encoded here, into one buffer, so the event loop only copies bytes into the answer instead of
 * joining and encoding megabytes of text (bench/RESULTS.md, "Register API").
 */
export function projectStoredDocuments(task: ProjectionTask): (ProjectedDocument | null)[] {
  const pkg = packageById(task.packageId);
  const names = new Map(task.vergeNames);
  const projected = task.documents.map((text) => {
    const document = coveredDocument(pkg, text);
    if (!document) return null;
    const named = names.size > 0 ? withVergeNames(document, names) : document;
    const { document: minimised, elements } = projectPerson(named, pkg, task.parts);
    const json = JSON.stringify(minimised);
    return { json, bytes: Buffer.byteLength(json), elements };
  });
  // A buffer of its own (not Buffer's shared pool), so it can be transferred; every byte of it is written below.
  const buffer = Buffer.allocUnsafeSlow(projected.reduce((sum, entry) => sum + (entry?.bytes ?? 0), 0));
  let offset = 0;
  return projected.map((entry) => {
    if (!entry) return null;
    const json = buffer.subarray(offset, offset + entry.bytes);
    json.write(entry.json);
    offset += entry.bytes;
    return { json, elements: entry.elements };
  });
}

/** The buffer a task's projected documents are views into, to move from a worker thread instead of copying. */
export function projectedBuffers(documents: readonly (ProjectedDocument | null)[]): ArrayBuffer[] {
  const first = documents.find((entry) => entry !== null);
  return first ? [first.json.buffer as ArrayBuffer] : [];
}
