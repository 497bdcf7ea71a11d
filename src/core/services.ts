import type { Config } from '../config/schema.ts';
import { Policy } from '../policy/policy.ts';
import { resolveResources, type ResolvedResource } from '../definitions/index.ts';
import { ChangeRepo } from '../store/repos/change-repo.ts';
import { ExtraDhcpOptRepo } from '../store/repos/extra-dhcp-opt-repo.ts';
import { FreeRangeRepo } from '../store/repos/free-range-repo.ts';
import { PortBindingRepo } from '../store/repos/port-binding-repo.ts';
import { IpHistoryRepo } from '../store/repos/ip-history-repo.ts';
import { IpAllocationRepo } from '../store/repos/ip-allocation-repo.ts';
import { IpReservationRepo } from '../store/repos/ip-reservation-repo.ts';
import { PrefixHistoryRepo } from '../store/repos/prefix-history-repo.ts';
import { PoolUsageRepo } from '../store/repos/pool-usage-repo.ts';
import { QuotaRepo } from '../store/repos/quota-repo.ts';
import { RbacPolicyRepo } from '../store/repos/rbac-policy-repo.ts';
import { ResourceRepo } from '../store/repos/resource-repo.ts';
import { SegmentRangeRepo } from '../store/repos/segment-range-repo.ts';
import { SegmentRepo } from '../store/repos/segment-repo.ts';
import { TagRepo } from '../store/repos/tag-repo.ts';
import type { Store } from '../store/store.ts';
import type { AddressGroupActions } from './address-group/address-group-actions.ts';
import { addressScopeHooks } from './address-scope/address-scope-hooks.ts';
import { AutoAllocator } from './auto-allocate/auto-allocator.ts';
import { defaultExternalNetworkHooks, defaultExternalRbacGuard } from './auto-allocate/default-external-network.ts';
import { createAgentServices, type AgentServices } from './agent/agent-services.ts';
import { createFlavorServices } from './flavor/flavor-services.ts';
import type { FlavorProfileBindings } from './flavor/flavor-profile-bindings.ts';
import { ChangeFeed } from './change/change-feed.ts';
import { composeHooks } from './compose-hooks.ts';
import {
  AddressScopeNotFound, IpBlockNotFound, IpReservationNotFound, NetworkNotFound, NetworkSegmentRangeNotFound, PortNotFound, RbacPolicyNotFound, SegmentNotFound,
  SubnetNotFound, SubnetPoolNotFound, type NeutronError,
} from './errors.ts';
import { BuiltinIpamDriver } from './ipam/builtin-ipam-driver.ts';
import { IpAllocator } from './ipam/ip-allocator.ts';
import { IpAvailabilityService } from './ipam/ip-availability-service.ts';
import { IpHistoryService } from './ipam/ip-history-service.ts';
import { IpUsageService } from './ipam/ip-usage-service.ts';
import { ipBlockHooks } from './ipam/ip-block-hooks.ts';
import { ipReservationHooks } from './ipam/ip-reservation-hooks.ts';
import { IpamMaintenance } from './ipam/ipam-maintenance.ts';
import { ReservationExpiry } from './ipam/reservation-expiry.ts';
import { networkDependents } from './network/network-dependents.ts';
import { networkHooks } from './network/network-hooks.ts';
import { networkLookup } from './network/network-lookup.ts';
import { parseSegmentSettings, SegmentAllocator } from './network/segment-allocator.ts';
import { portHooks } from './port/port-hooks.ts';
import { createQosServices } from './qos/qos-services.ts';
import type { QosRuleService } from './qos/qos-rule-service.ts';
import { QuotaService } from './quota/quota-service.ts';
import { rbacPolicyHooks } from './rbac/rbac-policy-hooks.ts';
import { sharedObjectHooks } from './rbac/shared-object-hooks.ts';
import { Sharing } from './rbac/sharing.ts';
import type { CoreRepos } from './repos.ts';
import type { ResourceHooks } from './resource/resource-hooks.ts';
import { ResourceService } from './resource/resource-service.ts';
import { AgentReports } from './agent/agent-reports.ts';
import { portBindingHooks } from './port/port-binding-hooks.ts';
import { PortBindings } from './port/port-bindings.ts';
import type { FloatingIpPools } from './floating-ip/floatingip-pools.ts';
import type { PortForwardings } from './floating-ip/port-forwardings.ts';
import { createL3Guards, createL3Services } from './router/l3-services.ts';
import type { RouterActions } from './router/router-actions.ts';
import type { DefaultSecurityGroups } from './security-group/default-security-groups.ts';
import { createSecurityGroupServices } from './security-group/security-group-services.ts';
import { networkSegmentRangeHooks } from './segment/network-segment-range-hooks.ts';
import { networkSegmentRanges } from './segment/network-segment-ranges.ts';
import { segmentHooks } from './segment/segment-hooks.ts';
import { subnetSegmentHooks } from './segment/subnet-segment-hooks.ts';
import { metadataPortHooks } from './subnet/metadata-port.ts';
import { subnetHooks } from './subnet/subnet-hooks.ts';
import { peerSubnetHostRouteHooks } from './segment/peer-subnet-host-routes.ts';
import type { TrunkActions } from './trunk/trunk-actions.ts';
import { createTrunkServices } from './trunk/trunk-services.ts';
import { SubnetpoolAllocator } from './subnetpool/subnetpool-allocator.ts';
import { PoolQuota } from './subnetpool/pool-quota.ts';
import { subnetpoolHooks } from './subnetpool/subnetpool-hooks.ts';

