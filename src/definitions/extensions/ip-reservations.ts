import { COMPUTED, ID, NAME, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/** Stored for the IPAM bookkeeping, never shown: range bounds as 32-char hex (sortable in SQL). */
const HIDDEN_KEY = { allowPost: false, allowPut: false, visible: false } as const;

/**
 * IP reservations (muon's own, issue "Service-provider-grade IPAM"): one
 * address, a range or a prefix of a subnet's allocation pools held for a
 * project and a purpose, without a port, optionally until `expires_at`.
 * Created with exactly one of `ip_address`, `cidr`, or `start_ip_address`
 * (with `end_ip_address` for a range). Automatic allocation never hands the
 * addresses out; a port of the reservation's project gets one by asking for
 * it in fixed_ips. Only the name, description, purpose and expiry change.
 */
export const ipReservationResource = defineResource({
  name: 'ip_reservation',
  collection: 'ip_reservations',
  path: 'ip-reservations',
  table: 'ip_reservations',
  standardAttributes: true,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  attributes: {
    id: ID,
    name: NAME,
    tenant_id: TENANT_ID,
    subnet_id: { allowPost: true, allowPut: false, required: true, filter: true, sort: true, validate: v.uuid },
    ip_version: { allowPost: false, allowPut: false, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
    ip_address: { allowPost: true, allowPut: false, visible: false, storage: 'none', convert: v.toCanonicalIp, validate: v.ipAddress },
    cidr: { allowPost: true, allowPut: false, filter: true, convert: v.toCanonicalCidr, validate: v.subnetCidrOrNone },
    start_ip_address: { allowPost: true, allowPut: false, filter: true, convert: v.toCanonicalIp, validate: v.ipAddress },
    end_ip_address: { allowPost: true, allowPut: false, filter: true, convert: v.toCanonicalIp, validate: v.ipAddress },
    purpose: { allowPost: true, allowPut: true, default: '', filter: true, sort: true, validate: v.stringValidator(255) },
    expires_at: { allowPost: true, allowPut: true, default: null, sort: true, convert: v.toTimestampOrNone },
    total_ips: COMPUTED,
    used_ips: COMPUTED,
    first_hex: HIDDEN_KEY,
    last_hex: HIDDEN_KEY,
  },
});

export const ipReservations = defineExtension({
  alias: 'ip-reservations', name: 'IP reservations', updated: '2026-11-22T00:00:00-00:00',
  description: 'Hold an address, a range or a prefix of a subnet for a project and a purpose, without a port, with an optional expiry.',
  resources: [ipReservationResource],
});
