import { cidrContainsAddress, cidrFirst, cidrLast } from '../../ipam/cidr.ts';
import { eui64Address } from '../../ipam/eui64.ts';
import { formatIpAddress, parseIpAddress, valueToHex, type IpAddress } from '../../ipam/ip-address.ts';
import { queryRow } from '../../store/fast-sql.ts';
import type { FixedIp, IpAllocationRepo } from '../../store/repos/ip-allocation-repo.ts';
import type { IpAllocationTable } from '../../store/schema.ts';
import type { Tx } from '../../store/store.ts';
import {
  InvalidInput, InvalidIpForNetwork, InvalidIpForSubnet, IpAddressAlreadyAllocated, IpAddressGenerationFailure,
} from '../errors.ts';
import { AddressInFlux, type IpamDriver } from './ipam-driver.ts';
import { isAutoAddressSubnet, type SubnetView } from './subnet-view.ts';

/** One entry of a port's fixed_ips request. */
export interface FixedIpRequest { subnet_id?: string; ip_address?: string }

/** The port an allocation is for; without `projectId` it is read from the port row when needed (reserved addresses). */
export interface PortIdentity { id: string; networkId: string; macAddress: string; deviceOwner: string; projectId?: string }

/** Router interface owners: they never get automatic (EUI-64) addresses. */
export const ROUTER_OWNERS: ReadonlySet<string> = new Set(['network:router_interface', 'network:router_interface_distributed', 'network:ha_router_replicated_interface']);

/**
 * Neutron's address rules for ports (semantics.md §8), on top of the IPAM
 * driver (which address is free): no request → one IPv4 and one stateful IPv6 address
 * from the first subnets that have room, plus an EUI-64 address on every
 * SLAAC/stateless subnet; explicit requests by subnet and/or address.
 * Runs inside the request's transaction; every insert is guarded by the
 * ip_allocations primary key.
 */
export class IpAllocator {
  constructor(private readonly ipam: IpamDriver, private readonly allocations: IpAllocationRepo) {}

  /**
   * Allocates addresses for a port; `requested` undefined = automatic, [] = none.
   * `addAutoAddresses` (default true) adds EUI-64 addresses on SLAAC subnets the request does not name.
   */
  async allocate(
    tx: Tx, port: PortIdentity, subnets: readonly SubnetView[], requested: readonly FixedIpRequest[] | undefined,
    options: { firstOrdinal?: number; addAutoAddresses?: boolean } = {},
  ): Promise<FixedIp[]> {
    const out: FixedIp[] = [];
    let ordinal = options.firstOrdinal ?? 0;
    // `taken`: the driver took the address out of its free ranges, so no port holds it and the
    // insert needs no answer; else a port may, and the insert says whether one does.
    // `held`: the driver saw a port holding it; an insert that is not refused means that port let
    // it go meanwhile (its release put it back in the free ranges or a reservation): decide again.
    const record = async (subnet: SubnetView, ip: IpAddress, taken = false, held = false) => {
      const text = formatIpAddress(ip);
      const row = { subnet_id: subnet.id, ip_hex: valueToHex(ip.value), ip_address: text, port_id: port.id, network_id: port.networkId, ordinal: ordinal++ };
      if (taken) await this.allocations.insertTaken(tx, row);
      else if (!(await this.allocations.insert(tx, row))) throw new IpAddressAlreadyAllocated(text, subnet.id);
      else if (held) throw new AddressInFlux(text);
      out.push({ subnet_id: subnet.id, ip_address: text });
    };
    const eligible = eligibleSubnets(subnets, port.deviceOwner);
    const isRouterPort = ROUTER_OWNERS.has(port.deviceOwner);
    const covered = new Set<string>();

    if (requested === undefined) {
      for (const version of [4, 6] as const) {
        const candidates = eligible.filter((s) => s.ipVersion === version && !isAutoAddressSubnet(s));
        if (candidates.length === 0) continue;
        let done = false;
        for (const subnet of candidates) {
          const value = await this.ipam.allocateAny(tx, subnet);
          if (value === undefined) continue;
          await record(subnet, { version, value }, true);
          done = true;
          break;
        }
        if (!done) throw new IpAddressGenerationFailure(port.networkId);
      }
    } else {
      for (const entry of requested) {
        const subnet = this.subnetFor(entry, subnets, port.networkId);
        covered.add(subnet.id);
        if (entry.ip_address !== undefined) {
          const ip = parseIpAddress(entry.ip_address)!;
          if (isAutoAddressSubnet(subnet) && !isRouterPort) {
            throw new InvalidInput(`IPv6 address ${entry.ip_address} cannot be directly assigned to a port on subnet ${subnet.id} with ${subnet.ipv6AddressMode} address mode`);
          }
          checkSubnetIp(subnet, ip, isRouterPort);
          const claim = await this.ipam.allocateSpecific(tx, subnet, ip.value, () => projectOf(tx, port));
          await record(subnet, ip, false, claim === 'held');
        } else if (isAutoAddressSubnet(subnet) && !isRouterPort) {
          await record(subnet, eui64Address(subnet.cidr, port.macAddress));
        } else {
          const value = await this.ipam.allocateAny(tx, subnet);
          if (value === undefined) throw new IpAddressGenerationFailure(port.networkId);
          await record(subnet, { version: subnet.ipVersion, value }, true);
        }
      }
    }
    if (options.addAutoAddresses !== false && !isRouterPort && (requested === undefined || requested.length > 0)) {
      for (const subnet of eligible) {
        if (isAutoAddressSubnet(subnet) && !covered.has(subnet.id)) await record(subnet, eui64Address(subnet.cidr, port.macAddress));
      }
    }
    return out;
  }

