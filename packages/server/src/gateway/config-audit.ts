/**
 * What the gateway writes to the shared audit log for each configuration API request it answers after
 * authenticating the credential (docs/gateway.md, "Audit of the configuration API"): who (the operator, or an
 * organisation's own credential), in whose name, which route with which ids, the answer's status and — for
 * refusals — the errorId the caller saw. Entries are `service: 'gateway'`, action `konfigurasjon`, keyed by
 * `extra.fiksOrgId` like the proxy's (gateway-audit.ts), so each organisation's log shows what was done to its
 * configuration and by whom. They name no person of the register: a grant's aktør is a parameter, not a data subject.
 */
import type { AuditEntry, JsonValue } from '../audit/audit-entry.js';

/** The credential that opened the configuration API (config-api.ts). */
export type Principal = { kind: 'operator' } | { kind: 'organisation'; fiksOrgId: string };

const CONFIG_ACTION = 'konfigurasjon';

export interface ConfigAccess {
  time: Date;
  principal: Principal;
  /** `GET`, `POST`, … */
  method: string;
  /** The route as registered, e.g. `/:fiksOrgId/roller/:rolleId`. */
  route: string;
  /** The route's parameters as given. */
  params: Readonly<Record<string, string>>;
  status: number;
  /** Whose log the entry belongs to, and that organisation's number; both undefined when the request names none. */
  organisation: { fiksOrgId: string; orgnr: string } | undefined;
  /** The errorId of a refusal's Fiks error body. */
  errorId?: string;
}

export function configAuditEntry(access: ConfigAccess): AuditEntry {
  // The route's ids under their own names (`rolleId`, `integrasjonId`, `aktor`, …), as in the proxy's entries; an
  // organisation named in the path other than the one whose log this is (a refused attempt) as `gjelderFiksOrgId`.
  const { fiksOrgId: named, ...ids } = access.params;
  const extra: Record<string, JsonValue> = { status: access.status, ...ids };
  if (access.organisation) extra.fiksOrgId = access.organisation.fiksOrgId;
  if (named !== undefined && named.toLowerCase() !== access.organisation?.fiksOrgId) extra.gjelderFiksOrgId = named;
  if (access.errorId !== undefined) extra.errorId = access.errorId;
  return {
    service: 'gateway',
    time: access.time,
    consumerOrg: access.organisation?.orgnr ?? '',
    supplierOrg: undefined,
    // No Maskinporten client opens this API: the credential's kind stands in for it.
    clientId: access.principal.kind === 'operator' ? 'operatør' : 'adminnøkkel',
    package: '',
    action: CONFIG_ACTION,
    persons: [],
    elements: [],
    detail: `${access.method} ${access.route}`,
    extra,
  };
}
