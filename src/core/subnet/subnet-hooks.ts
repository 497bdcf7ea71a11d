import { execute } from '../../store/fast-sql.ts';
import { creationSequence } from '../../store/store.ts';
import { defaultAllocationPools, defaultGateway } from '../../ipam/allocation-pools.ts';
import { cidrsOverlap, formatCidr, parseCidr, type Cidr } from '../../ipam/cidr.ts';
import { formatIpAddress, parseIpAddress } from '../../ipam/ip-address.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import type { Tx } from '../../store/store.ts';
import {
  DNSNameServersExhausted, HostRoutesExhausted, InvalidInput, NetworkNotFound, NetworkSubnetPoolAffinityError,
  SubnetInUse,
} from '../errors.ts';
import { IpAllocator, ROUTER_OWNERS } from '../ipam/ip-allocator.ts';
import { sharedFilter } from '../rbac/shared-object-hooks.ts';
import { isAutoAddressSubnet, subnetViewOf, type SubnetView } from '../ipam/subnet-view.ts';
import type { CoreRepos } from '../repos.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { bumpRevision } from '../resource/revision.ts';
import type { SubnetpoolAllocator } from '../subnetpool/subnetpool-allocator.ts';
import {
  checkCidr, checkGateway, checkGatewayOutsidePools, checkIpv6Modes, rangesToPools, validatePools, type Pool,
} from './subnet-rules.ts';

export interface SubnetLimits { readonly maxDnsNameservers: number; readonly maxSubnetHostRoutes: number }

/**
 * Subnets: where the CIDR comes from (explicit, a pool, the default pool),
 * gateway and allocation pools, IPv6 modes, overlap on the network, and the
 * IPAM pool (free intervals) that lives and dies with the subnet.
 */
export function subnetHooks(repos: CoreRepos, pools: SubnetpoolAllocator, limits: SubnetLimits): ResourceHooks {
  const ips = new IpAllocator(repos.ipam, repos.allocations);
  return {
    /** `shared` is not a subnet column: Neutron answers it from the subnet's network (hidden attribute, filter only). */
    filter: sharedFilter('network', 'network_id'),

    async beforeCreate(tx, ctx, values) {
      const network = await networkForSubnet(tx, repos, String(values.network_id));
      values.network_id = network.id;
      const siblings = (await repos.subnets.list(tx, { conditions: [{ kind: 'in', column: 'network_id', values: [network.id] }], sort: [] }))
        .map(subnetViewOf);
      const fromPool = await pools.resolveCidr(tx, ctx, values);
      const cidr = parseCidr(String(values.cidr), { strict: false })!;
      const ipVersion = Number(values.ip_version);
      if (cidr.version !== ipVersion) throw new InvalidInput(`cidr '${formatCidr(cidr)}' does not match the ip_version '${ipVersion}'`);
      checkCidr(cidr, values.enable_dhcp === true);
      checkIpv6Modes(ipVersion, cidr, values.enable_dhcp === true, nullable(values.ipv6_ra_mode), nullable(values.ipv6_address_mode));
      const overlapping = siblings.find((s) => cidrsOverlap(s.cidr, cidr));
      if (overlapping) throw new InvalidInput(`Requested subnet with cidr: ${formatCidr(cidr)} for network: ${network.id} overlaps with another subnet`);
      if (siblings.some((s) => s.ipVersion === ipVersion && s.subnetpoolId !== (values.subnetpool_id ?? null))) {
        throw new NetworkSubnetPoolAffinityError();
      }
      checkListLimits(values, limits, String(values.id));
      checkFamilies(values, ipVersion);
      if (values.gateway_ip === undefined) {
        const gateway = defaultGateway(cidr, { ipv6SubnetRouterAnycast: !fromPool });
        values.gateway_ip = gateway ? formatIpAddress(gateway) : null;
      }
      const gateway = (values.gateway_ip as string | null) ?? null;
      checkGateway(cidr, gateway);
      values.allocation_pools = choosePools(cidr, gateway, values.allocation_pools as Pool[] | undefined);
      values.cidr = formatCidr(cidr);
      values.ipv6_ra_mode = nullable(values.ipv6_ra_mode);
      values.ipv6_address_mode = nullable(values.ipv6_address_mode);
      values.subnetpool_id = values.subnetpool_id ?? null;
      values.service_types ??= [];
      delete values.use_default_subnetpool;
      delete values.prefixlen;
    },

    async afterCreate(tx, _ctx, values) {
      const view = subnetViewOf({ ...values, allocation_pools: JSON.stringify(values.allocation_pools), service_types: JSON.stringify(values.service_types ?? []) });
      await execute(tx, 'update "subnets" set "created_seq" = ? where "id" = ?', [creationSequence(), view.id]);
      await repos.ipam.addSubnet(tx, view);
      if (isAutoAddressSubnet(view)) await addAutoAddresses(tx, view);
      await bumpRevision(tx, 'networks', String(values.network_id));
    },

    async beforeUpdate(tx, _ctx, current, changes) {
      const view = subnetViewOf(current);
      if (changes.enable_dhcp === false && (view.ipv6RaMode !== null || view.ipv6AddressMode !== null)) {
        throw new InvalidInput('Cannot disable enable_dhcp with ipv6 attributes set');
      }
      checkListLimits(changes, limits, view.id);
      checkFamilies(changes, view.ipVersion);
      const gateway = changes.gateway_ip !== undefined ? (changes.gateway_ip as string | null) : view.gatewayIp;
      if (changes.gateway_ip !== undefined) checkGateway(view.cidr, gateway);
      if (changes.allocation_pools !== undefined || changes.gateway_ip !== undefined) {
        const explicit = changes.allocation_pools as Pool[] | undefined;
        const pools = explicit ?? rangesToPools(view.ipVersion, view.pools);
        const ranges = validatePools(view.cidr, pools);
        checkGatewayOutsidePools(gateway, ranges, pools);
        if (explicit) {
          changes.allocation_pools = rangesToPools(view.ipVersion, ranges);
          // Free space = the new pools minus held and reserved addresses (409 if a reservation would fall outside).
          await repos.ipam.changePools(tx, view, ranges);
        }
      }
      await bumpRevision(tx, 'networks', view.networkId);
    },

    async beforeDelete(tx, _ctx, current) {
      const id = String(current.id);
      // Auto-address (SLAAC) subnets are in use only through router interfaces; the EUI-64 addresses
      // of other ports go with the subnet. Other subnets are in use while non-network:* ports hold addresses.
      const inUse = isAutoAddressSubnet(subnetViewOf(current))
        ? await holdsRouterInterface(tx, id)
        : await repos.allocations.countUserAllocations(tx, id) > 0;
      if (inUse) throw new SubnetInUse(id);
      // Network-owned ports (DHCP, metadata) and, on SLAAC subnets, every port lose their address on this subnet.
      for (const row of await repos.allocations.allOfSubnet(tx, id)) {
        await repos.allocations.delete(tx, row.subnet_id, row.ip_hex);
        await bumpRevision(tx, 'ports', row.port_id);
      }
      await repos.ipam.removeSubnet(tx, subnetViewOf(current));
      await bumpRevision(tx, 'networks', String(current.network_id));
    },
  };

  /** Every port of the network that may have one gets its EUI-64 address on a new auto-address subnet. */
  async function addAutoAddresses(tx: Tx, subnet: SubnetView): Promise<void> {
    const ports = await repos.ports.list(tx, { conditions: [{ kind: 'in', column: 'network_id', values: [subnet.networkId] }], sort: [] });
    for (const port of ports) {
      const deviceOwner = String(port.device_owner ?? '');
      if (subnet.serviceTypes.length > 0 && !subnet.serviceTypes.includes(deviceOwner)) continue;
      const identity = { id: String(port.id), networkId: subnet.networkId, macAddress: String(port.mac_address), deviceOwner };
      if (await ips.addAutoAddress(tx, identity, subnet)) await bumpRevision(tx, 'ports', identity.id);
    }
  }

  async function holdsRouterInterface(tx: Tx, subnetId: string): Promise<boolean> {
    const portIds = [...new Set((await repos.allocations.allOfSubnet(tx, subnetId)).map((a) => a.port_id))];
    if (portIds.length === 0) return false;
    const ports = await repos.ports.list(tx, { conditions: [{ kind: 'in', column: 'id', values: portIds }], sort: [] });
    return ports.some((p) => ROUTER_OWNERS.has(String(p.device_owner)));
  }
}

