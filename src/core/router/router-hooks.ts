import type { Tx } from '../../store/store.ts';
import { RouterInUse } from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { applyGateway, type GatewayInfo } from './router-gateway.ts';
import { subnetRowsById, type L3Deps } from './l3-deps.ts';
import { checkRoutes, type Route } from './route-rules.ts';
import { ROUTER_INTERFACE } from './service-ports.ts';

const hasNetwork = (info: unknown): info is GatewayInfo & { network_id: string } =>
  info !== null && typeof info === 'object' && typeof (info as GatewayInfo).network_id === 'string';

/**
 * Routers: status ACTIVE, no routes, `distributed` false unless an
 * admin says otherwise; the gateway (external_gateway_info) set, changed or
 * cleared through `applyGateway`; routes checked against the router's
 * subnets (400 InvalidRoutes) and the router_route quota (409); a router
 * with interfaces is not deleted (409 RouterInUse), its gateway port goes
 * with it. external_gateway_info and availability_zones are computed.
 */
export function routerHooks(deps: L3Deps): ResourceHooks {
  const pending = new WeakMap<ResourceRecord, GatewayInfo | null>();
  return {
    async beforeCreate(_tx, _ctx, values) {
      values.status = 'ACTIVE';
      values.routes = [];
      values.distributed = values.distributed === true;
      const info = hasNetwork(values.external_gateway_info) ? values.external_gateway_info : null;
      pending.set(values, info);
      values.gateway_enable_snat = info?.enable_snat ?? true;
    },

    async afterCreate(tx, ctx, values) {
      const info = pending.get(values);
      if (info) await applyGateway(deps, tx, ctx, { id: values.id, project_id: values.project_id, routes: '[]' }, info);
    },

    async beforeUpdate(tx, ctx, current, changes) {
      if (changes.distributed === null) changes.distributed = false;
      if (changes.routes !== undefined) await checkRouterRoutes(deps, tx, current, changes.routes as Route[]);
      if ('external_gateway_info' in changes) {
        const routes = changes.routes === undefined ? current.routes : JSON.stringify(changes.routes);
        const info = hasNetwork(changes.external_gateway_info) ? changes.external_gateway_info : null;
        changes.gateway_enable_snat = await applyGateway(deps, tx, ctx, { ...current, routes }, info);
      }
    },

    async beforeDelete(tx, ctx, current) {
      const id = String(current.id);
      const interfaces = await deps.routers.portIdsOf(tx, id, ROUTER_INTERFACE);
      if (interfaces.length > 0) throw new RouterInUse(id, `has ports still attached: ${interfaces.join(', ')}`);
      await applyGateway(deps, tx, ctx, current, null);
    },

    async extend(tx, _ctx, records) {
      const gateways = await deps.routers.gatewaysOf(tx, records.map((r) => String(r.id)));
      for (const record of records) {
        const gateway = gateways.get(String(record.id));
        record.external_gateway_info = gateway === undefined ? null
          : { network_id: gateway.network_id, enable_snat: record.gateway_enable_snat, external_fixed_ips: gateway.external_fixed_ips };
        record.availability_zones = [];
      }
    },
  };
}

/**
 * Routes a router may have: each nexthop on a subnet of one of its ports
 * (gateway included) and not one of its own addresses; no more than the
 * project's router_route quota.
 */
export async function checkRouterRoutes(deps: L3Deps, tx: Tx, router: Record<string, unknown>, routes: Route[]): Promise<void> {
  const ports = await deps.routers.portsOf(tx, String(router.id));
  const fixedIps = ports.flatMap((p) => p.fixed_ips);
  const subnets = await subnetRowsById(deps, tx, fixedIps.map((f) => f.subnet_id));
  checkRoutes(routes, [...subnets.values()].map((s) => String(s.cidr)), fixedIps.map((f) => f.ip_address));
  await deps.quotas.checkLimit(tx, 'router_route', String(router.project_id), routes.length);
}
