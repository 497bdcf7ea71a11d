import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { ADMIN, Api } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * SQL statements per list request are pinned (NetBox style): a list of 20
 * rows must cost the same as a list of 2, so an N+1 regression fails here.
 */
const PINNED: Record<string, number> = JSON.parse(readFileSync(new URL('./query-counts.json', import.meta.url), 'utf8'));

forEachApi('pinned query counts', ({ api }) => {
  before(async () => {
    const net = await api.network({}, ADMIN);
    const subnet = await api.subnet(net.id, '10.1.0.0/24', {}, ADMIN);
    await api.subnet(net.id, 'fd01::/64', { ipv6_address_mode: 'slaac', ipv6_ra_mode: 'slaac' }, ADMIN);
    // Routers with gateways, and a floating IP on each port (behind the first router).
    const external = await api.network({ name: 'public', 'router:external': true }, ADMIN);
    await api.subnet(external.id, '198.51.100.0/24', {}, ADMIN);
    const edge = await api.create('routers', 'router', { name: 'edge', external_gateway_info: { network_id: external.id } }, ADMIN);
    assert.equal((await api.put(`/v2.0/routers/${edge.id}/add_router_interface`, { subnet_id: subnet.id }, ADMIN)).status, 200);
    for (let i = 0; i < 20; i++) {
      const port = await api.port(net.id, { name: `p${i}`, extra_dhcp_opts: [{ opt_name: 'mtu', opt_value: '1400' }] }, ADMIN);
      await api.create('routers', 'router', { name: `r${i}`, external_gateway_info: { network_id: external.id }, tenant_id: `r-project-${i}` }, ADMIN);
      await api.create('floatingips', 'floatingip', { floating_network_id: external.id, port_id: port.id }, ADMIN);
      await api.network({ name: `n${i}` }, ADMIN);
      await api.create('subnetpools', 'subnetpool', { name: `pool${i}`, prefixes: [`10.${50 + i}.0.0/16`] }, ADMIN);
      const group = await api.create('security-groups', 'security_group', { name: `sg${i}`, tenant_id: `sg-project-${i}` }, ADMIN);
      await api.create('security-group-rules', 'security_group_rule', { security_group_id: group.id, direction: 'ingress', protocol: 'tcp', tenant_id: `sg-project-${i}` }, ADMIN);
      await api.create('address-groups', 'address_group', { name: `ag${i}`, addresses: [`10.${i}.0.0/16`] }, ADMIN);
      await api.create('log/logs', 'log', { resource_type: 'security_group', resource_id: group.id, tenant_id: `sg-project-${i}` }, ADMIN);
      // Flavors, each bound to a service profile of its own.
      const flavor = await api.create('flavors', 'flavor', { name: `fl${i}`, service_type: 'FLAVORS' }, ADMIN);
      const profile = await api.create('service_profiles', 'service_profile', { metainfo: `m${i}` }, ADMIN);
      assert.equal((await api.post(`/v2.0/flavors/${flavor.id}/service_profiles`, { service_profile: { id: profile.id } }, ADMIN)).status, 201);
    }
  });

  for (const [path, pinned] of Object.entries(PINNED)) {
    test(`GET ${path} runs ${pinned} statements, whatever the row count`, async () => {
      Api.resetQueryLog();
      const response = await api.get(path, ADMIN);
      assert.equal(response.status, 200);
      const statements = Api.resetQueryLog();
      assert.equal(statements.length, pinned, `statements:\n${statements.join('\n')}`);
      if (path.includes('network-ip-availabilities')) return; // not a paginated collection
      const few = await api.get(`${path}${path.includes('?') ? '&' : '?'}limit=2`, ADMIN);
      assert.equal(few.status, 200);
      assert.equal(Api.resetQueryLog().length, pinned, 'a 2-row page costs what a full list costs');
    });
  }
});