  /**
   * Gives an existing port its EUI-64 address on an auto-address subnet that
   * was just added to its network (Neutron's _add_auto_addrs_on_network_ports).
   * Returns undefined when the port does not get one (router interfaces).
   */
  async addAutoAddress(tx: Tx, port: PortIdentity, subnet: SubnetView): Promise<FixedIp | undefined> {
    if (!isAutoAddressSubnet(subnet) || ROUTER_OWNERS.has(port.deviceOwner)) return undefined;
    const held = await this.allocations.ofPort(tx, port.id);
    const ordinal = held.reduce((m, a) => Math.max(m, Number(a.ordinal) + 1), 0);
    return (await this.allocate(tx, port, [subnet], [{ subnet_id: subnet.id }], { firstOrdinal: ordinal, addAutoAddresses: false }))[0];
  }

  /** Gives addresses back: rows deleted, pool addresses returned to their reservation or the free intervals. */
  async release(tx: Tx, subnets: ReadonlyMap<string, SubnetView>, rows: readonly IpAllocationTable[]): Promise<void> {
    for (const row of rows) {
      await this.allocations.delete(tx, row.subnet_id, row.ip_hex);
      const subnet = subnets.get(row.subnet_id);
      if (subnet) await this.ipam.release(tx, subnet, BigInt(`0x${row.ip_hex}`));
    }
  }

  private subnetFor(entry: FixedIpRequest, subnets: readonly SubnetView[], networkId: string): SubnetView {
    if (entry.subnet_id !== undefined) {
      const subnet = subnets.find((s) => s.id === entry.subnet_id);
      if (!subnet) throw new InvalidInput(`Failed to create port on network ${networkId}, because fixed_ips included invalid subnet ${entry.subnet_id}`);
      if (entry.ip_address !== undefined) {
        const ip = parseIpAddress(entry.ip_address);
        if (!ip || !cidrContainsAddress(subnet.cidr, ip)) throw new InvalidIpForSubnet(entry.ip_address);
      }
      return subnet;
    }
    if (entry.ip_address === undefined) throw new InvalidInput('IP allocation requires subnet_id or ip_address');
    const ip = parseIpAddress(entry.ip_address);
    const subnet = ip && subnets.find((s) => cidrContainsAddress(s.cidr, ip));
    if (!subnet) throw new InvalidIpForNetwork(entry.ip_address);
    return subnet;
  }
}

/** The project of the port an address is for (the port row exists before its addresses). */
async function projectOf(tx: Tx, port: PortIdentity): Promise<string> {
  if (port.projectId !== undefined) return port.projectId;
  const row = await queryRow<{ project_id: string }>(tx, 'select "project_id" from "ports" where "id" = ?', [port.id]);
  return row?.project_id ?? '';
}

/**
 * Subnets a port of this device owner may take addresses from
 * (subnet-service-types): those that list its owner, else those that list nothing.
 */
export function eligibleSubnets(subnets: readonly SubnetView[], deviceOwner: string): SubnetView[] {
  const matching = subnets.filter((s) => s.serviceTypes.includes(deviceOwner));
  return matching.length > 0 ? matching : subnets.filter((s) => s.serviceTypes.length === 0);
}

/** Neutron's check_subnet_ip: not the IPv4 network/broadcast address; the IPv6 network address only for router ports. */
function checkSubnetIp(subnet: SubnetView, ip: IpAddress, isRouterPort: boolean): void {
  const first = cidrFirst(subnet.cidr);
  const last = cidrLast(subnet.cidr);
  const text = formatIpAddress(ip);
  if (subnet.ipVersion === 4 && subnet.cidr.prefixLength < 31 && (ip.value === first || ip.value === last)) throw new InvalidIpForSubnet(text);
  if (subnet.ipVersion === 6 && subnet.cidr.prefixLength < 127 && ip.value === first && !isRouterPort) throw new InvalidIpForSubnet(text);
}