/** A resource with its domain service and hooks. */
export interface ResourceBinding {
  readonly resource: ResolvedResource;
  readonly service: ResourceService;
  readonly hooks: ResourceHooks;
}

/** Everything the API layer calls into. */
export interface Services {
  /** Neutron's policy rules (defaults plus MUON_POLICY_FILE overrides). */
  readonly policy: Policy;
  /** Who held which address when (ip-address-history). */
  readonly ipHistory: IpHistoryService;
  readonly resources: ReadonlyMap<string, ResourceBinding>;
  readonly quotas: QuotaService;
  readonly ipAvailability: IpAvailabilityService;
  readonly segments: SegmentAllocator;
  readonly repos: CoreRepos;
  /** Projects' default security groups (made on first need). */
  readonly defaultSecurityGroups: DefaultSecurityGroups;
  /** add_addresses / remove_addresses of address groups. */
  readonly addressGroupActions: AddressGroupActions;
  /** Expired reservations and history retention (started by `muon serve`; tests call runOnce). */
  readonly ipamMaintenance: IpamMaintenance;
  /** IP usage reports and /metrics. */
  readonly ipUsage: IpUsageService;
  /** add/remove_router_interface, add/remove_extraroutes. */
  readonly routerActions: RouterActions;
  /** GET /v2.0/floatingip_pools. */
  readonly floatingipPools: FloatingIpPools;
  /** add_subports / remove_subports / get_subports of trunks. */
  readonly trunkActions: TrunkActions;
  /** /v2.0/floatingips/{id}/port_forwardings. */
  readonly portForwardings: PortForwardings;
  /** QoS rule type → its rules under a policy (/v2.0/qos/policies/{id}/<type>_rules). */
  readonly qosRules: ReadonlyMap<string, QosRuleService>;
  /** Agents' reports (registry), availability zones, service providers. */
  readonly agents: Omit<AgentServices, 'binding'>;
  /** Host agents' heartbeats and port status (POST /v2.0/muon/agents, PUT /v2.0/muon/ports/{id}/status). */
  readonly agentReports: AgentReports;
  /** /v2.0/ports/{id}/bindings (binding-extended: live-migration bindings). */
  readonly portBindings: PortBindings;
  /** The change log, long-polled by drivers and agents (GET /v2.0/muon/changes). */
  readonly changeFeed: ChangeFeed;
  /** GET/DELETE /v2.0/auto-allocated-topology/{project_id} (get-me-a-network). */
  readonly autoAllocator: AutoAllocator;
  /** Flavor ↔ service profile associations (/v2.0/flavors/{id}/service_profiles). */
  readonly flavorProfiles: FlavorProfileBindings;
}

/**
 * Wires repositories, allocators and hooks into one service per resource.
 * The only place that knows every concrete class (kysely style: the core sees
 * interfaces, this function picks the implementations).
 */
