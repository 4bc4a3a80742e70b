/**
 * XML representations of the person document and the event document (reference freg-consumer-api.md §3.1,
 * §3.2): element order from the XSDs (xml-order.ts), later additions after their parent's XSD elements.
 * See docs/register-xml.md.
 */
import type { DokumentForHendelse, Folkeregisterperson, Registerdata } from '@folkeport/model';
import { EVENT_XML_ORDER, PERSON_XML_ORDER, XML_CHOICES, xmlTypes } from './xml-order.js';
import { XML_DECLARATION, xmlWriter } from './xml-writer.js';

export const PERSON_NAMESPACE = 'folkeregisteret:tilgjengeliggjoering:person:v1';
export const EVENT_NAMESPACE = 'folkeregisteret:tilgjengeliggjoering:hendelse:v1';

const writePerson = xmlWriter(xmlTypes(PERSON_XML_ORDER), XML_CHOICES);
const writeEvent = xmlWriter(xmlTypes(EVENT_XML_ORDER), XML_CHOICES);

const PERSON_OPEN = `${XML_DECLARATION}<folkeregisterperson xmlns="${PERSON_NAMESPACE}">`;
const EVENT_OPEN = `${XML_DECLARATION}<dokumentForHendelse xmlns="${EVENT_NAMESPACE}">`;

/** The person document as XML: root `folkeregisterperson` in the person namespace. */
export function personDocumentXml(document: Folkeregisterperson): string {
  return `${PERSON_OPEN}${writePerson('Folkeregisterperson', document)}</folkeregisterperson>`;
}

/** The event document as XML: root `dokumentForHendelse` in the event namespace. */
export function eventDocumentXml(document: DokumentForHendelse): string {
  const egenskapshendelse = document.hendelse.egenskapshendelse?.map(withEventNames);
  const hendelse = egenskapshendelse ? { ...document.hendelse, egenskapshendelse } : document.hendelse;
  return `${EVENT_OPEN}${writeEvent('DokumentForHendelse', { ...document, hendelse })}</dokumentForHendelse>`;
}

/** The event XSD names identitetsgrunnlag's status `legitimasjonskontroll`; the model also allows the person name. */
function withEventNames(data: Registerdata): Registerdata {
  const grunnlag = data.identitetsgrunnlag;
  if (!grunnlag || !('identitetsgrunnlagstatus' in grunnlag)) return data;
  const { identitetsgrunnlagstatus, ...rest } = grunnlag;
  return { ...data, identitetsgrunnlag: { ...rest, legitimasjonskontroll: identitetsgrunnlagstatus } };
}
