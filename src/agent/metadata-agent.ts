import type { MuonClient } from './muon-client.ts';
import type { MetadataNamespaces, MetadataPort } from './metadata-namespaces.ts';

interface PortRow { id: string; mac_address: string; created_at?: string; fixed_ips: Array<{ subnet_id: string; ip_address: string }> }

/*
 * Which networks get a metadata namespace on this host, and their metadata
 * port. Level-based: `reconcile(network, wanted)` makes the host match —
 * wanted (an instance of the network is plugged here) means the network has
 * its `network:distributed` port (made through the API when missing, as
 * ML2/OVN's driver makes it; its addresses then appear in the network's DHCP
 * routes) and the namespace exists; not wanted means the namespace is gone.
 * Two agents racing to make the port both keep the oldest and delete the rest.
 */
export class MetadataAgent {
  constructor(private readonly muon: MuonClient, private readonly namespaces: MetadataNamespaces) {}

  async reconcile(networkId: string, wanted: boolean): Promise<void> {
    if (!wanted) {
      if (this.namespaces.networks().includes(networkId)) await this.namespaces.remove(networkId);
      return;
    }
    const port = await this.metadataPort(networkId);
    await this.namespaces.ensure(await this.withPrefixes(networkId, port));
  }

  private async metadataPort(networkId: string): Promise<PortRow> {
    const found = await this.list(networkId);
    if (found.length === 0) {
      const { network } = await this.muon.call('GET', `/v2.0/networks/${networkId}?fields=project_id`);
      await this.muon.call('POST', '/v2.0/ports', { port: {
        network_id: networkId, device_owner: 'network:distributed', device_id: `ovnmeta-${networkId}`, project_id: network.project_id, name: '',
      } });
      return this.metadataPort(networkId);
    }
    const [keep, ...extra] = found.sort((a, b) => `${a.created_at}${a.id}`.localeCompare(`${b.created_at}${b.id}`));
    for (const port of extra) await this.muon.call('DELETE', `/v2.0/ports/${port.id}`).catch(() => {});
    return keep!;
  }

  private async list(networkId: string): Promise<PortRow[]> {
    const query = `network_id=${networkId}&device_owner=network%3Adistributed&fields=id&fields=mac_address&fields=fixed_ips&fields=created_at`;
    return (await this.muon.call('GET', `/v2.0/ports?${query}`)).ports;
  }

  private async withPrefixes(networkId: string, port: PortRow): Promise<MetadataPort> {
    const { subnets } = await this.muon.call('GET', `/v2.0/subnets?network_id=${networkId}&ip_version=4&fields=id&fields=cidr`) as { subnets: Array<{ id: string; cidr: string }> };
    const lengthOf = new Map(subnets.map((s) => [s.id, s.cidr.split('/')[1]]));
    const addresses = port.fixed_ips.filter((ip) => lengthOf.has(ip.subnet_id)).map((ip) => `${ip.ip_address}/${lengthOf.get(ip.subnet_id)}`);
    return { id: port.id, networkId, macAddress: port.mac_address, addresses };
  }
}
