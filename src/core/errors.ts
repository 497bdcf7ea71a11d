/**
 * The single catalogue of errors the domain may raise (fastify style). One
 * class per Neutron wire type, spelled exactly as Neutron spells it, because
 * clients (openstacksdk, gophercloud, Tempest) match on `type`. The HTTP layer
 * renders `{"NeutronError": {type, message, detail}}` with `status`.
 * Core code never returns HTTP codes: it throws one of these.
 */
export * from './errors/base.ts';
export * from './errors/http.ts';
export * from './errors/network.ts';
export * from './errors/subnet.ts';
export * from './errors/subnetpool.ts';
export * from './errors/port.ts';
export * from './errors/l3.ts';
export * from './errors/security-group.ts';
export * from './errors/ipam.ts';
export * from './errors/rbac.ts';
export * from './errors/segment.ts';
export * from './errors/trunk.ts';
export * from './errors/qos.ts';
export * from './errors/agent.ts';
export * from './errors/auto-allocate.ts';
export * from './errors/flavor.ts';
