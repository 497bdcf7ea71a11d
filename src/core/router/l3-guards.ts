import type { FloatingIpRepo } from '../../store/repos/floating-ip-repo.ts';
import type { RouterRepo } from '../../store/repos/router-repo.ts';
import { queryRow } from '../../store/fast-sql.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { badRequest, DeviceIDNotOwnedByTenant, ExternalNetworkInUse, GatewayIpInUse, NetworkInUse, ServicePortInUse, SubnetInUse } from '../errors.ts';
import { ROUTER_OWNERS } from '../ipam/ip-allocator.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { bumpRevision } from '../resource/revision.ts';
import { FLOATINGIP_OWNER, isServiceDelete, SERVICE_PORT_OWNERS } from './service-ports.ts';

/**
 * What routers and floating IPs forbid or do to ports (composed after the
 * port hooks): the ports they own are deleted only through the router or
 * floating IP API (409 ServicePortInUse), a deleted port loses its floating
 * IPs (they stay, unassociated) and its port forwardings, and an associated
 * fixed IP cannot be taken from a port (400); nor may a port claim to be an
 * interface of another project's router (409).
 */
export function l3PortGuards(routers: RouterRepo, fips: FloatingIpRepo): ResourceHooks {
  /**
   * Neutron's `_enforce_device_owner_not_router_intf_or_device_id`: a
   * non-admin's router interface port may not name another project's router
   * as its device (409 DeviceIDNotOwnedByTenant).
   */
  const checkDevice = async (tx: Tx, ctx: RequestContext, deviceOwner: unknown, deviceId: unknown, projectId: unknown) => {
    if (ctx.isAdmin || typeof deviceOwner !== 'string' || !ROUTER_OWNERS.has(deviceOwner) || typeof deviceId !== 'string' || deviceId === '') return;
    const router = await queryRow<{ project_id: string }>(tx, 'select "project_id" from "routers" where "id" = ?', [deviceId]);
    if (router !== undefined && router.project_id !== projectId) throw new DeviceIDNotOwnedByTenant(deviceId);
  };
  return {
    async beforeCreate(tx, ctx, values) {
      await checkDevice(tx, ctx, values.device_owner, values.device_id, values.project_id);
    },

    async beforeUpdate(tx, ctx, current, changes) {
      if (changes.device_owner !== undefined || changes.device_id !== undefined) {
        await checkDevice(tx, ctx, changes.device_owner ?? current.device_owner, changes.device_id ?? current.device_id, current.project_id);
      }
      if (changes.fixed_ips === undefined) return;
      const associated = (await fips.ofPort(tx, String(current.id))).find((f) => f.fixed_ip_address !== null);
      if (!associated) return;
      const kept = (changes.fixed_ips as Array<{ ip_address?: string }>).some((f) => f.ip_address === associated.fixed_ip_address);
      if (!kept) {
        throw badRequest('port', `Cannot update the fixed_ips of the port ${String(current.id)}, because its original fixed_ip has been associated to a floating ip`);
      }
    },

    async beforeDelete(tx, _ctx, current) {
      const id = String(current.id);
      const owner = String(current.device_owner);
      if (SERVICE_PORT_OWNERS.has(owner) && !isServiceDelete(tx, id)) {
        // A port whose router or floating IP is gone may go (Neutron lets such leftovers be deleted).
        const holder = owner === FLOATINGIP_OWNER
          ? await queryRow(tx, 'select 1 as "x" from "floatingips" where "floating_port_id" = ?', [id])
          : await routers.ofPort(tx, id);
        if (holder !== undefined) throw new ServicePortInUse(id, `has device owner ${owner}`);
      }
      for (const fip of await fips.disassociatePort(tx, id)) await bumpRevision(tx, 'floatingips', fip);
      // Its port forwardings go with it; a floating IP left without any leaves their router.
      for (const fip of await fips.deleteForwardingsTo(tx, id)) {
        if (await fips.releaseRouterIfIdle(tx, fip)) await bumpRevision(tx, 'floatingips', fip);
      }
    },
  };
}

/**
 * Subnets (composed before the subnet hooks): one a router or floating IP
 * holds an address of is in use (409 SubnetInUse), and the gateway IP a
 * router interface holds does not move (409 GatewayIpInUse).
 */
export function l3SubnetGuards(routers: RouterRepo): ResourceHooks {
  return {
    async beforeUpdate(tx, _ctx, current, changes) {
      if (changes.gateway_ip === undefined || changes.gateway_ip === current.gateway_ip || current.gateway_ip === null) return;
      const holder = await routers.routerPortHolding(tx, String(current.id), String(current.gateway_ip));
      if (holder !== undefined) throw new GatewayIpInUse(String(current.gateway_ip), holder);
    },

    async beforeDelete(tx, _ctx, current) {
      if (await routers.servicePortOnSubnet(tx, String(current.id))) throw new SubnetInUse(String(current.id));
    },
  };
}

/** Deletes one floating IP inside the caller's transaction (the floating IP service's deleteWithin). */
export type FloatingIpDeleter = (tx: Tx, ctx: RequestContext, id: string) => Promise<void>;

/**
 * Networks (composed before the network hooks): router and floating IP ports
 * keep a network from being deleted, and a network with router gateways on
 * it from being made non-external.
 */
export function l3NetworkGuards(routers: RouterRepo, fips: FloatingIpRepo, deleteFloatingIp: FloatingIpDeleter): ResourceHooks {
  return {
    async beforeUpdate(tx, _ctx, current, changes) {
      if (changes['router:external'] === false && Number(current.router_external) === 1 && await routers.gatewayOn(tx, String(current.id))) {
        throw new ExternalNetworkInUse(String(current.id));
      }
    },
    async beforeDelete(tx, ctx, current) {
      // Unassociated floating IPs go with their network (their ports and addresses with them); associated ones keep it in use.
      for (const id of await fips.unassociatedOn(tx, String(current.id))) await deleteFloatingIp(tx, ctx, id);
      if (await routers.servicePortOn(tx, String(current.id))) throw new NetworkInUse(String(current.id));
    },
  };
}
