import type { RequestContext } from '../context.ts';
import type { Policy } from '../../policy/policy.ts';
import type { AgentRepo } from '../../store/repos/agent-repo.ts';
import type { Store } from '../../store/store.ts';
import { PolicyNotAuthorized } from '../errors.ts';

/** One zone for one kind of resource, as GET /v2.0/availability_zones shows it. */
export interface AvailabilityZone { name: string; resource: 'network' | 'router'; state: 'available' | 'unavailable' }

/** Which resources an agent type serves zones for (DHCP: networks, L3: routers, an OVN gateway chassis: both). */
const RESOURCES_OF_AGENT: Readonly<Record<string, ReadonlyArray<'network' | 'router'>>> = {
  'DHCP agent': ['network'], 'L3 agent': ['router'], 'OVN Controller Gateway agent': ['network', 'router'], 'muon agent': ['network', 'router'],
};

/**
 * The availability zones: the configured ones (available, for networks and
 * routers) and those of agents (available while one of its agents is up and
 * enabled, as Neutron decides). Filters: name, resource, state (Neutron's
 * availability_zone_filter; not advertised: Zed's ML2/OVN did not). Readers
 * may list them.
 */
export class AvailabilityZones {
  constructor(private readonly store: Store, private readonly agents: AgentRepo, private readonly policy: Policy, private readonly configured: readonly string[], private readonly downTimeSeconds: number) {}

  async list(ctx: RequestContext, filters: { name?: string[]; resource?: string[]; state?: string[] } = {}): Promise<AvailabilityZone[]> {
    if (!this.policy.authorize(ctx, 'get_availability_zone', {})) throw new PolicyNotAuthorized('get_availability_zone');
    const zones = new Map<string, AvailabilityZone>();
    const add = (name: string, resource: 'network' | 'router', available: boolean) => {
      const key = `${resource}/${name}`;
      const known = zones.get(key);
      if (known === undefined || (available && known.state === 'unavailable')) zones.set(key, { name, resource, state: available ? 'available' : 'unavailable' });
    };
    for (const name of this.configured) for (const resource of ['network', 'router'] as const) add(name, resource, true);
    const agents = await this.store.read((tx) => this.agents.withZones(tx));
    const cutoff = Date.now() - this.downTimeSeconds * 1000;
    for (const agent of agents) {
      const alive = Date.parse(agent.heartbeat_timestamp) >= cutoff && Number(agent.admin_state_up) === 1;
      for (const resource of RESOURCES_OF_AGENT[agent.agent_type] ?? []) add(String(agent.availability_zone), resource, alive);
    }
    const keep = (values: string[] | undefined, value: string) => values === undefined || values.length === 0 || values.includes(value);
    return [...zones.values()]
      .filter((z) => keep(filters.name, z.name) && keep(filters.resource, z.resource) && keep(filters.state, z.state))
      .sort((a, b) => (a.name === b.name ? a.resource.localeCompare(b.resource) : a.name.localeCompare(b.name)));
  }
}

/** A configured service provider (oslo's "SERVICE_TYPE:name[:driver][:default]"). */
export interface ServiceProvider { service_type: string; name: string; default: boolean }

/** A configured provider with the driver it names, if any (never listed: Neutron shows no driver). */
export interface ConfiguredProvider extends ServiceProvider { readonly driver?: string }

/**
 * Parses the configured providers: "TYPE:name", "TYPE:name:default", or
 * Neutron's own form with a driver, "TYPE:name:driver[:default]". Pure.
 */
export function parseServiceProviders(configured: readonly string[]): ConfiguredProvider[] {
  return configured.map((entry) => {
    const parts = entry.split(':');
    const isDefault = parts.length > 2 && parts.at(-1) === 'default';
    if (isDefault) parts.pop();
    const [serviceType, name, driver] = parts;
    return { service_type: serviceType!, name: name!, default: isDefault, ...(driver === undefined ? {} : { driver }) };
  });
}

/** GET /v2.0/service-providers: the configured providers, readers only; filters by service_type, name, default. */
export function serviceProviders(policy: Policy, configured: readonly string[]) {
  const all: ServiceProvider[] = parseServiceProviders(configured).map((p) => ({ service_type: p.service_type, name: p.name, default: p.default }));
  return (ctx: RequestContext, filters: { service_type?: string[]; name?: string[]; default?: string[] } = {}): ServiceProvider[] => {
    if (!policy.authorize(ctx, 'get_service_provider', {})) throw new PolicyNotAuthorized('get_service_provider');
    const keep = (values: string[] | undefined, value: string) => values === undefined || values.length === 0 || values.includes(value);
    return all.filter((p) => keep(filters.service_type, p.service_type) && keep(filters.name, p.name)
      && keep(filters.default?.map((d) => String(/^(true|1|yes|on)$/i.test(d))), String(p.default)));
  };
}
