// The gateway against a scripted upstream that counts what reaches it: path safety, what goes up and what comes
// back (status, FREG error bodies, Retry-After, ETag), minimisation of an upstream that delivers too much, and
// time-outs and failures as clear 502/504 answers.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { describeGateway, OPERATOR_ORG, type GatewayWorld, type Json } from './gateway-proxy-fixture.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Script = (request: Seen, response: http.ServerResponse) => void;

/** An HTTP server that records every request and answers as the current script says. */
async function scriptedUpstream() {
  const seen: Seen[] = [];
  let script: Script = (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      seen.push(entry);
      script(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  return {
    url,
    seen,
    play(next: Script) {
      script = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const PERSON = '01928374650';
const OMH_PREFIX = '/folkeregisteret/offentlig-med-hjemmel/api/v1';

describeGateway('gateway proxy: against a scripted upstream', (world) => {
  let upstream: Awaited<ReturnType<typeof scriptedUpstream>>;
  let base: string;
  before(async () => {
    upstream = await scriptedUpstream();
    base = (await world().startGateway({ upstream: { baseUrl: upstream.url, maskinporten: world().operator }, timeouts: { connectMs: 500, responseMs: 500 } })).url;
  });
  after(async () => upstream.close());

  const call = (w: GatewayWorld, method: string, path: string, options: Parameters<GatewayWorld['call']>[2] = {}) =>
    w.call(method, path, options, base);
  const proxied = (w: GatewayWorld, roleId: string, rest: string) => `/folkeregister/api/v1/${roleId}/v1/${rest}`;

  test('encoded slashes, dot segments, a non-UUID role id and paths outside the FREG resources never reach upstream', async () => {
    const w = world();
    const role = w.roles.full.id;
    const before = upstream.seen.length;
    const attempts: [string, string, number][] = [
      ['GET', proxied(w, role, `personer%2F${PERSON}`), 400],
      ['GET', proxied(w, role, `personer/..%2F..%2F..%2Fapi%2Fprivat%2Fv1%2Fpersoner%2F${PERSON}`), 400],
      ['GET', proxied(w, role, `personer/../../../api/privat/v1/personer/${PERSON}`), 400],
      ['GET', `/folkeregister/api/v1/${role}/v1/../../../../innsyn/${PERSON}`, 400],
      ['GET', proxied(w, role, `personer/%2e%2e/${PERSON}`), 400],
      ['GET', proxied(w, role, `personer//${PERSON}`), 400],
      ['GET', `/folkeregister/api/v1/rolle-uten-uuid/v1/personer/${PERSON}`, 404],
      ['GET', `/folkeregister/api/v1/${role}%2F..%2F/v1/personer/${PERSON}`, 404],
      ['GET', proxied(w, role, 'innsyn/personer'), 404],
      ['GET', proxied(w, role, 'personer'), 404],
      ['GET', `/folkeregister/api/v1/${role}/v2/personer/${PERSON}`, 404],
      ['GET', `/folkeregister/api/v1/${role}/health`, 404],
      ['DELETE', proxied(w, role, `personer/${PERSON}`), 404],
      ['POST', proxied(w, role, `personer/${PERSON}`), 405],
    ];
    for (const [method, path, status] of attempts) {
      const answer = await call(w, method, path);
      assert.equal(answer.status, status, `${method} ${path}: ${answer.body}`);
      assert.equal(typeof answer.json().errorId, 'string', 'a Fiks error body');
    }
    assert.equal(upstream.seen.length, before, 'nothing reached the upstream');
    const control = await call(w, 'GET', proxied(w, role, `personer/${PERSON}`));
    assert.equal(control.status, 200, control.body);
    assert.equal(upstream.seen.length, before + 1, 'the control request did');
  });

  test('what goes up: the role\'s package path, the query without the reveal parameter, a token for the municipality, no integration secrets', async () => {
    const w = world();
    await call(w, 'GET', proxied(w, w.roles.full.id, `personer/${PERSON}?part=navn&visHemmeligeAdresser=true&part=historikk`));
    const sent = upstream.seen.at(-1) as Seen;
    assert.equal(sent.url, `${OMH_PREFIX}/personer/${PERSON}?part=navn&part=historikk`);
    assert.equal(sent.headers.integrasjonid, undefined);
    assert.equal(sent.headers.integrasjonpassord, undefined);
    assert.equal(sent.headers.vishemmeligeadresser, undefined);
    assert.equal(sent.headers.accept, 'application/json');
    const token = await w.verifier.verify(sent.headers.authorization);
    assert.equal(token.consumerOrg, w.organisations.oslo.orgnr, 'consumer: the role\'s municipality');
    assert.equal(token.supplierOrg, OPERATOR_ORG, 'supplier: the gateway operator');
    assert.deepEqual(token.scopes, ['folkeregister:deling/offentligmedhjemmel']);

    await call(w, 'GET', proxied(w, w.roles.uten.id, `personer/${PERSON}`));
    assert.equal((upstream.seen.at(-1) as Seen).url, `/folkeregisteret/api/offentligutenhjemmel/v1/personer/${PERSON}`);

    const body = `{"foedselsEllerDNummer":["${PERSON}"]}`;
    await call(w, 'POST', proxied(w, w.roles.full.id, 'personer/bulkoppslag?somBestilt=true'), { body });
    const bulk = upstream.seen.at(-1) as Seen;
    assert.equal(bulk.method, 'POST');
    assert.equal(bulk.body, body, 'the body as sent');
    assert.equal(bulk.headers['content-type'], 'application/json');
  });

  test('what comes back: status, FREG error body, Retry-After, ETag and 304 unchanged', async () => {
    const w = world();
    const freg429 = '{"kode":"FREG-429","melding":"For mange forespørsler."}';
    upstream.play((_request, response) => response.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1500', 'x-internal': 'secret' }).end(freg429));
    const limited = await call(w, 'GET', proxied(w, w.roles.full.id, `personer/${PERSON}`));
    assert.equal(limited.status, 429);
    assert.equal(limited.body, freg429);
    assert.equal(limited.headers['retry-after'], '1500');
    assert.equal(limited.headers['x-internal'], undefined);

    upstream.play((request, response) => {
      if (request.headers['if-none-match'] === 'W/"abc"') response.writeHead(304, { etag: 'W/"abc"' }).end();
      else response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', etag: 'W/"abc"' }).end('[]');
    });
    const page = await call(w, 'GET', proxied(w, w.roles.full.id, 'hendelser/feed?seq=1'));
    assert.equal(page.status, 200);
    assert.equal(page.headers.etag, 'W/"abc"');
    const unchanged = await call(w, 'GET', proxied(w, w.roles.full.id, 'hendelser/feed?seq=1'), { headers: { 'if-none-match': 'W/"abc"' } });
    assert.equal(unchanged.status, 304);
  });

  test('an upstream that delivers too much is minimised anyway (defence in depth)', async () => {
    const w = world();
    const document = {
      identifikasjonsnummer: [{ erGjeldende: true, foedselsEllerDNummer: PERSON }],
      navn: [{ erGjeldende: true, fornavn: 'Kari', etternavn: 'Nordmann' }, { erGjeldende: false, fornavn: 'Kari', etternavn: 'Hansen' }],
      sivilstand: [{ erGjeldende: true, sivilstand: 'gift', relatertVedSivilstand: '01928374651' }],
      bostedsadresse: [{ erGjeldende: true, adressegradering: 'strengtFortrolig', vegadresse: { adressenavn: 'Skjult vei' } }],
      postadresse: [{ erGjeldende: true, adressegradering: 'ugradert', postadresseIFrittFormat: { adresselinje: ['Postboks 1'] } }],
    };
    upstream.play((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document)));
    const answer = await call(w, 'GET', proxied(w, w.roles.narrow.id, `personer/${PERSON}?part=navn`));
    assert.equal(answer.status, 200, answer.body);
    assert.deepEqual(answer.json(), {
      identifikasjonsnummer: document.identifikasjonsnummer,
      navn: [document.navn[0]],
      postadresse: document.postadresse,
    });

    upstream.play((_request, response) => response.writeHead(200, { 'content-type': 'application/xml' }).end('<folkeregisterperson/>'));
    const unreadable = await call(w, 'GET', proxied(w, w.roles.full.id, `personer/${PERSON}`));
    assert.equal(unreadable.status, 502, unreadable.body);
    assert.equal(unreadable.json().errorCode, 'UGYLDIG_SVAR_FRA_FOLKEREGISTERET');
  });

  test('an upstream that does not answer is a 504 within the time-out; one that cannot be reached a 502', async () => {
    const w = world();
    upstream.play(() => undefined);
    const started = Date.now();
    const slow = await call(w, 'GET', proxied(w, w.roles.full.id, `personer/${PERSON}`));
    assert.equal(slow.status, 504, slow.body);
    const body: Json = slow.json();
    assert.equal(body.errorCode, 'FOLKEREGISTERET_SVARER_IKKE');
    assert.ok(Date.now() - started < 3_000);

    const closed = await upstream.close().then(() => upstream.url);
    const gone = await w.startGateway({ upstream: { baseUrl: closed, maskinporten: w.operator } });
    const refused = await w.call('GET', proxied(w, w.roles.full.id, `personer/${PERSON}`), {}, gone.url);
    assert.equal(refused.status, 502, refused.body);
    assert.equal(refused.json().errorCode, 'FOLKEREGISTERET_UTILGJENGELIG');
    upstream = await scriptedUpstream(); // for after()
  });
});