/** The network a subnet goes on, locked against concurrent subnet changes (who may use it was the policy's check). */
async function networkForSubnet(tx: Tx, repos: CoreRepos, networkId: string): Promise<Row> {
  const network = await repos.networks.get(tx, networkId, { forUpdate: true });
  if (!network) throw new NetworkNotFound(networkId);
  return network;
}

/** Explicit pools validated against the CIDR and the gateway; else Neutron's defaults. */
function choosePools(cidr: Cidr, gateway: string | null, explicit: Pool[] | undefined): Pool[] {
  if (explicit === undefined || explicit === null) {
    return rangesToPools(cidr.version, defaultAllocationPools(cidr, gateway === null ? undefined : parseIpAddress(gateway)));
  }
  const ranges = validatePools(cidr, explicit);
  checkGatewayOutsidePools(gateway, ranges, explicit);
  return rangesToPools(cidr.version, ranges);
}

function checkListLimits(values: ResourceRecord, limits: SubnetLimits, subnetId: string): void {
  const nameservers = values.dns_nameservers as unknown[] | undefined;
  if (nameservers && nameservers.length > limits.maxDnsNameservers) throw new DNSNameServersExhausted(subnetId, limits.maxDnsNameservers);
  const routes = values.host_routes as unknown[] | undefined;
  if (routes && routes.length > limits.maxSubnetHostRoutes) throw new HostRoutesExhausted(subnetId, limits.maxSubnetHostRoutes);
}

/** Nameservers and host routes must be of the subnet's IP version. */
function checkFamilies(values: ResourceRecord, ipVersion: number): void {
  for (const server of (values.dns_nameservers as string[] | undefined) ?? []) {
    if (parseIpAddress(server)?.version !== ipVersion) throw new InvalidInput(`dns_nameserver '${server}' does not match the ip_version '${ipVersion}'`);
  }
  for (const route of (values.host_routes as Array<{ destination: string; nexthop: string }> | undefined) ?? []) {
    if (parseCidr(route.destination, { strict: false })?.version !== ipVersion || parseIpAddress(route.nexthop)?.version !== ipVersion) {
      throw new InvalidInput(`host_route '${route.destination}' does not match the ip_version '${ipVersion}'`);
    }
  }
}

function nullable(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}
