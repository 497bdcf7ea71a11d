import { ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/** Protocols a port forwarding may name (neutron-lib's IPTABLES_PROTOCOL_MAP keys). */
export const PORT_FORWARDING_PROTOCOLS = ['dccp', 'icmp', 'ipv6-icmp', 'sctp', 'tcp', 'udp'] as const;

/**
 * `/v2.0/floatingips/{floatingip_id}/port_forwardings`: a sub-resource of
 * floating IPs, so not among any extension's top-level `resources`; the API
 * serves it with its own routes (wire name `port_forwarding`) and core
 * through the generic engine under its policy name. Attributes of all three
 * aliases (floating-ip-port-forwarding, -port-ranges, -description).
 * Behaviour lives in core/floating-ip/port-forwarding-hooks.ts.
 */
export const portForwardingResource = defineResource({
  name: 'floatingip_port_forwarding',
  collection: 'port_forwardings',
  path: 'port_forwardings',
  table: 'port_forwardings',
  standardAttributes: false,
  bulk: false,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  attributes: {
    id: ID,
    // The floating IP's project, filled by the hooks (the parent's owner decides; never shown).
    tenant_id: { allowPost: true, allowPut: false, visible: false, column: 'project_id', validate: v.stringValidator(255) },
    project_id: { allowPost: true, allowPut: false, visible: false, column: 'project_id', validate: v.stringValidator(255) },
    floatingip_id: { allowPost: false, allowPut: false, visible: false },
    protocol: { allowPost: true, allowPut: true, required: true, convert: v.toSgProtocol, validate: v.values(PORT_FORWARDING_PROTOCOLS), filter: true, sort: true },
    internal_port_id: { allowPost: true, allowPut: true, required: true, validate: v.uuid, filter: true, sort: true },
    internal_ip_address: { allowPost: true, allowPut: true, validate: v.ipAddress, filter: true },
    external_port: { allowPost: true, allowPut: true, default: null, convert: v.toIntOrNone, validate: v.rangeOrNone(1, 65535), filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
    internal_port: { allowPost: true, allowPut: true, default: null, convert: v.toIntOrNone, validate: v.rangeOrNone(1, 65535), storage: 'integer' },
    external_port_range: { allowPost: true, allowPut: true, default: null, validate: v.portRangeOrNone(1, 65535), filter: true, sort: true },
    internal_port_range: { allowPost: true, allowPut: true, default: null, validate: v.portRangeOrNone(1, 65535) },
    description: { allowPost: true, allowPut: true, default: '', validate: v.stringValidator(255), filter: true },
  },
});

export const floatingIpPortForwarding = defineExtension({
  alias: 'floating-ip-port-forwarding', name: 'Floating IP Port Forwarding', updated: '2018-01-19T10:00:00-00:00',
  description: 'Allow port forwarding from floating IP port to an internal port',
  requires: ['router'],
});

export const floatingIpPortForwardingPortRanges = defineExtension({
  alias: 'floating-ip-port-forwarding-port-ranges', name: 'Floating IP Port Forwarding support port ranges', updated: '2020-07-01T10:00:00-00:00',
  description: 'Add support to port ranges',
  requires: ['floating-ip-port-forwarding'],
});

export const floatingIpPortForwardingDescription = defineExtension({
  alias: 'floating-ip-port-forwarding-description', name: 'Floating IP Port Forwarding new attribute description', updated: '2019-11-01T10:00:00-00:00',
  description: 'Add a description field to Port Forwarding rules',
  requires: ['floating-ip-port-forwarding'],
});

/** port_forwardings on floating IPs (with id and internal_port_id: floating-ip-port-forwarding-detail). */
export const exposePortForwardingInFip = defineExtension({
  alias: 'expose-port-forwarding-in-fip', name: 'Expose Floating IP port forwardings', updated: '2018-06-28T16:00:00-00:00',
  description: 'Expose port forwarding fields in floating IP response',
  requires: ['router', 'floating-ip-port-forwarding'],
  attributes: { floatingips: { port_forwardings: { allowPost: false, allowPut: false, storage: 'none' } } },
});

export const floatingIpPortForwardingDetail = defineExtension({
  alias: 'floating-ip-port-forwarding-detail', name: 'Floating IP port forwarding detail', updated: '2022-05-06T10:00:00-00:00',
  description: 'Allow list floating ip return more port forwarding data, include id and internal_port_id',
});
