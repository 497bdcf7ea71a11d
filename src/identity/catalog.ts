import { createHash } from 'node:crypto';

/** One endpoint of a service, as Keystone's v3 catalog lists it. */
export interface CatalogEndpoint { id: string; interface: 'public' | 'internal' | 'admin'; region: string; region_id: string; url: string }
export interface CatalogService { id: string; type: string; name: string; endpoints: CatalogEndpoint[] }

const INTERFACES = ['public', 'internal', 'admin'] as const;

/**
 * The service catalog: this one server is both the identity service (at
 * `<base>/identity`, unversioned as DevStack registers it; clients discover
 * v3 from there) and the network service (`neutron`, type `network`, at the
 * service root, where GET / lists v2.0). Ids are derived from type and
 * interface so that every API server renders the same catalog. Pure.
 *
 * @example buildCatalog('http://127.0.0.1:9696', 'RegionOne')[1].endpoints[0].url // 'http://127.0.0.1:9696/'
 */
export function buildCatalog(baseUrl: string, region: string): CatalogService[] {
  const base = baseUrl.replace(/\/+$/, '');
  const service = (type: string, name: string, url: string): CatalogService => ({
    id: stableId(`service:${type}`),
    type,
    name,
    endpoints: INTERFACES.map((iface) => ({ id: stableId(`endpoint:${type}:${iface}`), interface: iface, region, region_id: region, url })),
  });
  return [service('identity', 'keystone', `${base}/identity`), service('network', 'neutron', `${base}/`)];
}

function stableId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
