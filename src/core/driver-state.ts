import type { ChangeView, DesiredState, FloatingIpView, NetworkView, PortView, RouterView, RoutingState, SubnetView } from '../drivers/driver.ts';
import type { AddressGroupView, IpBlockView, LogView, SecurityGroupRuleView, SecurityGroupView, SegmentView } from '../drivers/driver.ts';
import type { ChangeFeed } from './change/change-feed.ts';
import { ADMIN_CONTEXT } from './context.ts';
import { NotFound } from './errors.ts';
import type { ResourceService } from './resource/resource-service.ts';
import type { Services } from './services.ts';
import type { Condition } from '../store/repos/list-query.ts';

/**
 * Core's side of `DesiredState`: the API's own view of networks, subnets and
 * ports, read with an administrator's context through the resource services
 * (so drivers see exactly what clients see, extensions included), and the
 * change feed read in-process. Knows no driver.
 */
export function coreDesiredState(services: Services): DesiredState {
  const service = (collection: string): ResourceService => services.resources.get(collection)!.service;
  const list = async <T>(collection: string, conditions: Condition[] = []): Promise<T[]> =>
    (await service(collection).list(ADMIN_CONTEXT, { conditions, sort: [] })) as unknown as T[];
  const show = async <T>(collection: string, id: string): Promise<T | undefined> => {
    try {
      return (await service(collection).show(ADMIN_CONTEXT, id)) as unknown as T;
    } catch (error) {
      if (error instanceof NotFound) return undefined;
      throw error;
    }
  };
  const onNetwork = (networkId?: string): Condition[] => (networkId === undefined ? [] : [{ kind: 'in', column: 'network_id', values: [networkId] }]);
  const feed: ChangeFeed = services.changeFeed;
  return {
    ...routingState(services, list, show),
    networks: () => list<NetworkView>('networks'),
    network: (id) => show<NetworkView>('networks', id),
    subnets: (networkId) => list<SubnetView>('subnets', onNetwork(networkId)),
    subnet: (id) => show<SubnetView>('subnets', id),
    ports: (networkId) => list<PortView>('ports', onNetwork(networkId)),
    port: (id) => show<PortView>('ports', id),
    // --- Segments and security groups ---
    segments: (networkId) => list<SegmentView>('segments', onNetwork(networkId)),
    segment: (id) => show<SegmentView>('segments', id),
    securityGroups: () => list<SecurityGroupView>('security_groups'),
    securityGroup: (id) => show<SecurityGroupView>('security_groups', id),
    securityGroupRules: (securityGroupId) => list<SecurityGroupRuleView>('security_group_rules', securityGroupId === undefined ? [] : [{ kind: 'in', column: 'security_group_id', values: [securityGroupId] }]),
    securityGroupRule: (id) => show<SecurityGroupRuleView>('security_group_rules', id),
    addressGroups: () => list<AddressGroupView>('address_groups'),
    addressGroup: (id) => show<AddressGroupView>('address_groups', id),
    logs: async (targetIds) => {
      if (targetIds !== undefined && targetIds.length === 0) return [];
      return list<LogView>('logs', targetIds === undefined ? [] : [{ kind: 'in', column: 'target_id', values: [...targetIds] }]);
    },
    routedIpBlocks: async (portIds) => {
      if (portIds !== undefined && portIds.length === 0) return [];
      const blocks = await list<IpBlockView & { port_id: string | null }>('ip_blocks', portIds === undefined ? [] : [{ kind: 'in', column: 'port_id', values: [...portIds] }]);
      return blocks.filter((b): b is IpBlockView => b.port_id !== null).map(({ id, cidr, port_id }) => ({ id, cidr, port_id }));
    },
    changes: async (since, timeoutMs, abort) => {
      const batch = await feed.read(ADMIN_CONTEXT, { since, timeoutMs, limit: 1000 }, abort);
      return { changes: batch.changes as ChangeView[], revision: batch.revision };
    },
    headRevision: () => feed.horizon(ADMIN_CONTEXT),
  };
}

/* --- Routing (L3): routers, floating IPs, port forwardings, trunks --- */

type List = <T>(collection: string, conditions?: Condition[]) => Promise<T[]>;
type Show = <T>(collection: string, id: string) => Promise<T | undefined>;

/** The routing part of `DesiredState`, over the same admin reads. */
function routingState(services: Services, list: List, show: Show): RoutingState {
  const where = (column: string, value: string): Condition[] => [{ kind: 'in', column, values: [value] }];
  const forwardings = services.portForwardings.service;
  const forwardingsOf = async (fipId?: string) =>
    (await forwardings.list(ADMIN_CONTEXT, { conditions: fipId === undefined ? [] : where('floatingip_id', fipId), sort: [] })) as never[];
  return {
    routers: () => list('routers'),
    router: (id) => show('routers', id),
    routerPorts: (routerId) => list('ports', where('device_id', routerId)),
    // An administrator's view includes floating_port_id and a forwarding's floatingip_id.
    floatingIps: (routerId) => list('floatingips', routerId === undefined ? [] : where('router_id', routerId)),
    floatingIp: (id) => show('floatingips', id),
    portForwardings: (fipId) => forwardingsOf(fipId),
    portForwarding: async (id) => {
      try {
        return (await forwardings.show(ADMIN_CONTEXT, id)) as never;
      } catch (error) {
        if (error instanceof NotFound) return undefined;
        throw error;
      }
    },
    trunks: () => list('trunks'),
    qosRules: async (policyId) => {
      const rulesOf = async (type: 'bandwidth_limit' | 'dscp_marking') => {
        const rules = services.qosRules.get(type);
        if (!rules) return [];
        try {
          return (await rules.list(ADMIN_CONTEXT, policyId, { conditions: [], sort: [] })).map((rule) => ({ ...rule, type, qos_policy_id: policyId }));
        } catch (error) {
          if (error instanceof NotFound) return [];
          throw error;
        }
      };
      return [...await rulesOf('bandwidth_limit'), ...await rulesOf('dscp_marking')] as never[];
    },
    networksUsingQosPolicy: async (policyId) => {
      const [networks, ports, fips, routers] = await Promise.all([
        list<{ id: string }>('networks', where('qos_policy_id', policyId)),
        list<{ network_id: string }>('ports', where('qos_policy_id', policyId)),
        list<FloatingIpView>('floatingips', where('qos_policy_id', policyId)),
        // The gateway's policy is no filter of the API: routers are few next to ports, and policies change seldom.
        list<RouterView>('routers'),
      ]);
      const gateways = routers.flatMap((r) => (r.external_gateway_info?.qos_policy_id === policyId ? [r.external_gateway_info.network_id] : []));
      return [...new Set([...networks.map((n) => n.id), ...ports.map((p) => p.network_id), ...fips.map((f) => f.floating_network_id), ...gateways])];
    },
  };
}
