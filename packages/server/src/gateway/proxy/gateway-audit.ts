/**
 * What the gateway writes to the shared audit log for each request it answers after authenticating the
 * integration (reference fiks-folkeregister.md §6, §9.3): who (the integration, and the Maskinporten client of
 * the vendor), on behalf of which organisation, through which role and package, which persons and elements
 * were delivered, whether graded addresses were asked for, shown or removed, the answer's status and — for the
 * gateway's own refusals — the errorId the caller saw. Entries are `service: 'gateway'`; `extra.fiksOrgId`
 * keys the organisation's log (audit-log.ts `forGatewayOrganisation`).
 */
import { PERSON_ELEMENTS } from '@folkeport/model';
import type { AuditEntry, JsonValue } from '../../audit/audit-entry.js';
import type { Authenticated } from './gateway-auth.js';
import type { ProxyTarget } from './proxy-path.js';

export interface GatewayAccess {
  time: Date;
  caller: Authenticated;
  target: ProxyTarget;
  /** The status the caller got. */
  status: number;
  persons: Iterable<string>;
  elements: Iterable<string>;
  /** The request asked to see graded addresses (parameter or header). */
  revealRequested: boolean;
  gradedRemoved: number;
  gradedDelivered: number;
  /** The gateway's own refusal: the errorId and errorCode of the Fiks error body. */
  errorId?: string;
  errorCode?: string;
}

export function gatewayAuditEntry(access: GatewayAccess): AuditEntry {
  const { caller, target } = access;
  const elements = new Set(access.elements);
  const extra: Record<string, JsonValue> = {
    fiksOrgId: caller.organisation.fiksOrgId,
    rolleId: caller.role.id,
    integrasjonId: caller.integration.id,
    status: access.status,
    visHemmeligeAdresser: access.revealRequested,
  };
  if (access.gradedRemoved > 0) extra.gradertAdresseFjernet = access.gradedRemoved;
  if (access.gradedDelivered > 0) extra.gradertAdresseVist = access.gradedDelivered;
  if (access.errorId !== undefined) extra.errorId = access.errorId;
  if (access.errorCode !== undefined) extra.errorCode = access.errorCode;
  const vendor = caller.token.consumerOrg;
  return {
    service: 'gateway',
    time: access.time,
    consumerOrg: caller.organisation.orgnr,
    supplierOrg: vendor !== caller.organisation.orgnr ? vendor : undefined,
    clientId: caller.token.clientId,
    package: caller.role.pakke,
    action: target.action,
    persons: [...new Set(access.persons)],
    elements: PERSON_ELEMENTS.filter((element) => elements.has(element)),
    detail: `${target.method} ${target.route}`,
    extra,
  };
}
