/**
 * Test-time reading of FREG's XSDs (specs/freg/kontrakter in the shared reference, never copied into the
 * repository) and validation with xmllint, for test/register-xml.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath } from '../../model/test/reference.js';

export const PERSON_XSD = 'PersondokumentMedHistorikk_v1BETA2.xsd';
export const EVENT_XSD = 'Hendelsedokument_v1.4.xsd';

export function xsdText(file: string): string {
  return readFileSync(sharedPath('reference', 'specs', 'freg', 'kontrakter', file), 'utf8');
}

/** Content model of a complex type: elements in sequences and choices. */
export type Particle =
  | { kind: 'element'; name: string; type: string | undefined }
  | { kind: 'sequence' | 'choice'; items: Particle[] };

interface Node {
  tag: string;
  attributes: Record<string, string>;
  children: Node[];
}

/** The XSD's tags as a tree, annotations left out (their documentation holds example tags). */
function tree(text: string): Node {
  const root: Node = { tag: 'document', attributes: {}, children: [] };
  const stack = [root];
  let skipping = 0;
  for (const [, closing, tag = '', rest = '', selfClosing] of text.matchAll(/<(\/)?xsd:(\w+)([^>]*?)(\/)?>/g)) {
    if (tag === 'annotation' && !selfClosing) skipping += closing ? -1 : 1;
    if (skipping > 0 || tag === 'annotation') continue;
    if (closing) {
      stack.pop();
      continue;
    }
    const attributes = Object.fromEntries([...rest.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)].map(([, k = '', v = '']) => [k, v]));
    const node: Node = { tag, attributes, children: [] };
    (stack.at(-1) as Node).children.push(node);
    if (!selfClosing) stack.push(node);
  }
  return root;
}

/** Complex type name → content model (an extension's base content first), as the XSD declares it. */
export function complexTypes(text: string): Map<string, Particle> {
  const schema = tree(text).children.find((node) => node.tag === 'schema');
  const declared = new Map((schema?.children ?? []).filter((n) => n.tag === 'complexType').map((n) => [n.attributes.name ?? '', n]));
  const particle = (node: Node): Particle[] => {
    switch (node.tag) {
      case 'element': {
        const type = node.attributes.type;
        return [{ kind: 'element', name: node.attributes.name ?? '', type: type && declared.has(type) ? type : undefined }];
      }
      case 'sequence':
      case 'choice':
        return [{ kind: node.tag, items: node.children.flatMap(particle) }];
      case 'complexContent':
        return node.children.flatMap(particle);
      case 'extension':
        return [{ kind: 'sequence', items: [content(node.attributes.base ?? ''), ...node.children.flatMap(particle)] }];
      default:
        return [];
    }
  };
  const content = (name: string): Particle => {
    const node = declared.get(name);
    if (!node) throw new Error(`no complex type ${name}`);
    return { kind: 'sequence', items: node.children.flatMap(particle) };
  };
  return new Map([...declared.keys()].map((name) => [name, content(name)]));
}

/** Every element of a content model, in declaration order. */
export function elements(particle: Particle): { name: string; type: string | undefined }[] {
  return particle.kind === 'element' ? [particle] : particle.items.flatMap(elements);
}

/** Departures from an XSD that Folkeport's XML makes on purpose (docs/register-xml.md). */
export interface XsdExtension {
  /** Type → elements appended, optional and of any content, at the end of the type's sequence. */
  extras?: Map<string, string[]>;
  /** Type → elements made optional. */
  optional?: Map<string, string[]>;
  /** Simple type → code values added. */
  enumerations?: Map<string, string[]>;
}

function typeSpan(text: string, kind: 'complexType' | 'simpleType', name: string): [number, number] {
  const start = text.indexOf(`<xsd:${kind} name="${name}"`);
  if (start < 0) throw new Error(`no ${kind} ${name}`);
  return [start, text.indexOf(`</xsd:${kind}>`, start)];
}

/** The XSD with the extension applied. */
export function extendedXsd(text: string, extension: XsdExtension): string {
  let out = text;
  const edit = (kind: 'complexType' | 'simpleType', name: string, change: (body: string) => string) => {
    const [start, end] = typeSpan(out, kind, name);
    out = out.slice(0, start) + change(out.slice(start, end)) + out.slice(end);
  };
  for (const [type, names] of extension.extras ?? []) {
    const declarations = names.map((name) => `<xsd:element name="${name}" type="xsd:anyType" minOccurs="0" maxOccurs="unbounded"/>`);
    edit('complexType', type, (body) => {
      const close = body.lastIndexOf('</xsd:sequence>');
      return body.slice(0, close) + declarations.join('') + body.slice(close);
    });
  }
  for (const [type, names] of extension.optional ?? []) {
    edit('complexType', type, (body) =>
      names.reduce((b, name) => b.replace(new RegExp(`(<xsd:element name="${name}" [^>]*?)\\s*/>`), '$1 minOccurs="0"/>'), body),
    );
  }
  for (const [type, values] of extension.enumerations ?? []) {
    const enumerations = values.map((value) => `<xsd:enumeration value="${value}"/>`).join('');
    edit('simpleType', type, (body) => body.replace('</xsd:restriction>', `${enumerations}</xsd:restriction>`));
  }
  return out;
}

export const XMLLINT = spawnSync('xmllint', ['--version']).status === 0;

/**
 * Validates each XML document (with or without its XML declaration) against the schema with one run of
 * `xmllint --schema`: the documents go one per line into a wrapper element whose schema takes any global
 * element of the schema's namespace, strictly validated. Returns xmllint's messages, each led by the label of
 * the document it concerns.
 */
export function validate(schema: string, documents: { label: string; xml: string }[]): string[] {
  const namespace = /targetNamespace="([^"]*)"/.exec(schema)?.[1];
  const dir = mkdtempSync(join(tmpdir(), 'folkeport-xml-'));
  try {
    writeFileSync(join(dir, 'schema.xsd'), schema);
    writeFileSync(
      join(dir, 'documents.xsd'),
      `<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:folkeport:test" elementFormDefault="qualified">
<xsd:import namespace="${namespace}" schemaLocation="schema.xsd"/>
<xsd:element name="documents"><xsd:complexType><xsd:sequence>
<xsd:any namespace="${namespace}" processContents="strict" minOccurs="0" maxOccurs="unbounded"/>
</xsd:sequence></xsd:complexType></xsd:element>
</xsd:schema>`,
    );
    // Document i is on line i + 2.
    const lines = documents.map(({ xml }) => xml.replace(/^<\?xml[^>]*\?>/, '').replaceAll('\n', '&#10;'));
    writeFileSync(join(dir, 'documents.xml'), `<documents xmlns="urn:folkeport:test">\n${lines.join('\n')}\n</documents>\n`);
    const result = spawnSync('xmllint', ['--noout', '--schema', join(dir, 'documents.xsd'), join(dir, 'documents.xml')], { encoding: 'utf8' });
    return result.stderr
      .split('\n')
      .filter((line) => line !== '' && !/documents\.xml (validates|fails to validate)$/.test(line))
      .map((line) => line.replace(/^.*?documents\.xml:(\d+):/, (_, n: string) => `${documents[Number(n) - 2]?.label ?? `line ${n}`}:`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The string value of the first element with this local name, as an XML parser reads it. */
export function textOf(xml: string, localName: string): string {
  const text = execFileSync('xmllint', ['--xpath', `string(//*[local-name()="${localName}"])`, '-'], { input: xml, encoding: 'utf8' });
  return text.slice(0, -1); // xmllint ends its output with a newline
}
