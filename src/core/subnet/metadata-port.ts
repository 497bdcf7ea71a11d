import type { Row } from '../../store/repos/resource-repo.ts';
import type { Tx } from '../../store/store.ts';
import { elevated, type RequestContext } from '../context.ts';
import type { CoreRepos } from '../repos.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import type { ResourceService } from '../resource/resource-service.ts';

/** The device owner of a network's metadata port (a `localport` in OVN). */
export const METADATA_PORT_OWNER = 'network:distributed';

/** The device_id ML2/OVN gives a network's metadata port (the metadata namespace's name too). */
export function metadataDeviceId(networkId: string): string {
  return `ovnmeta-${networkId}`;
}

/*
 * The network's metadata port, made by the server as ML2/OVN's
 * `create_metadata_port`/`update_metadata_port` make it: when a network gets
 * its first IPv4 subnet with DHCP, in the same transaction, with an address on
 * every such subnet. The DHCP options of those subnets route 169.254.169.254
 * through that address (drivers/ovn/dhcp-model.ts), so an instance's very
 * first lease carries the route. (When the host agent made the port on
 * demand, an instance that got its lease first had no route until renewal.)
 *
 * Level-based: after each subnet create or DHCP change the port's IPv4
 * addresses are on exactly the network's IPv4 DHCP subnets (addresses it has
 * keep their value). A port left without a DHCP subnet stays, as ML2/OVN
 * leaves it; a deleted subnet's address goes with the subnet (subnet-hooks.ts)
 * and the port goes with its network. IPv6 is left alone: the metadata address
 * is IPv4 only here. The subnet's network row is locked (subnet-hooks.ts
 * `networkForSubnet`, the update's own row lock serialises per subnet), so two
 * requests cannot both make a port.
 */
export function metadataPortHooks(repos: CoreRepos, ports: () => ResourceService): ResourceHooks {
  return {
    async afterCreate(tx, ctx, values) {
      await syncMetadataPort(tx, ctx, String(values.network_id));
    },
    async afterUpdate(tx, ctx, current, changes) {
      if (changes.enable_dhcp !== undefined) await syncMetadataPort(tx, ctx, String(current.network_id));
    },
  };

  async function syncMetadataPort(tx: Tx, ctx: RequestContext, networkId: string): Promise<void> {
    const byNetwork = [{ kind: 'in' as const, column: 'network_id', values: [networkId] }];
    const subnets = await repos.subnets.list(tx, { conditions: byNetwork, sort: [{ column: 'created_seq', direction: 'asc' }] });
    const wanted = subnets.filter((s) => Number(s.ip_version) === 4 && Boolean(s.enable_dhcp)).map((s) => String(s.id));
    const existing = await repos.ports.list(tx, { conditions: [...byNetwork, { kind: 'in', column: 'device_owner', values: [METADATA_PORT_OWNER] }], sort: [], limit: 1 });
    const port = existing[0];
    if (port === undefined) {
      if (wanted.length > 0) await create(tx, ctx, networkId, wanted);
      return;
    }
    const ipv4 = new Set(subnets.filter((s) => Number(s.ip_version) === 4).map((s) => String(s.id)));
    const fixedIps = await portFixedIps(tx, ctx, port);
    const held = new Set(fixedIps.filter((ip) => ipv4.has(ip.subnet_id)).map((ip) => ip.subnet_id));
    if (held.size === wanted.length && wanted.every((id) => held.has(id))) return;
    // Addresses kept as they are (other families, and IPv4 on subnets still served); a new one for each new subnet.
    const keep = fixedIps.filter((ip) => !ipv4.has(ip.subnet_id) || wanted.includes(ip.subnet_id));
    const added = wanted.filter((id) => !held.has(id)).map((subnet_id) => ({ subnet_id }));
    await ports().updateWithin(tx, elevated(ctx), String(port.id), { fixed_ips: [...keep, ...added] });
  }

  async function create(tx: Tx, ctx: RequestContext, networkId: string, subnetIds: readonly string[]): Promise<void> {
    const network = await repos.networks.get(tx, networkId);
    await ports().createWithin(tx, elevated(ctx), {
      network_id: networkId, project_id: network?.project_id, tenant_id: network?.project_id, name: '', admin_state_up: true,
      device_owner: METADATA_PORT_OWNER, device_id: metadataDeviceId(networkId), fixed_ips: subnetIds.map((subnet_id) => ({ subnet_id })),
    });
  }

  async function portFixedIps(tx: Tx, ctx: RequestContext, port: Row): Promise<Array<{ subnet_id: string; ip_address?: string }>> {
    const record = await ports().readWithin(tx, elevated(ctx), String(port.id));
    return record.fixed_ips as Array<{ subnet_id: string; ip_address: string }>;
  }
}
