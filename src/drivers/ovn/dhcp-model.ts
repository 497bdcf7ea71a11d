import { createHash } from 'node:crypto';
import type { NetworkView, PortView, SubnetView } from '../driver.ts';
import { DHCP_DISABLED_OPT, DHCP_OPT_NAMES, QUOTED_DHCP_OPTS } from './dhcp-opt-names.ts';

/*
 * What OVN's DHCP_Options rows should be, as ML2/OVN writes them (pure):
 * one row per subnet with enable_dhcp (external_ids `subnet_id` and
 * `neutron:revision_number`), and one more per port and IP version when the
 * port has extra DHCP options of that version (the subnet's options with the
 * port's on top, external_ids plus `port_id`). A switch port points at the
 * row of its own (if any) or its subnet's through dhcpv4_options/dhcpv6_options.
 *
 * Differences from ML2/OVN, on purpose: the server MAC is derived from the
 * subnet id instead of drawn at random (a full resync into an empty database
 * then writes exactly what a stream of changes wrote), and with no
 * dns_nameservers on the subnet no dns_server is offered (ML2/OVN falls back
 * to its own configuration or the host's resolv.conf; muon has neither).
 */

/** ML2/OVN's default lease (ovn `dhcp_default_lease_time`, 12 h). */
export const DHCP_LEASE_TIME = '43200';
/** Where instances find metadata; routed to the network's metadata port when it has one. */
export const METADATA_IP = '169.254.169.254';

/** A DHCP_Options row muon wants; `key` names it among muon's rows (`<subnet id>` or `<subnet id>/<port id>`). */
export interface DhcpSpec {
  readonly key: string;
  readonly cidr: string;
  readonly options: Record<string, string>;
  readonly external_ids: Record<string, string>;
}

/** The key of a muon DHCP_Options row from its external_ids, or undefined when the row is not muon's. */
export function dhcpKeyOf(externalIds: Record<string, string>): string | undefined {
  const subnetId = externalIds.subnet_id;
  if (subnetId === undefined) return undefined;
  return externalIds.port_id === undefined ? subnetId : `${subnetId}/${externalIds.port_id}`;
}

/** A locally administered-looking fa:16:3e MAC (Neutron's base) fixed by the subnet id. */
export function dhcpServerMac(subnetId: string): string {
  const digest = createHash('sha256').update(subnetId).digest();
  return ['fa', '16', '3e', ...[0, 1, 2].map((i) => digest[i]!.toString(16).padStart(2, '0'))].join(':');
}

/** ML2/OVN's rule: no DHCP_Options for a SLAAC subnet (DHCPv6 has nothing to say there). */
export function servesDhcp(subnet: SubnetView): boolean {
  return subnet.enable_dhcp && !(subnet.ip_version === 6 && subnet.ipv6_address_mode === 'slaac');
}

/** The IP on `subnet` of the network's metadata port (device_owner network:distributed), if any. */
export function metadataIpOf(subnet: SubnetView, ports: readonly PortView[]): string | undefined {
  for (const port of ports) {
    if (port.device_owner !== 'network:distributed') continue;
    const ip = port.fixed_ips.find((f) => f.subnet_id === subnet.id);
    if (ip) return ip.ip_address;
  }
  return undefined;
}

/** The subnet's row (undefined when it serves no DHCP). `ports` are the network's (for the metadata port). */
export function desiredSubnetDhcp(subnet: SubnetView, network: NetworkView, ports: readonly PortView[]): DhcpSpec | undefined {
  if (!servesDhcp(subnet)) return undefined;
  const options = subnet.ip_version === 4 ? dhcpv4Options(subnet, network, metadataIpOf(subnet, ports)) : dhcpv6Options(subnet);
  return {
    key: subnet.id,
    cidr: subnet.cidr,
    options,
    external_ids: { subnet_id: subnet.id, 'neutron:revision_number': String(subnet.revision_number) },
  };
}

