import type { NetworkView, PortView, SubnetView } from '../driver.ts';

/*
 * What the OVN northbound rows of a network and its ports should be, named
 * and tagged as ML2/OVN names them (so ovn-nbctl habits and tools written for
 * Neutron carry over): logical switch `neutron-<network id>`, logical switch
 * port named by the port id, `neutron:*` keys in external_ids. Pure.
 *
 * Ownership: muon owns every `neutron:*` key of external_ids and the option
 * keys listed below; keys others set (operators, other tools) are left alone.
 */

export const SWITCH_PREFIX = 'neutron-';

/** The logical switch of a network. */
export function switchName(networkId: string): string {
  return `${SWITCH_PREFIX}${networkId}`;
}

/** The network id of a switch muon owns (by name), or undefined. */
export function networkIdOf(switchName: string): string | undefined {
  return /^neutron-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(switchName) ? switchName.slice(SWITCH_PREFIX.length) : undefined;
}

/** other_config keys of a switch that muon sets (ML2/OVN's defaults without IGMP snooping). */
export const SWITCH_OTHER_CONFIG_KEYS = ['mcast_snoop', 'mcast_flood_unregistered', 'vlan-passthru'] as const;
/** options keys of a switch port that muon sets. */
export const PORT_OPTION_KEYS = ['requested-chassis', 'activation-strategy', 'mcast_flood_reports', 'router-port', 'nat-addresses', 'exclude-lb-vips-from-garp',
  // localnet ports (localnet-model.ts)
  'network_name', 'mcast_flood', 'localnet_learn_fdb'] as const;

export interface SwitchSpec {
  readonly name: string;
  readonly external_ids: Record<string, string>;
  readonly other_config: Record<string, string>;
}

export interface PortSpec {
  readonly name: string;
  readonly type: string;
  readonly addresses: string[];
  readonly port_security: string[];
  readonly enabled: boolean;
  readonly external_ids: Record<string, string>;
  readonly options: Record<string, string>;
  /** DHCP_Options refs (uuid or a uuid-name inserted in the same transaction); left alone when undefined. */
  readonly dhcpv4_options?: string | null;
  readonly dhcpv6_options?: string | null;
  /** Trunk subports (trunk-model.ts): the parent port; null for other ports, absent when not managed. */
  readonly parent_name?: string | null;
  /** The VLAN of a localnet port (localnet-model.ts) or of a trunk subport (trunk-model.ts); left alone when undefined. */
  readonly tag?: number | null;
}

export function desiredSwitch(network: NetworkView): SwitchSpec {
  return {
    name: switchName(network.id),
    external_ids: {
      'neutron:network_name': network.name,
      'neutron:mtu': String(network.mtu),
      'neutron:revision_number': String(network.revision_number),
      'neutron:availability_zone_hints': (network.availability_zone_hints ?? []).join(','),
    },
    other_config: { mcast_snoop: 'false', mcast_flood_unregistered: 'false', 'vlan-passthru': 'false' },
  };
}

const ROUTER_OWNERS = new Set(['network:router_interface', 'network:router_interface_distributed', 'network:router_ha_interface', 'network:router_gateway']);

/** Ports with no switch port of their own: a floating IP's port only holds its address. */
export function hasSwitchPort(port: PortView): boolean {
  return port.device_owner !== 'network:floatingip';
}

/**
 * The switch port of a port (undefined for ports that have none). `subnets`
 * gives the prefix lengths for `neutron:cidrs` and whether DHCP serves an
 * address (then OVN must know the address even without port security).
 */
