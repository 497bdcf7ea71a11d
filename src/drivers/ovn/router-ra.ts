import type { PortView } from '../driver.ts';
import type { RouterContext } from './router-model.ts';

/*
 * IPv6 router advertisements of a logical router port (its `ipv6_ra_configs`
 * column), as ML2/OVN derives them: the first of the port's subnets that has
 * an `ipv6_address_mode` decides the address mode the RAs announce (so SLAAC
 * and DHCPv6 clients on that network configure themselves from OVN), with the
 * network's MTU. Pure.
 *
 * ML2/OVN also announces a route to the IPv6 metadata address (fe80::a9fe:a9fe)
 * when its metadata service is on; muon's metadata proxy answers IPv4 only,
 * so that route is left out rather than promise a service nobody answers.
 */

/** Neutron's address modes → OVN's spelling. */
const OVN_ADDRESS_MODES: Readonly<Record<string, string>> = {
  slaac: 'slaac',
  'dhcpv6-stateful': 'dhcpv6_stateful',
  'dhcpv6-stateless': 'dhcpv6_stateless',
};

export function routerPortRaConfigs(port: PortView, gateway: boolean, context: RouterContext): Record<string, string> {
  for (const ip of port.fixed_ips) {
    const mode = context.subnets.get(ip.subnet_id)?.ipv6_address_mode;
    if (!mode || !(mode in OVN_ADDRESS_MODES)) continue;
    const network = context.networks.get(port.network_id);
    return {
      address_mode: OVN_ADDRESS_MODES[mode]!,
      // A gateway port on an external network stays quiet unless asked: periodic RAs
      // there would leak the project's router onto the provider network.
      send_periodic: gateway && network?.['router:external'] === true ? 'false' : 'true',
      ...(network ? { mtu: String(network.mtu) } : {}),
    };
  }
  return {};
}
