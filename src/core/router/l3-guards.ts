import type { FloatingIpRepo } from '../../store/repos/floating-ip-repo.ts';
import type { RouterRepo } from '../../store/repos/router-repo.ts';
import { queryRow } from '../../store/fast-sql.ts';
import { badRequest, ExternalNetworkInUse, GatewayIpInUse, NetworkInUse, ServicePortInUse, SubnetInUse } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { bumpRevision } from '../resource/revision.ts';
import { FLOATINGIP_OWNER, isServiceDelete, SERVICE_PORT_OWNERS } from './service-ports.ts';

/**
 * What routers and floating IPs forbid or do to ports (composed after the
 * port hooks): the ports they own are deleted only through the router or
 * floating IP API (409 ServicePortInUse), a deleted port loses its floating
 * IPs (they stay, unassociated) and its port forwardings, and an associated
 * fixed IP cannot be taken from a port (400).
 */
export function l3PortGuards(routers: RouterRepo, fips: FloatingIpRepo): ResourceHooks {
  return {
    async beforeUpdate(tx, _ctx, current, changes) {
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

/**
 * Networks (composed before the network hooks): router and floating IP ports
 * keep a network from being deleted, and a network with router gateways on
 * it from being made non-external.
 */
export function l3NetworkGuards(routers: RouterRepo): ResourceHooks {
  return {
    async beforeUpdate(tx, _ctx, current, changes) {
      if (changes['router:external'] === false && Number(current.router_external) === 1 && await routers.gatewayOn(tx, String(current.id))) {
        throw new ExternalNetworkInUse(String(current.id));
      }
    },
    async beforeDelete(tx, _ctx, current) {
      if (await routers.servicePortOn(tx, String(current.id))) throw new NetworkInUse(String(current.id));
    },
  };
}
