/**
 * Neutron extra_dhcp_opts names (and DHCP option numbers) → OVN DHCP_Options
 * keys, per IP version: the names ML2/OVN accepts (others are ignored, as
 * ML2/OVN ignores them). Data only; the source of truth is OVN's lib/ovn-l7.h.
 */
export const DHCP_OPT_NAMES: Readonly<Record<4 | 6, Readonly<Record<string, string>>>> = {
  4: {
    'arp-timeout': 'arp_cache_timeout', 'tcp-keepalive': 'tcp_keepalive_interval', netmask: 'netmask', router: 'router',
    'dns-server': 'dns_server', 'log-server': 'log_server', 'lpr-server': 'lpr_server', 'domain-name': 'domain_name',
    'domain-search': 'domain_search_list', 'swap-server': 'swap_server', 'policy-filter': 'policy_filter',
    'router-solicitation': 'router_solicitation', 'nis-server': 'nis_server', 'ntp-server': 'ntp_server',
    'server-id': 'server_id', 'tftp-server': 'tftp_server', 'classless-static-route': 'classless_static_route',
    'ms-classless-static-route': 'ms_classless_static_route', 'ip-forward-enable': 'ip_forward_enable',
    'router-discovery': 'router_discovery', 'ethernet-encap': 'ethernet_encap', 'default-ttl': 'default_ttl',
    'tcp-ttl': 'tcp_ttl', mtu: 'mtu', 'lease-time': 'lease_time', T1: 'T1', T2: 'T2', 'bootfile-name': 'bootfile_name',
    'bootfile-name-alt': 'bootfile_name_alt', wpad: 'wpad', 'path-prefix': 'path_prefix',
    'tftp-server-address': 'tftp_server_address', 'server-ip-address': 'next_server',
    1: 'netmask', 3: 'router', 6: 'dns_server', 7: 'log_server', 9: 'lpr_server', 15: 'domain_name', 16: 'swap_server',
    21: 'policy_filter', 32: 'router_solicitation', 35: 'arp_cache_timeout', 38: 'tcp_keepalive_interval',
    41: 'nis_server', 42: 'ntp_server', 54: 'server_id', 66: 'tftp_server', 121: 'classless_static_route',
    249: 'ms_classless_static_route', 19: 'ip_forward_enable', 31: 'router_discovery', 36: 'ethernet_encap',
    23: 'default_ttl', 37: 'tcp_ttl', 26: 'mtu', 51: 'lease_time', 58: 'T1', 59: 'T2', 67: 'bootfile_name',
    119: 'domain_search_list', 252: 'wpad', 210: 'path_prefix', 150: 'tftp_server_address', 255: 'next_server',
  },
  6: { 'server-id': 'server_id', 'dns-server': 'dns_server', 'domain-search': 'domain_search', 'ia-addr': 'ia_addr', 2: 'server_id', 5: 'ia_addr', 24: 'domain_search', 23: 'dns_server' },
};

/** OVN options whose values are strings, which OVN wants in double quotes (else it reads a variable name). */
export const QUOTED_DHCP_OPTS: ReadonlySet<string> = new Set(['domain_name', 'domain_search_list', 'bootfile_name', 'bootfile_name_alt', 'path_prefix', 'wpad', 'tftp_server']);

/** The extra_dhcp_opts name that turns OVN's DHCP off for a port (value `true`). */
export const DHCP_DISABLED_OPT = 'dhcp_disabled';
