import type { FixedIp } from '../../store/repos/ip-allocation-repo.ts';

export interface DnsAssignment { hostname: string; ip_address: string; fqdn: string }

/**
 * Neutron's dns_assignment: one entry per fixed IP. Without a dns_name the
 * hostname is "host-" + the address with '.' and ':' turned into '-'; the
 * domain is the port's, else the network's, else the configured default.
 */
export function dnsAssignment(fixedIps: readonly FixedIp[], dnsName: string, domains: readonly string[]): DnsAssignment[] {
  const domain = domains.find((d) => d !== '') ?? '';
  return fixedIps.map((ip) => {
    const hostname = dnsName !== '' ? dnsName.replace(/\.$/, '') : `host-${ip.ip_address.replace(/[.:]/g, '-')}`;
    return { hostname, ip_address: ip.ip_address, fqdn: domain === '' ? `${hostname}.` : `${hostname}.${domain}` };
  });
}
