/**
 * The feed page as Atom 1.0, in the shape of FREG's own example (consumer-api §6.1; specs/freg/examples/
 * skatteetaten-docs/hendelser-feed.atom.xml): the feed URL as id, links self/first/next, one entry per item
 * with the `lagretHendelse` in namespace `folkeregisteret:tilgjengeliggjoering:hendelse:v1` as content.
 */
import type { LagretHendelseMedDokumentIdentifikatorer } from '@folkeport/model';
import { EVENT_NAMESPACE } from '../api/xml.js';
import { XML_DECLARATION, escapeXml } from '../api/xml-writer.js';

const ENTRY_ID_PREFIX = `tag:skatteetaten.no,2017-10-10:${EVENT_NAMESPACE}:`;

export interface AtomPage {
  /** The feed's absolute URL without query, e.g. `http://host/folkeregisteret/api/privat/v1/hendelser/feed`. */
  feedUrl: string;
  /** The requested `seq`. */
  seq: bigint;
  items: readonly LagretHendelseMedDokumentIdentifikatorer[];
  /** The feed's `<updated>`: the last entry's time, or the time of the request for an empty page. */
  updated: string;
}

const HENDELSE_FIELDS = [
  'folkeregisteridentifikator',
  'hendelsetype',
  'hendelsesdokument',
  'persondokument',
  'ajourholdstidspunkt',
] as const;

function entry(item: LagretHendelseMedDokumentIdentifikatorer): string {
  const fields = HENDELSE_FIELDS.flatMap((name) => {
    const value = item.hendelse[name];
    return value === undefined ? [] : [`          <ns2:${name}>${escapeXml(value)}</ns2:${name}>`];
  });
  const updated = item.hendelse.ajourholdstidspunkt;
  return [
    `  <entry xmlns:ns2="${EVENT_NAMESPACE}">`,
    '    <title>Hendelse</title>',
    `    <id>${ENTRY_ID_PREFIX}${item.sekvensnummer}</id>`,
    ...(updated === undefined ? [] : [`    <updated>${escapeXml(updated)}</updated>`]),
    '    <content>',
    '      <ns2:lagretHendelse>',
    `        <ns2:sekvensnummer>${item.sekvensnummer}</ns2:sekvensnummer>`,
    '        <ns2:hendelse>',
    ...fields,
    '        </ns2:hendelse>',
    '      </ns2:lagretHendelse>',
    '    </content>',
    '  </entry>',
  ].join('\n');
}

/**
 * `next` points just past the page's last item (for a full page: `seq` + 1 000, as in FREG's example), or
 * back at `seq` when the page is empty, so a consumer following it never skips an item appended later.
 */
export function atomFeed(page: AtomPage): string {
  const last = page.items.at(-1)?.sekvensnummer;
  const next = last === undefined ? page.seq : BigInt(last) + 1n;
  const link = (rel: string, seq: bigint) =>
    `  <link rel="${rel}" type="application/atom+xml" href="${escapeXml(`${page.feedUrl}?seq=${seq}`)}"/>`;
  return [
    XML_DECLARATION,
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(page.feedUrl)}</id>`,
    '  <title>Offentlig hendelsesliste</title>',
    '  <author>',
    '    <name>Skatteetaten</name>',
    '  </author>',
    link('self', page.seq),
    link('first', 0n),
    link('next', next),
    `  <updated>${escapeXml(page.updated)}</updated>`,
    ...page.items.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
