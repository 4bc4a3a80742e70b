/**
 * The upstream call: one FREG request under the role's rettighetspakke (`{base}{pathPrefix}{FREG path}`), with a
 * Maskinporten token for the role's municipality (`consumer_org`, delegated to the gateway operator; cached by
 * the MaskinportenClient until shortly before it expires), over keep-alive connections. Only the headers FREG
 * reads go up (Accept, Content-Type, If-None-Match) and only those a client needs come back (Content-Type, ETag,
 * Retry-After, Vary, Cache-Control, Last-Modified). Every call ends within the connect and response time-outs:
 * no answer becomes 504, a connection failure 502.
 */
import http from 'node:http';
import https from 'node:https';
import { MaskinportenError, type MaskinportenClient } from '@folkeport/client';
import type { RightsPackage } from '@folkeport/model';
import { ProxyError } from './proxy-error.js';

export interface UpstreamTimeouts {
  /** Until the TCP (and TLS) connection is up; default 2 000 ms. */
  connectMs: number;
  /** From sending the request until the whole answer is read; default 30 000 ms (FREG's SLA for bulk is 10 s). */
  responseMs: number;
}

export const DEFAULT_UPSTREAM_TIMEOUTS: UpstreamTimeouts = { connectMs: 2_000, responseMs: 30_000 };

export interface UpstreamOptions {
  /** Where the FREG API lives: Folkeport's register or the real FREG, e.g. `https://folkeregisteret.api.skatteetaten.no`. */
  baseUrl: string;
  maskinporten: Pick<MaskinportenClient, 'getToken'>;
  timeouts?: Partial<UpstreamTimeouts>;
  /** Connections kept per upstream host; default 256. */
  maxSockets?: number;
  /** Largest upstream answer read; default 256 MiB. */
  maxBodyBytes?: number;
}

export interface UpstreamCall {
  method: 'GET' | 'HEAD' | 'POST';
  pkg: RightsPackage;
  /** The municipality the token is for. */
  consumerOrg: string;
  /** After the package prefix, from `/`. */
  fregPath: string;
  /** Raw, without `?`. */
  query: string;
  accept?: string | undefined;
  contentType?: string | undefined;
  ifNoneMatch?: string | undefined;
  body?: Buffer | undefined;
  /** Sending twice does no harm (not an uttrekk order): may be retried once on a stale keep-alive connection. */
  repeatable: boolean;
}