function dhcpv4Options(subnet: SubnetView, network: NetworkView, metadataIp: string | undefined): Record<string, string> {
  const serverId = subnet.gateway_ip ?? metadataIp;
  // No address to answer from: ML2/OVN writes the row with no options (OVN then does not answer).
  if (!serverId) return {};
  const options: Record<string, string> = { server_id: serverId, server_mac: dhcpServerMac(subnet.id), lease_time: DHCP_LEASE_TIME, mtu: String(network.mtu) };
  if (subnet.gateway_ip) options.router = subnet.gateway_ip;
  const dns = subnet.dns_nameservers ?? [];
  if (dns.length > 0) options.dns_server = `{${dns.join(', ')}}`;
  const routes = [
    ...(metadataIp ? [`${METADATA_IP}/32,${metadataIp}`] : []),
    ...(subnet.host_routes ?? []).map((r) => `${r.destination},${r.nexthop}`),
  ];
  // A client given option 121 ignores option 3 (RFC 3442), so the default route goes in as well.
  if (routes.length > 0) options.classless_static_route = `{${[...routes, ...(subnet.gateway_ip ? [`0.0.0.0/0,${subnet.gateway_ip}`] : [])].join(', ')}}`;
  return options;
}

function dhcpv6Options(subnet: SubnetView): Record<string, string> {
  const options: Record<string, string> = { server_id: dhcpServerMac(subnet.id) };
  const dns = subnet.dns_nameservers ?? [];
  if (dns.length > 0) options.dns_server = `{${dns.join(', ')}}`;
  if (subnet.ipv6_address_mode === 'dhcpv6-stateless') options.dhcpv6_stateless = 'true';
  return options;
}

/**
 * A port's DHCP for one IP version: `none` (network ports, `dhcp_disabled`,
 * or no fixed IP on a subnet muon serves), the subnet's row, or a row of the
 * port's own (`spec`) when it has extra DHCP options of that version.
 * `subnetRows` are the wanted subnet rows by subnet id.
 */
export type PortDhcp = { readonly kind: 'none' } | { readonly kind: 'subnet'; readonly key: string } | { readonly kind: 'port'; readonly spec: DhcpSpec };

export function desiredPortDhcp(port: PortView, ipVersion: 4 | 6, subnetRows: ReadonlyMap<string, DhcpSpec>): PortDhcp {
  const extra = extraOptionsOf(port, ipVersion);
  if (extra === 'disabled') return { kind: 'none' };
  const subnetRow = port.fixed_ips.map((ip) => (ipVersionOf(ip.ip_address) === ipVersion ? subnetRows.get(ip.subnet_id) : undefined)).find((row) => row !== undefined);
  if (subnetRow === undefined) return { kind: 'none' };
  if (Object.keys(extra).length === 0) return { kind: 'subnet', key: subnetRow.key };
  return {
    kind: 'port',
    spec: {
      key: `${subnetRow.key}/${port.id}`,
      cidr: subnetRow.cidr,
      options: { ...subnetRow.options, ...extra },
      external_ids: { ...subnetRow.external_ids, port_id: port.id },
    },
  };
}

/** The OVN options a port's extra_dhcp_opts ask for in `ipVersion`, or `disabled`. Network ports never get DHCP. */
function extraOptionsOf(port: PortView, ipVersion: 4 | 6): Record<string, string> | 'disabled' {
  if (port.device_owner.startsWith('network:')) return 'disabled';
  const names = DHCP_OPT_NAMES[ipVersion];
  const options: Record<string, string> = {};
  for (const opt of port.extra_dhcp_opts ?? []) {
    if ((opt.ip_version ?? 4) !== ipVersion) continue;
    if (opt.opt_name === DHCP_DISABLED_OPT && (opt.opt_value === 'true' || opt.opt_value === 'True')) return 'disabled';
    const name = names[opt.opt_name];
    // An option with no value removes nothing in OVN's model: ML2/OVN skips it, and so does muon.
    if (name === undefined || opt.opt_value === null || opt.opt_value === undefined) continue;
    options[name] = QUOTED_DHCP_OPTS.has(name) ? `"${opt.opt_value}"` : String(opt.opt_value);
  }
  return options;
}

function ipVersionOf(address: string): 4 | 6 {
  return address.includes(':') ? 6 : 4;
}