export function desiredPort(port: PortView, subnets: ReadonlyMap<string, SubnetView>): PortSpec | undefined {
  if (!hasSwitchPort(port)) return undefined;
  const ips = port.fixed_ips.map((ip) => ip.ip_address);
  const cidrs = port.fixed_ips.flatMap((ip) => {
    const subnet = subnets.get(ip.subnet_id);
    return subnet ? [`${ip.ip_address}/${subnet.cidr.split('/')[1]}`] : [];
  });
  const external_ids: Record<string, string> = {
    'neutron:port_name': port.name,
    'neutron:device_id': port.device_id,
    'neutron:project_id': port.project_id,
    'neutron:cidrs': cidrs.join(' '),
    'neutron:device_owner': port.device_owner,
    'neutron:network_name': switchName(port.network_id),
    'neutron:security_group_ids': (port.security_groups ?? []).join(' '),
    'neutron:revision_number': String(port.revision_number),
  };
  const base = { name: port.id, enabled: port.admin_state_up, external_ids };
  if (ROUTER_OWNERS.has(port.device_owner)) {
    // The router side (Logical_Router_Port lrp-<port id>) belongs to the router reconciler.
    // A gateway port announces the router's NAT addresses (gratuitous ARP), not its forwarding VIPs (ML2/OVN).
    const gateway: Record<string, string> = port.device_owner === 'network:router_gateway' ? { 'nat-addresses': 'router', 'exclude-lb-vips-from-garp': 'true' } : {};
    return { ...base, type: 'router', addresses: ['router'], port_security: [], options: { 'router-port': `lrp-${port.id}`, ...gateway } };
  }
  const type = port.device_owner === 'network:distributed' ? 'localport' : '';
  const portSecurity = portSecurityOf(port);
  const own = [port.mac_address, ...ips].join(' ');
  const otherMacs = [...new Set((port.allowed_address_pairs ?? []).map((p) => p.mac_address).filter((mac) => mac !== port.mac_address))];
  const dhcp = port.fixed_ips.some((ip) => subnets.get(ip.subnet_id)?.enable_dhcp);
  const addresses = portSecurity.length > 0 || type !== '' || dhcp ? [own, ...(portSecurity.length > 0 ? otherMacs : [])] : [];
  if (portSecurity.length === 0 && type === '') addresses.push('unknown');
  const options: Record<string, string> = {};
  Object.assign(options, chassisOptions(port));
  if (type !== 'localport') options.mcast_flood_reports = 'true';
  return { ...base, type, addresses, port_security: portSecurity, options };
}

/**
 * Where OVN may bind the port: its binding host. While Nova live-migrates
 * the instance it names the destination in the active binding's profile
 * (`migrating_to`); ML2/OVN then requests both chassis (OVN's multi-chassis
 * binding, so the destination is wired before the move) and holds the
 * destination's traffic until the hypervisor announces the instance with a
 * RARP (`activation-strategy`; not for vhost-user ports, which cannot send
 * one). Activating the destination's binding (binding-extended) makes it
 * the binding host and ends the pair.
 */
export function chassisOptions(port: Pick<PortView, 'binding:host_id' | 'binding:profile' | 'binding:vif_type'>): Record<string, string> {
  const host = port['binding:host_id'];
  if (!host) return {};
  const destination = port['binding:profile']?.migrating_to;
  if (typeof destination !== 'string' || destination === '' || destination === host) return { 'requested-chassis': host };
  const options: Record<string, string> = { 'requested-chassis': `${host},${destination}` };
  if (port['binding:vif_type'] !== 'vhostuser') options['activation-strategy'] = 'rarp';
  return options;
}

/**
 * port_security entries: the port's MAC with its addresses and those of
 * allowed address pairs on the same MAC, then one entry per pair with another
 * MAC. None without port security, and none for the network's own ports
 * (device_owner network:*, trusted as Neutron trusts them).
 */
export function portSecurityOf(port: PortView): string[] {
  if (port.port_security_enabled === false || port.device_owner.startsWith('network:')) return [];
  const own = [port.mac_address, ...port.fixed_ips.map((ip) => ip.ip_address)];
  const others = new Set<string>();
  for (const pair of port.allowed_address_pairs ?? []) {
    if (pair.mac_address === port.mac_address) own.push(pair.ip_address);
    else others.add(`${pair.mac_address} ${pair.ip_address}`);
  }
  return [own.join(' '), ...others];
}