export interface UpstreamAnswer {
  status: number;
  /** The pass-through headers present in the answer, lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface Upstream {
  call(request: UpstreamCall): Promise<UpstreamAnswer>;
  close(): void;
}

const PASSED_BACK = ['content-type', 'etag', 'retry-after', 'vary', 'cache-control', 'last-modified'] as const;
const MASKINPORTEN_REFUSALS_OF_ACCESS = new Set(['MP-250', 'MP-251']);

class TimedOut extends Error {
  constructor(readonly phase: 'connect' | 'response') {
    super(phase);
  }
}

export function createUpstream(options: UpstreamOptions): Upstream {
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`upstream base URL must be http(s): ${options.baseUrl}`);
  const basePath = base.pathname.replace(/\/+$/, '');
  const timeouts = { ...DEFAULT_UPSTREAM_TIMEOUTS, ...options.timeouts };
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024 * 1024;
  const lib = base.protocol === 'https:' ? https : http;
  const agent = new lib.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 });

  async function token(pkg: RightsPackage, consumerOrg: string): Promise<string> {
    try {
      return (await options.maskinporten.getToken({ scopes: [pkg.scope], consumerOrg })).accessToken;
    } catch (error) {
      if (!(error instanceof MaskinportenError)) throw error;
      if (error.code !== undefined && MASKINPORTEN_REFUSALS_OF_ACCESS.has(error.code)) {
        throw new ProxyError(
          403,
          'DELEGERING_MANGLER',
          `Organisasjonen ${consumerOrg} har ikke gitt gatewayen tilgang til rettighetspakken «${pkg.name}» ` +
            `(Maskinporten ${error.code}: ${error.errorDescription ?? error.message}).`,
        );
      }
      throw new ProxyError(
        502,
        error.retryable ? 'MASKINPORTEN_UTILGJENGELIG' : 'MASKINPORTEN_AVVISTE',
        `Gatewayen fikk ikke token fra Maskinporten for organisasjonen ${consumerOrg}: ${error.message}`,
      );
    }
  }

  function send(call: UpstreamCall, path: string, bearer: string): Promise<UpstreamAnswer & { reused: boolean }> {
    const headers: Record<string, string> = { authorization: `Bearer ${bearer}`, 'user-agent': 'folkeport-gateway' };
    if (call.accept !== undefined) headers.accept = call.accept;
    if (call.contentType !== undefined) headers['content-type'] = call.contentType;
    if (call.ifNoneMatch !== undefined) headers['if-none-match'] = call.ifNoneMatch;
    if (call.body !== undefined) headers['content-length'] = String(call.body.length);
    return new Promise((resolve, reject) => {
      const request = lib.request({ protocol: base.protocol, hostname: base.hostname, port: base.port, path, method: call.method, headers, agent });
      const responseTimer = setTimeout(() => request.destroy(new TimedOut('response')), timeouts.responseMs);
      let settled = false;
      const finish = (error: Error | undefined, answer?: UpstreamAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(responseTimer);
        if (error) reject(Object.assign(error, { reused: request.reusedSocket }));
        else resolve({ ...(answer as UpstreamAnswer), reused: request.reusedSocket });
      };
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) request.destroy(new Error(`the answer is larger than ${maxBodyBytes} bytes`));
          else chunks.push(chunk);
        });
        response.on('error', (error) => finish(error));
        response.on('close', () => {
          if (!response.complete) finish(new Error('the answer was cut off'));
        });
        response.on('end', () => {
          const passed: Record<string, string> = {};
          for (const name of PASSED_BACK) {
            const value = response.headers[name];
            if (typeof value === 'string') passed[name] = value;
          }
          finish(undefined, { status: response.statusCode ?? 502, headers: passed, body: Buffer.concat(chunks) });
        });
      });
      request.on('socket', (socket) => {
        if (!socket.connecting) return;
        const connectTimer = setTimeout(() => request.destroy(new TimedOut('connect')), timeouts.connectMs);
        socket.once(base.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
        socket.once('close', () => clearTimeout(connectTimer));
      });
      request.on('error', (error) => finish(error));
      request.end(call.body);
    });
  }

  return {
    async call(call) {
      const bearer = await token(call.pkg, call.consumerOrg);
      const path = `${basePath}${call.pkg.pathPrefix}${call.fregPath}${call.query === '' ? '' : `?${call.query}`}`;
      try {
        try {
          return await send(call, path, bearer);
        } catch (error) {
          // A kept-alive connection the server closed meanwhile: the request never got there; once more on a new one.
          const stale = (error as { reused?: boolean; code?: string }).reused === true && (error as { code?: string }).code === 'ECONNRESET';
          if (!stale || !call.repeatable) throw error;
          return await send(call, path, bearer);
        }
      } catch (error) {
        throw upstreamFailure(error, timeouts);
      }
    },
    close: () => agent.destroy(),
  };
}

function upstreamFailure(error: unknown, timeouts: UpstreamTimeouts): ProxyError {
  if (error instanceof TimedOut) {
    return error.phase === 'connect'
      ? new ProxyError(504, 'FOLKEREGISTERET_SVARER_IKKE', `Fikk ikke forbindelse med folkeregisteret innen ${timeouts.connectMs} ms.`)
      : new ProxyError(504, 'FOLKEREGISTERET_SVARER_IKKE', `Folkeregisteret svarte ikke innen ${timeouts.responseMs} ms.`);
  }
  const code = (error as { code?: unknown }).code;
  const detail = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  return new ProxyError(502, 'FOLKEREGISTERET_UTILGJENGELIG', `Kunne ikke hente svar fra folkeregisteret (${detail}).`);
}
