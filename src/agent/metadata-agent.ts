import type { MuonClient } from './muon-client.ts';
import type { MetadataNamespaces, MetadataPort } from './metadata-namespaces.ts';

interface PortRow { id: string; mac_address: string; created_at?: string; fixed_ips: Array<{ subnet_id: string; ip_address: string }> }

/*
 * Which networks get a metadata namespace on this host, and their metadata
 * port. Level-based: `reconcile(network, wanted)` makes the host match —
 * wanted (an instance of the network is plugged here) means the namespace
 * exists on the network's `network:distributed` port; not wanted means it is
 * gone. The server makes that port with the network's first IPv4 DHCP subnet
 * (core/subnet/metadata-port.ts, as ML2/OVN does), so the route to
 * 169.254.169.254 is in DHCP before any instance asks; a network without one
 * (no DHCP) gets no namespace here, and the periodic pass looks again.
 */
export class MetadataAgent {
  constructor(private readonly muon: MuonClient, private readonly namespaces: MetadataNamespaces) {}

  async reconcile(networkId: string, wanted: boolean): Promise<void> {
    const port = wanted ? await this.metadataPort(networkId) : undefined;
    if (port === undefined) {
      if (this.namespaces.networks().includes(networkId)) await this.namespaces.remove(networkId);
      return;
    }
    await this.namespaces.ensure(await this.withPrefixes(networkId, port));
  }

  /** The network's metadata port (the oldest, should there ever be two), or undefined. */
  private async metadataPort(networkId: string): Promise<PortRow | undefined> {
    const query = `network_id=${networkId}&device_owner=network%3Adistributed&fields=id&fields=mac_address&fields=fixed_ips&fields=created_at`;
    const found: PortRow[] = (await this.muon.call('GET', `/v2.0/ports?${query}`)).ports;
    return found.sort((a, b) => `${a.created_at}${a.id}`.localeCompare(`${b.created_at}${b.id}`))[0];
  }

  private async withPrefixes(networkId: string, port: PortRow): Promise<MetadataPort> {
    const { subnets } = await this.muon.call('GET', `/v2.0/subnets?network_id=${networkId}&ip_version=4&fields=id&fields=cidr`) as { subnets: Array<{ id: string; cidr: string }> };
    const lengthOf = new Map(subnets.map((s) => [s.id, s.cidr.split('/')[1]]));
    const addresses = port.fixed_ips.filter((ip) => lengthOf.has(ip.subnet_id)).map((ip) => `${ip.ip_address}/${lengthOf.get(ip.subnet_id)}`);
    return { id: port.id, networkId, macAddress: port.mac_address, addresses };
  }
}
