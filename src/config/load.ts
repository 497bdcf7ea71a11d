import { Value } from '@sinclair/typebox/value';
import { ConfigSchema, type Config } from './schema.ts';

/** Environment variable → config key. Only these names are read (DESIGN.md §1). */
const ENVIRONMENT: Record<string, keyof Config> = {
  MUON_LISTEN: 'listen',
  MUON_DATABASE_URL: 'databaseUrl',
  MUON_DATABASE_POOL_SIZE: 'databasePoolSize',
  MUON_API_WORKERS: 'apiWorkers',
  MUON_AUTH: 'auth',
  MUON_ADMIN_PASSWORD: 'adminPassword',
  MUON_TOKEN_EXPIRATION: 'tokenExpiration',
  MUON_PUBLIC_URL: 'publicUrl',
  MUON_REGION: 'region',
  MUON_KEYSTONE_USERNAME: 'keystoneUsername',
  MUON_KEYSTONE_PASSWORD: 'keystonePassword',
  MUON_KEYSTONE_PROJECT_NAME: 'keystoneProjectName',
  MUON_KEYSTONE_USER_DOMAIN_NAME: 'keystoneUserDomainName',
  MUON_KEYSTONE_PROJECT_DOMAIN_NAME: 'keystoneProjectDomainName',
  MUON_TOKEN_CACHE_TIME: 'tokenCacheTime',
  MUON_BASE_MAC: 'baseMac',
  MUON_POLICY_FILE: 'policyFile',
  MUON_LOG_LEVEL: 'logLevel',
  MUON_GLOBAL_PHYSNET_MTU: 'globalPhysnetMtu',
  MUON_PAGINATION_MAX_LIMIT: 'paginationMaxLimit',
  MUON_IPAM_SWEEP_INTERVAL: 'ipamSweepInterval',
  MUON_IP_HISTORY_RETENTION_DAYS: 'ipHistoryRetentionDays',
  MUON_IPAM_WARNING_PERCENT: 'ipamWarningPercent',
  MUON_METRICS_TOKEN: 'metricsToken',
  MUON_OVN_NB_CONNECTION: 'ovnNbConnection',
  MUON_OVN_METADATA_ENABLED: 'ovnMetadataEnabled',
  MUON_NETWORK_VLAN_RANGES: 'networkVlanRanges',
  MUON_OVN_GATEWAY_CHASSIS: 'ovnGatewayChassis',
  MUON_OVN_SB_CONNECTION: 'ovnSbConnection',
  MUON_SERVICE_PROVIDERS: 'serviceProviders',
};

/** Thrown when the configuration does not match the schema; the CLI prints it and exits. */
export class ConfigError extends Error {}

/**
 * Builds the frozen configuration: schema defaults, then environment, then
 * explicit overrides (CLI flags, tests). Validates once; never reads the
 * environment again afterwards.
 */
export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENVIRONMENT)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    fromEnv[key] = fromEnvironment(raw, Value.Create(ConfigSchema)[key]);
  }
  const merged = Value.Default(ConfigSchema, { ...fromEnv, ...stripUndefined(overrides) }) as Config;
  const errors = [...Value.Errors(ConfigSchema, merged)];
  if (errors.length > 0) {
    throw new ConfigError(errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; '));
  }
  if (merged.apiWorkers > 1 && !/^postgres(ql)?:\/\//.test(merged.databaseUrl)) {
    throw new ConfigError('MUON_API_WORKERS above 1 needs PostgreSQL (MUON_DATABASE_URL=postgres://…): SQLite has one writer and signals commits inside its one process');
  }
  return Object.freeze(merged);
}

/** An environment value as the schema wants it: integers as numbers, lists comma-separated ("physnet1:100:200,public:100:200"). */
function fromEnvironment(raw: string, schemaDefault: unknown): unknown {
  if (typeof schemaDefault === 'number' && /^-?\d+$/.test(raw)) return Number(raw);
  if (typeof schemaDefault === 'boolean' && /^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  if (Array.isArray(schemaDefault)) return raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return raw;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