export function createServices(store: Store, config: Readonly<Config>): Services {
  const resolved = resolveResources();
  const reservations = new IpReservationRepo();
  // The driver ends expired reservations lazily (`expiry`, below: called only after wiring); the expiry gives addresses back through the driver.
  const free = new FreeRangeRepo();
  const allocations = new IpAllocationRepo();
  const ipam = new BuiltinIpamDriver(free, allocations, reservations, (tx, subnetId): Promise<number> => expiry.expire(tx, { subnetId }));
  const repos: CoreRepos = {
    networks: new ResourceRepo('networks', 'network'),
    subnets: new ResourceRepo('subnets', 'subnet'),
    ports: new ResourceRepo('ports', 'port'),
    subnetpools: new ResourceRepo('subnetpools', 'subnetpool'),
    addressScopes: new ResourceRepo('address_scopes', 'address_scope'),
    segments: new SegmentRepo(),
    allocations,
    free,
    tags: new TagRepo(),
    changes: new ChangeRepo(),
    quotas: new QuotaRepo(),
    reservations,
    ipam,
  };
  const expiry: ReservationExpiry = new ReservationExpiry(repos, reservations, ipam);
  const quotas = new QuotaService(store, repos.quotas, config.quotas);
  const ips = new IpAllocator(ipam, repos.allocations);
  const segments = new SegmentAllocator(repos.free, repos.segments, parseSegmentSettings(config));
  const segmentRanges = new SegmentRangeRepo();
  segments.useRanges(networkSegmentRanges(segmentRanges));
  const policy = config.policyFile ? Policy.loadFile(config.policyFile) : Policy.load();
  const sharing = new Sharing(new RbacPolicyRepo());
  const poolQuota = new PoolQuota(new PoolUsageRepo(), quotas);
  const prefixes = new SubnetpoolAllocator(repos, sharing, poolQuota);
  const deps = { store, tags: repos.tags, quotas, policy, networks: networkLookup(repos.networks, resolved.get('networks')!), sharing };
  const securityGroups = createSecurityGroupServices(resolved, deps, quotas, policy, store, sharing);
  const rbacPolicies = new ResourceRepo('rbac_policies', 'rbac_policy');
  // Two-phase wiring. A network's delete removes its unassociated floating IPs through the floating IP service,
  // which phase two (`l3`, below) builds from the network, subnet and port services; the guards of phase one
  // only call it while serving requests, when `l3` exists.
  const l3Guards = createL3Guards((tx, ctx, id) => l3.floatingips.deleteWithin(tx, ctx, id));
  const trunks = createTrunkServices(resolved, deps, policy, store);
  const qos = createQosServices(resolved, deps, sharing);
  const agents = createAgentServices(resolved, deps, policy, store, config);
  const flavors = createFlavorServices(resolved, deps, policy, store, config);
  const portBindingRepo = new PortBindingRepo();

  // The OVN metadata port of each network with DHCP, made with its first subnet; ports are bound below, before any request.
  const metadataPorts = config.ovnNbConnection !== undefined && config.ovnMetadataEnabled ? [metadataPortHooks(repos, () => resources.get('ports')!.service)] : [];
  const table: Array<[string, ResourceRepo, ResourceHooks, (id: string) => NeutronError]> = [
    ['networks', repos.networks, composeHooks(l3Guards.networkHooks, networkHooks(segments, repos.segments, config, networkDependents(repos, ips)), securityGroups.networkHooks,
      sharedObjectHooks(sharing, 'network'), qos.networkHooks, defaultExternalNetworkHooks()), (id) => new NetworkNotFound(id)],
    ['subnets', repos.subnets, composeHooks(l3Guards.subnetHooks, subnetHooks(repos, prefixes, config), subnetSegmentHooks(repos.segments), peerSubnetHostRouteHooks(repos.subnets), ...metadataPorts), (id) => new SubnetNotFound(id)],
    ['ports', repos.ports, composeHooks(l3Guards.portHooks, portHooks(repos, ips, new ExtraDhcpOptRepo(), config, policy), securityGroups.portHooks, trunks.portHooks,
      qos.portHooks, portBindingHooks(portBindingRepo)), (id) => new PortNotFound(id)],
    ['subnetpools', repos.subnetpools, composeHooks(subnetpoolHooks(repos, sharing), sharedObjectHooks(sharing, 'subnetpool')), (id) => new SubnetPoolNotFound(id)],
    ['address_scopes', repos.addressScopes, composeHooks(addressScopeHooks(repos), sharedObjectHooks(sharing, 'address_scope')), (id) => new AddressScopeNotFound(id)],
    ['rbac_policies', rbacPolicies, composeHooks(rbacPolicyHooks(sharing), defaultExternalRbacGuard()), (id) => new RbacPolicyNotFound(id)],
    ['ip_reservations', new ResourceRepo('ip_reservations', 'ip_reservation'), ipReservationHooks(repos, ipam), (id) => new IpReservationNotFound(id)],
    ['ip_blocks', new ResourceRepo('ip_blocks', 'ip_block'), ipBlockHooks(repos, prefixes), (id) => new IpBlockNotFound(id)],
    ['segments', new ResourceRepo('network_segments', 'segment'), segmentHooks(segments, repos.segments, repos.networks, config), (id) => new SegmentNotFound(id)],
    ['network_segment_ranges', new ResourceRepo('network_segment_ranges', 'network_segment_range'), networkSegmentRangeHooks(segmentRanges), (id) => new NetworkSegmentRangeNotFound(id)],
  ];
  const resources = new Map<string, ResourceBinding>();
  for (const [collection, repo, hooks, notFound] of table) {
    const resource = resolved.get(collection)!;
    resources.set(collection, { resource, hooks, service: new ResourceService(resource, repo, deps, hooks, notFound) });
  }
  for (const binding of securityGroups.bindings) resources.set(binding.resource.collection, binding);
  // Phase two: routers and floating IPs, on top of the services above (see l3Guards).
  const l3 = createL3Services(resolved, deps, l3Guards, {
    repos, quotas, policy, store,
    networks: resources.get('networks')!.service, subnets: resources.get('subnets')!.service, ports: resources.get('ports')!.service,
  }, { routers: qos.routerHooks, floatingips: qos.floatingIpHooks });
  for (const binding of l3.bindings) resources.set(binding.resource.collection, binding);
  resources.set('trunks', trunks.binding);
  for (const binding of qos.bindings) resources.set(binding.resource.collection, binding);
  resources.set('agents', agents.binding);
  for (const binding of flavors.bindings) resources.set(binding.resource.collection, binding);
  quotas.setCounters(new Map([
    ['network', repos.networks], ['subnet', repos.subnets], ['port', repos.ports],
    ['subnetpool', repos.subnetpools], ['address_scope', repos.addressScopes], ['rbac_policy', rbacPolicies], ...securityGroups.counters, ...l3.counters, ...poolQuota.counters(),
  ]));
  return {
    resources, quotas, segments, repos, policy,
    defaultSecurityGroups: securityGroups.defaults, addressGroupActions: securityGroups.addressGroupActions, trunkActions: trunks.actions, qosRules: qos.rules, agents,
    ipAvailability: new IpAvailabilityService(store, repos, policy),
    ipHistory: new IpHistoryService(store, new IpHistoryRepo(), policy, new PrefixHistoryRepo()),
    changeFeed: new ChangeFeed(store, repos.changes, policy),
    agentReports: new AgentReports(store, agents.registry, resources.get('ports')!.service, policy),
    portBindings: new PortBindings(store, resources.get('ports')!.service, portBindingRepo, policy),
    ipUsage: new IpUsageService(store, repos, policy, { warningPercent: config.ipamWarningPercent }),
    autoAllocator: new AutoAllocator({
      store, policy, networks: resources.get('networks')!.service, subnets: resources.get('subnets')!.service,
      routers: resources.get('routers')!.service, routerActions: l3.routerActions,
    }),
    flavorProfiles: flavors.associations,
    routerActions: l3.routerActions, floatingipPools: l3.floatingipPools, portForwardings: l3.portForwardings,
    ipamMaintenance: new IpamMaintenance(store, expiry, { intervalSeconds: config.ipamSweepInterval, historyRetentionDays: config.ipHistoryRetentionDays }),
  };
}
