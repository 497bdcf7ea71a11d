import { defineResource } from '../types.ts';
import * as v from '../validators/index.ts';
import { booleanAttribute, ID, NAME, TENANT_ID } from './common.ts';

/** Core `subnets` resource. The IPAM rules that fill cidr/gateway/pools live in core/subnet. */
export const subnet = defineResource({
  name: 'subnet',
  collection: 'subnets',
  path: 'subnets',
  table: 'subnets',
  standardAttributes: true,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  quotaResource: 'subnet',
  attributes: {
    id: ID,
    name: NAME,
    ip_version: { allowPost: true, allowPut: false, required: true, convert: v.toInt, validate: v.values([4, 6]), filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
    network_id: { allowPost: true, allowPut: false, required: true, validate: v.uuid, filter: true, sort: true },
    subnetpool_id: { allowPost: true, allowPut: false, validate: v.uuidOrNone, filter: true, sort: true },
    prefixlen: { allowPost: true, allowPut: false, convert: v.toInt, validate: v.nonNegative, visible: false, storage: 'none' },
    cidr: { allowPost: true, allowPut: false, convert: v.toCanonicalCidr, validate: v.subnetCidr, filter: true, sort: true },
    gateway_ip: { allowPost: true, allowPut: true, convert: v.toCanonicalIp, validate: v.ipAddressOrNone, filter: true, sort: true },
    allocation_pools: { allowPost: true, allowPut: true, validate: v.ipPools, storage: 'json' },
    dns_nameservers: { allowPost: true, allowPut: true, default: [], convert: v.toNameserverList, validate: v.nameservers, storage: 'json' },
    host_routes: { allowPost: true, allowPut: true, default: [], convert: v.noneToEmptyList, validate: v.hostRoutes, storage: 'json' },
    tenant_id: TENANT_ID,
    enable_dhcp: booleanAttribute(true),
    ipv6_ra_mode: { allowPost: true, allowPut: false, validate: v.valuesOrNone(['dhcpv6-stateful', 'dhcpv6-stateless', 'slaac']), filter: true, sort: true },
    ipv6_address_mode: { allowPost: true, allowPut: false, validate: v.valuesOrNone(['dhcpv6-stateful', 'dhcpv6-stateless', 'slaac']), filter: true, sort: true },
    shared: { allowPost: false, allowPut: false, visible: false, filter: true, storage: 'none', filterConvert: v.toBoolean },
  },
});
