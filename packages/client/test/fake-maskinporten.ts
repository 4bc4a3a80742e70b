// A token endpoint on 127.0.0.1 that checks grants the way Maskinporten does (maskinporten.md §2, §3, §8) and
// answers as a test tells it to. Grants that break a rule get a 400, so a client mistake fails the test.
import { X509Certificate, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';

export const CLIENT_ID = 'folkeport-test-client';

const ALLOWED_CLAIMS = new Set([
  'aud',
  'iss',
  'iat',
  'exp',
  'jti',
  'scope',
  'resource',
  'pid',
  'consumer_org',
  'iss_onbehalfof',
  'authorization_details',
]);

export interface ReceivedGrant {
  header: ProtectedHeaderParameters;
  claims: JWTPayload;
}

export type Reply = { status: number; json?: unknown; text?: string } | 'hang';

export interface FakeMaskinportenOptions {
  /** Public keys of registered kids. Grants with x5c are checked against their leaf certificate. */
  keys?: Record<string, KeyObject>;
  /** The grant's required aud; default the server's own base URL. */
  issuer?: string;
  /** The issuer the metadata document names; default `issuer`. */
  metadataIssuer?: string;
  tokenPath?: string;
  /** The answer to the n-th token request (0-based); default a Bearer token valid for 120 s. */
  reply?: (grant: ReceivedGrant, n: number) => Reply;
  /** The server's clock (ms); iat must be within 10 s of it. */
  clock?: () => number;
}

export interface FakeMaskinporten {
  /** `http://127.0.0.1:<port>/` */
  base: string;
  issuer: string;
  tokenEndpoint: string;
  /** Every token request that arrived, valid or not. */
  tokenRequests: number;
  metadataRequests: number;
  /** The grants that passed every check, in order. */
  grants: ReceivedGrant[];
  close(): Promise<void>;
}

export async function startFakeMaskinporten(options: FakeMaskinportenOptions = {}): Promise<FakeMaskinporten> {
  const tokenPath = options.tokenPath ?? '/token';
  const clock = options.clock ?? Date.now;
  const seenJti = new Set<string>();
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const issuer = options.issuer ?? base;
  const fake: FakeMaskinporten = {
    base,
    issuer,
    tokenEndpoint: new URL(tokenPath, base).href,
    tokenRequests: 0,
    metadataRequests: 0,
    grants: [],
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET' && request.url === '/.well-known/oauth-authorization-server') {
      fake.metadataRequests++;
      return json(response, 200, {
        issuer: options.metadataIssuer ?? issuer,
        token_endpoint: fake.tokenEndpoint,
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        grant_types_supported: ['urn:ietf:params:oauth:grant-type:jwt-bearer'],
      });
    }
    if (request.method !== 'POST' || request.url !== tokenPath) return json(response, 404, { error: 'not_found' });
    const n = fake.tokenRequests++;
    const body = await readBody(request);
    let grant: ReceivedGrant;
    try {
      grant = await checkGrant(request.headers['content-type'], body);
    } catch (error) {
      return json(response, 400, { error: 'invalid_grant', error_description: (error as Error).message });
    }
    fake.grants.push(grant);
    const reply = options.reply?.(grant, n) ?? {
      status: 200,
      json: { access_token: `token-${n}`, token_type: 'Bearer', expires_in: 120, scope: grant.claims.scope },
    };
    if (reply === 'hang') return;
    if (reply.text !== undefined) response.writeHead(reply.status, { 'content-type': 'text/html' }).end(reply.text);
    else json(response, reply.status, reply.json);
  }

  async function checkGrant(contentType: string | undefined, body: string): Promise<ReceivedGrant> {
    if (contentType !== 'application/x-www-form-urlencoded') throw new Error(`content-type ${contentType}`);
    const form = new URLSearchParams(body);
    if ([...form.keys()].sort().join() !== 'assertion,grant_type') throw new Error(`form fields ${[...form.keys()]}`);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') throw new Error('grant_type');
    const assertion = form.get('assertion')!;
    const header = decodeProtectedHeader(assertion);
    const headerFields = Object.keys(header).sort().join();
    let key: KeyObject | undefined;
    if (headerFields === 'alg,kid') key = options.keys?.[header.kid!];
    else if (headerFields === 'alg,x5c' && Array.isArray(header.x5c) && header.x5c.length > 0) {
      key = new X509Certificate(Buffer.from(header.x5c[0]!, 'base64')).publicKey;
    } else throw new Error(`MP-123 header fields ${headerFields}`);
    if (key === undefined) throw new Error('MP-100 unknown kid');
    const { payload: claims } = await jwtVerify(assertion, key, {
      algorithms: ['RS256', 'RS384', 'RS512'],
      audience: issuer,
      issuer: CLIENT_ID,
      currentDate: new Date(clock()),
    });
    const unknown = Object.keys(claims).filter((claim) => !ALLOWED_CLAIMS.has(claim));
    if (unknown.length > 0) throw new Error(`Invalid assertion: unknown claims ${unknown}`);
    if (typeof claims.aud !== 'string') throw new Error('MP-110 aud must be a single string');
    if (typeof claims.scope !== 'string' || claims.scope === '') throw new Error('scope missing');
    if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number') throw new Error('iat/exp missing');
    if (claims.exp - claims.iat > 120) throw new Error('MP-130 exp - iat > 120');
    if (Math.abs(claims.iat - clock() / 1000) > 10) throw new Error('Issue time is after now');
    if (typeof claims.jti !== 'string' || seenJti.has(claims.jti)) throw new Error('MP-012 Grant is used before');
    seenJti.add(claims.jti);
    return { header, claims };
  }

  return fake;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
