import type { NetworkView, PortView } from '../driver.ts';
import { switchName } from './ovn-model.ts';

/*
 * OVN's DNS table as ML2/OVN fills it (pure): one row per logical switch,
 * external_ids `ls_name` = the switch's name, referenced from the switch's
 * `dns_records`, whose `records` map names to addresses. ovn-controller
 * answers an instance's DNS queries for these names itself (on the way to the
 * subnet's DNS servers), so instances resolve each other with no DNS server.
 *
 * Which ports and which names, as ML2/OVN's `is_dns_required_for_port` and
 * `get_port_dns_records`: a port with a `dns_name` (ports without one, and
 * their default `host-<ip>` names, are not published) and a `device_id`; per
 * `dns_assignment` entry the hostname, the FQDN (trailing dot dropped) and,
 * when the network has a `dns_domain` other than the FQDN's, the hostname in
 * the network's domain, each → the port's addresses (space-separated); and
 * a PTR record per address (`<reversed>.in-addr.arpa` / nibble `ip6.arpa`) →
 * the FQDN.
 *
 * Differences from ML2/OVN, on purpose: a FQDN equal to the hostname (no
 * domain) is one name, not the address twice; the row exists exactly while the
 * switch has records (ML2/OVN makes it on the first port with a name and
 * keeps it), and two ports claiming one name resolve to the port with the
 * greater id (ML2/OVN: whichever wrote last) — so a full resync writes what a
 * stream of changes wrote.
 */

/** The key of external_ids naming the switch of a DNS row (ML2/OVN's). */
export const DNS_LS_NAME_KEY = 'ls_name';

export interface DnsSpec {
  readonly external_ids: Record<string, string>;
  readonly records: Record<string, string>;
}

/** Whether a port's names are published (ML2/OVN's `is_dns_required_for_port`). */
export function publishesDns(port: PortView): boolean {
  return Boolean(port.dns_name) && (port.dns_assignment ?? []).length > 0 && port.device_id !== '';
}

/** The records of one port (empty when it publishes none). */
export function portDnsRecords(port: PortView, networkDomain: string | undefined): Record<string, string> {
  if (!publishesDns(port)) return {};
  const records: Record<string, string> = {};
  const add = (name: string, ip: string) => { records[name] = records[name] === undefined ? ip : `${records[name]} ${ip}`; };
  const domain = (networkDomain ?? '').replace(/\.$/, '');
  for (const { hostname, fqdn: dotted, ip_address: ip } of port.dns_assignment ?? []) {
    const fqdn = dotted.replace(/\.$/, '');
    add(hostname, ip);
    if (domain !== '' && `${hostname}.${domain}` !== fqdn) add(`${hostname}.${domain}`, ip);
    if (fqdn !== hostname) add(fqdn, ip);
    records[reverseDnsName(ip)] = fqdn;
  }
  return records;
}

/** The network's DNS row, or undefined when none of its ports publishes a name. */
export function desiredDns(network: NetworkView, ports: readonly PortView[]): DnsSpec | undefined {
  const records: Record<string, string> = {};
  for (const port of [...ports].sort((a, b) => a.id.localeCompare(b.id))) Object.assign(records, portDnsRecords(port, network.dns_domain ?? undefined));
  if (Object.keys(records).length === 0) return undefined;
  return { external_ids: { [DNS_LS_NAME_KEY]: switchName(network.id) }, records };
}

/** The PTR name of an address: `4.3.2.1.in-addr.arpa`, or 32 reversed nibbles and `ip6.arpa`. */
export function reverseDnsName(ip: string): string {
  if (!ip.includes(':')) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  return `${[...expandIpv6(ip)].reverse().join('.')}.ip6.arpa`;
}

/** The 32 hex digits of an IPv6 address (a dotted IPv4 tail included). */
function expandIpv6(ip: string): string {
  let text = ip.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = tail === undefined ? groups(head) : [...groups(head), ...Array<string>(missing).fill('0'), ...groups(tail)];
  return all.map((g) => g.padStart(4, '0')).join('');
}
