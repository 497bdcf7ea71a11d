import { Type, type Static } from '@sinclair/typebox';

/**
 * The whole server configuration as one TypeBox schema. It is loaded and
 * validated once at start-up (`loadConfig`), frozen, and passed explicitly to
 * `buildServer`; nothing reads the environment after that.
 */
export const ConfigSchema = Type.Object({
  listen: Type.String({ default: '127.0.0.1:9696', description: 'host:port (MUON_LISTEN)' }),
  databaseUrl: Type.String({ default: 'sqlite:./var/muon.db', description: 'sqlite:PATH or postgres://… (MUON_DATABASE_URL)' }),
  /**
   * PostgreSQL connections per server. Small on purpose: with more transactions in flight than
   * cores, backends compete for the same rows and CPUs (measured on 2 cores: 8 connections gave
   * 793 port creates/s at client concurrency 32, 40 connections 598/s; BENCHMARKS.md).
   */
  databasePoolSize: Type.Integer({ default: 8, minimum: 1, description: 'PostgreSQL connections per server (MUON_DATABASE_POOL_SIZE)' }),
  /**
   * API server processes sharing the listening socket (node:cluster), as Neutron's `api_workers`.
   * Above 1 needs PostgreSQL: SQLite has a single writer and in-process commit signals.
   */
  apiWorkers: Type.Integer({ default: 1, minimum: 1, maximum: 64, description: 'API server processes (MUON_API_WORKERS; >1 needs PostgreSQL)' }),
  auth: Type.String({ default: 'embedded', pattern: '^(embedded|noauth|keystone:https?://.+)$', description: 'embedded | noauth | keystone:<url> (MUON_AUTH)' }),
  adminPassword: Type.Optional(Type.String({ description: 'bootstrap admin password (MUON_ADMIN_PASSWORD)' })),
  /** Lifetime of tokens issued by the embedded identity service (Keystone's [token] expiration). */
  tokenExpiration: Type.Integer({ default: 3600, minimum: 60, description: 'seconds (MUON_TOKEN_EXPIRATION)' }),
  /** Base URL clients reach this server at (catalog, links, clouds.yaml); default: the request's Host. */
  publicUrl: Type.Optional(Type.String({ description: 'e.g. https://cloud.example.com:9696 (MUON_PUBLIC_URL)' })),
  /** Region of the catalog endpoints. */
  region: Type.String({ default: 'RegionOne', description: 'MUON_REGION' }),
  /** auth=keystone:<url>: the service user muon validates tokens with (keystonemiddleware's [keystone_authtoken]). */
  keystoneUsername: Type.String({ default: 'neutron', description: 'MUON_KEYSTONE_USERNAME' }),
  keystonePassword: Type.Optional(Type.String({ description: 'MUON_KEYSTONE_PASSWORD' })),
  keystoneProjectName: Type.String({ default: 'service', description: 'MUON_KEYSTONE_PROJECT_NAME' }),
  keystoneUserDomainName: Type.String({ default: 'Default', description: 'MUON_KEYSTONE_USER_DOMAIN_NAME' }),
  keystoneProjectDomainName: Type.String({ default: 'Default', description: 'MUON_KEYSTONE_PROJECT_DOMAIN_NAME' }),
  /** How long a validated token is trusted without asking Keystone again (keystonemiddleware's token_cache_time). */
  tokenCacheTime: Type.Integer({ default: 300, minimum: 0, description: 'seconds (MUON_TOKEN_CACHE_TIME)' }),
  /** An oslo.policy YAML/JSON file whose rules replace Neutron's defaults of the same name (MUON_POLICY_FILE). */
  policyFile: Type.Optional(Type.String({ description: 'policy override file (MUON_POLICY_FILE)' })),
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
  /** network_vlan_ranges: "physnet" (no tenant range) or "physnet:min:max" (MUON_NETWORK_VLAN_RANGES, comma-separated). */
  networkVlanRanges: Type.Array(Type.String(), { default: ['physnet1:100:200'], description: 'MUON_NETWORK_VLAN_RANGES' }),
  vxlanVniRanges: Type.Array(Type.String(), { default: ['1:65536'] }),
  geneveVniRanges: Type.Array(Type.String(), { default: ['1:65536'] }),
  /** Availability zones always listed (for networks and routers), besides those of agents. */
  availabilityZones: Type.Array(Type.String({ minLength: 1, maxLength: 255 }), { default: [] }),
  /**
   * service_provider entries, oslo's format: "SERVICE_TYPE:name[:driver][:default]" (GET /v2.0/service-providers);
   * the drivers named are those a service profile may use (flavors).
   */
  serviceProviders: Type.Array(Type.String({ pattern: '^[^:]+:[^:]+(:[^:]+)?(:default)?$' }), { default: [] }),
  /** Seconds without a heartbeat after which an agent is shown dead (Neutron's agent_down_time). */
  agentDownTime: Type.Integer({ default: 75, minimum: 1 }),
  /** DNS domain used in dns_assignment when neither the port nor its network has one. */
  dnsDomain: Type.String({ default: 'openstacklocal.' }),
  maxDnsNameservers: Type.Integer({ default: 5 }),
  maxSubnetHostRoutes: Type.Integer({ default: 20 }),
  maxAllowedAddressPairs: Type.Integer({ default: 10 }),
  /** pagination_max_limit: -1 = no cap. */
  paginationMaxLimit: Type.Integer({ default: -1 }),
  /** Default quotas per project; -1 = unlimited. */
  quotas: Type.Record(Type.String(), Type.Integer({ minimum: -1 }), {
    default: { network: 100, subnet: 100, port: 500, subnetpool: -1, address_scope: -1, security_group: 10, security_group_rule: 100, router: 10, floatingip: 50, router_route: 30, rbac_policy: 10,
      // muon: prefixes and IPv4 addresses a project may hold from subnet pools (core/subnetpool/pool-quota.ts).
      subnetpool_prefix: -1, subnetpool_ipv4_address: -1 },
  }),
  logLevel: Type.String({ default: 'info' }),
  /** Seconds between IPAM sweeps (expired reservations, history retention); 0 = none (reservations still expire when their addresses are asked for). */
  ipamSweepInterval: Type.Integer({ default: 60, minimum: 0, description: 'seconds (MUON_IPAM_SWEEP_INTERVAL)' }),
  /** Closed address and prefix history older than this is deleted by the sweep; 0 = kept forever. */
  ipHistoryRetentionDays: Type.Integer({ default: 0, minimum: 0, description: 'days (MUON_IP_HISTORY_RETENTION_DAYS)' }),
  /** Utilisation (used + reserved, % of the pool) above which reports and /metrics flag a subnet or pool, unless the pool sets its own. */
  ipamWarningPercent: Type.Integer({ default: 90, minimum: 0, maximum: 100, description: 'percent (MUON_IPAM_WARNING_PERCENT)' }),
  /** When set, /metrics also answers `Authorization: Bearer <this>` (Prometheus' bearer_token) without a Keystone token. */
  metricsToken: Type.Optional(Type.String({ minLength: 16, description: 'MUON_METRICS_TOKEN' })),
  /** The OVN northbound database (`unix:PATH` or `tcp:HOST:PORT`); when set, `muon serve` runs the OVN driver. */
  ovnNbConnection: Type.Optional(Type.String({ pattern: '^(unix:.+|tcp:.+:\\d+)$', description: 'MUON_OVN_NB_CONNECTION' })),
  /**
   * With the OVN driver: each network with an IPv4 DHCP subnet gets its metadata port (network:distributed)
   * when the subnet is made, and DHCP routes 169.254.169.254 to it (ML2/OVN's `ovn_metadata_enabled`).
   */
  ovnMetadataEnabled: Type.Boolean({ default: true, description: 'MUON_OVN_METADATA_ENABLED' }),
  /** Chassis names that may host router gateways, comma-separated (ML2/OVN reads `enable-chassis-as-gw` from the southbound DB). */
  /** The OVN southbound database, read for gateway chassis (`enable-chassis-as-gw`); overrides ovnGatewayChassis. */
  ovnSbConnection: Type.Optional(Type.String({ pattern: '^(unix:.+|tcp:.+:\\d+)$', description: 'MUON_OVN_SB_CONNECTION' })),
  ovnGatewayChassis: Type.Optional(Type.String({ pattern: '^[^,\\s]+(,[^,\\s]+)*$', description: 'MUON_OVN_GATEWAY_CHASSIS' })),
});

export type Config = Static<typeof ConfigSchema>;
