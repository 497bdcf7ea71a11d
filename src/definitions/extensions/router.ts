import { booleanAttribute, ID, NAME, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/** Keys of external_gateway_info the `router` alias knows (ext-gw-mode adds enable_snat). */
export const GATEWAY_KEYS = ['network_id', 'external_fixed_ips'] as const;

/** Routers: interfaces, gateway, routes. Behaviour lives in core/router. */
export const routerResource = defineResource({
  name: 'router',
  collection: 'routers',
  path: 'routers',
  table: 'routers',
  standardAttributes: true,
  bulk: false,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  quotaResource: 'router',
  attributes: {
    id: ID,
    name: NAME,
    admin_state_up: booleanAttribute(true),
    status: { allowPost: false, allowPut: false, sort: true },
    tenant_id: TENANT_ID,
    // Where the gateway is comes from its port (router_ports); the row keeps the SNAT flag (never shown on its own).
    external_gateway_info: {
      allowPost: true, allowPut: true, default: null, convert: v.toGatewayInfo, validate: v.gatewayInfo(GATEWAY_KEYS), storage: 'none',
    },
    gateway_enable_snat: { allowPost: false, allowPut: false, visible: false, storage: 'boolean', column: 'enable_snat' },
  },
});

/** Floating IPs: an address of an external network, optionally forwarded to a port's fixed IP. Behaviour lives in core/floating-ip. */
export const floatingipResource = defineResource({
  name: 'floatingip',
  collection: 'floatingips',
  path: 'floatingips',
  table: 'floatingips',
  standardAttributes: true,
  bulk: false,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  quotaResource: 'floatingip',
  attributes: {
    id: ID,
    floating_ip_address: { allowPost: true, allowPut: false, default: null, convert: v.toCanonicalIp, validate: v.ipAddressOrNone, filter: true, sort: true },
    // Input only: which external subnet to take the address from.
    subnet_id: { allowPost: true, allowPut: false, default: null, validate: v.uuidOrNone, visible: false, storage: 'none' },
    floating_network_id: { allowPost: true, allowPut: false, required: true, validate: v.uuid, filter: true, sort: true },
    router_id: { allowPost: false, allowPut: false, filter: true, sort: true },
    port_id: { allowPost: true, allowPut: true, default: null, validate: v.uuidOrNone, filter: true },
    fixed_ip_address: { allowPost: true, allowPut: true, default: null, convert: v.toCanonicalIp, validate: v.ipAddressOrNone, filter: true, sort: true },
    tenant_id: TENANT_ID,
    status: { allowPost: false, allowPut: false, filter: true, sort: true },
    // The network:floatingip port holding the address (never shown).
    floating_port_id: { allowPost: false, allowPut: false, visible: false },
  },
});

/** The `router` extension: routers with their interface actions, and floating IPs. */
export const router = defineExtension({
  alias: 'router', name: 'Neutron L3 Router', updated: '2012-07-20T10:00:00-00:00',
  description: 'Router abstraction for basic L3 forwarding between L2 Neutron networks and access to external networks via a NAT gateway.',
  requires: ['external-net'],
  resources: [routerResource, floatingipResource],
});
