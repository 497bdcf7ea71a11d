import { Type, type Static } from '@sinclair/typebox';

/**
 * The whole server configuration as one TypeBox schema. It is loaded and
 * validated once at start-up (`loadConfig`), frozen, and passed explicitly to
 * `buildServer`; nothing reads the environment after that.
 */
export const ConfigSchema = Type.Object({
  listen: Type.String({ default: '127.0.0.1:9696', description: 'host:port (MUON_LISTEN)' }),
  databaseUrl: Type.String({ default: 'sqlite:./var/muon.db', description: 'sqlite:PATH or postgres://… (MUON_DATABASE_URL)' }),
  auth: Type.String({ default: 'embedded', description: 'embedded | noauth | keystone:<url> (MUON_AUTH)' }),
  adminPassword: Type.Optional(Type.String({ description: 'bootstrap admin password (MUON_ADMIN_PASSWORD)' })),
  baseMac: Type.String({ default: 'fa:16:3e:00:00:00', description: 'MAC prefix for generated port MACs (MUON_BASE_MAC)' }),
  /** Underlay MTU (Neutron's global_physnet_mtu). */
  globalPhysnetMtu: Type.Integer({ default: 1500, minimum: 68 }),
  /** Neutron's [ml2] path_mtu: 0 means use globalPhysnetMtu. */
  pathMtu: Type.Integer({ default: 0, minimum: 0 }),
  /** Per-physnet MTU overrides (physical_network_mtus). */
  physicalNetworkMtus: Type.Record(Type.String(), Type.Integer({ minimum: 68 }), { default: {} }),
  /** Bytes of encapsulation header reserved on Geneve networks (ML2/OVN recommends 38). */
  geneveMaxHeaderSize: Type.Integer({ default: 38, minimum: 0 }),
  /** Type of networks that non-admin users get (tenant_network_types; first one wins). */
  tenantNetworkTypes: Type.Array(Type.Union([Type.Literal('geneve'), Type.Literal('vxlan'), Type.Literal('vlan')]), { default: ['geneve'] }),
  /** Physical networks that may carry flat networks ("*" = any). */
  flatNetworks: Type.Array(Type.String(), { default: ['*'] }),
  /** network_vlan_ranges: "physnet" (no tenant range) or "physnet:min:max". */
  networkVlanRanges: Type.Array(Type.String(), { default: ['physnet1:100:200'] }),
  vxlanVniRanges: Type.Array(Type.String(), { default: ['1:65536'] }),
  geneveVniRanges: Type.Array(Type.String(), { default: ['1:65536'] }),
  /** DNS domain used in dns_assignment when neither the port nor its network has one. */
  dnsDomain: Type.String({ default: 'openstacklocal.' }),
  maxDnsNameservers: Type.Integer({ default: 5 }),
  maxSubnetHostRoutes: Type.Integer({ default: 20 }),
  maxAllowedAddressPairs: Type.Integer({ default: 10 }),
  /** pagination_max_limit: -1 = no cap. */
  paginationMaxLimit: Type.Integer({ default: -1 }),
  /** Default quotas per project; -1 = unlimited. */
  quotas: Type.Record(Type.String(), Type.Integer({ minimum: -1 }), {
    default: { network: 100, subnet: 100, port: 500, subnetpool: -1, address_scope: -1 },
  }),
  logLevel: Type.String({ default: 'info' }),
});

export type Config = Static<typeof ConfigSchema>;
