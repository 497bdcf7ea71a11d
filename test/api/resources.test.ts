import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { columnOf, resolveResources } from '../../src/definitions/index.ts';
import { ADMIN, Api } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * Declarative checks over every resource definition (NetBox style): whatever
 * a definition says is filterable, sortable, pageable or taggable must work
 * through the API. A new resource only needs a factory here.
 */
const resources = resolveResources();

type Factory = (api: Api, i: number) => Promise<any>;
const FACTORIES: Record<string, Factory> = {
  networks: (api, i) => api.network({ name: `net-${i}`, admin_state_up: i % 2 === 0 }, ADMIN),
  subnets: async (api, i) => api.subnet((await api.network({}, ADMIN)).id, `10.${100 + i}.0.0/24`, { name: `sub-${i}`, enable_dhcp: i % 2 === 0 }, ADMIN),
  ports: async (api, i) => api.port(sharedNetwork ??= (await api.network({}, ADMIN)).id, { name: `port-${i}`, device_id: `dev-${i}` }, ADMIN),
  subnetpools: (api, i) => api.create('subnetpools', 'subnetpool', { name: `pool-${i}`, prefixes: [`10.${200 + i}.0.0/16`], min_prefixlen: 24 }, ADMIN),
  address_scopes: (api, i) => api.create('address-scopes', 'address_scope', { name: `scope-${i}`, ip_version: 4 }, ADMIN),
  security_groups: (api, i) => api.create('security-groups', 'security_group', { name: `sg-${i}`, stateful: i % 2 === 0 }, ADMIN),
  security_group_rules: async (api, i) => api.create('security-group-rules', 'security_group_rule', {
    security_group_id: (sharedGroup ??= await api.create('security-groups', 'security_group', { name: 'rules' }, ADMIN)).id,
    direction: 'ingress', protocol: 'tcp', port_range_min: 1000 + i, port_range_max: 2000 + i, remote_ip_prefix: `10.${i}.0.0/16`,
  }, ADMIN),
  address_groups: (api, i) => api.create('address-groups', 'address_group', { name: `ag-${i}`, addresses: [`10.${i}.0.0/16`] }, ADMIN),
  // One address each of a subnet of their own (reservations are admin-made, for any project).
  ip_reservations: async (api, i) => api.create('ip-reservations', 'ip_reservation', {
    subnet_id: (await api.subnet((await api.network({}, ADMIN)).id, `10.${150 + i}.0.0/24`, {}, ADMIN)).id,
    ip_address: `10.${150 + i}.0.${10 + i}`, name: `resv-${i}`, purpose: `purpose-${i % 2}`, project_id: `project-${i}`,
  }, ADMIN),
  // /28 blocks of one pool, for five projects.
  ip_blocks: async (api, i) => api.create('ip-blocks', 'ip_block', {
    subnetpool_id: (sharedBlockPool ??= await api.create('subnetpools', 'subnetpool', { name: 'blocks', prefixes: ['100.64.0.0/24'], min_prefixlen: 24 }, ADMIN)).id,
    prefixlen: 28, name: `block-${i}`, purpose: `purpose-${i % 2}`, project_id: `project-${i}`,
  }, ADMIN),
  // A second (VXLAN) segment of a network each.
  segments: async (api, i) => api.create('segments', 'segment', { network_id: (await api.network({}, ADMIN)).id, network_type: 'vxlan', name: `seg-${i}`, description: `d-${i % 2}` }, ADMIN),
  // Shared and project VXLAN ranges above the configured ones.
  network_segment_ranges: (api, i) => api.create('network-segment-ranges', 'network_segment_range', {
    network_type: 'vxlan', minimum: 100000 + i * 10, maximum: 100005 + i * 10, name: `range-${i}`, shared: i % 2 === 0, project_id: `project-${i}`,
  }, ADMIN),
  // A trunk on a fresh port of the shared network each.
  trunks: async (api, i) => api.create('trunks', 'trunk', {
    port_id: (await api.port(sharedNetwork ??= (await api.network({}, ADMIN)).id, { name: `parent-${i}` }, ADMIN)).id, name: `trunk-${i}`, description: `d-${i % 2}`,
  }, ADMIN),
  // QoS policies of five projects, every other one shared.
  policies: (api, i) => api.create('qos/policies', 'policy', { name: `qos-${i}`, shared: i % 2 === 0, project_id: `project-${i}` }, ADMIN),
  // Agents register through core (their reports), then are read through the API.
  agents: async (api, i) => (await api.get(`/v2.0/agents/${await api.services.agents.registry.report({
    agent_type: i % 2 === 0 ? 'muon agent' : 'DHCP agent', binary: `bin-${i}`, topic: 'N/A', host: `host-${i}`, availability_zone: `az-${i % 2}`,
  })}`, ADMIN)).body.agent,
  // Inert templates (used in no group), so that they do not change the groups the other factories make.
  // Each shares a network of its own with another project.
  rbac_policies: async (api, i) => api.create('rbac-policies', 'rbac_policy', {
    object_type: 'network', object_id: (await api.network({}, ADMIN)).id, action: i % 2 === 0 ? 'access_as_shared' : 'access_as_external', target_tenant: `project-${i}`,
  }, ADMIN),
  default_security_group_rules: (api, i) => api.create('default-security-group-rules', 'default_security_group_rule', {
    direction: 'egress', protocol: 'udp', port_range_min: 3000 + i, port_range_max: 3000 + i, used_in_default_sg: false, used_in_non_default_sg: false,
  }, ADMIN),
  routers: (api, i) => api.create('routers', 'router', { name: `router-${i}`, admin_state_up: i % 2 === 0 }, ADMIN),
  // Flavors of two service types, every other one disabled; profiles with and without metainfo.
  flavors: (api, i) => api.create('flavors', 'flavor', { name: `flavor-${i}`, description: `d-${i % 2}`, service_type: i % 2 === 0 ? 'FLAVORS' : 'L3_ROUTER_NAT', enabled: i % 2 === 0 }, ADMIN),
  service_profiles: (api, i) => api.create('service_profiles', 'service_profile', { description: `sp-${i}`, metainfo: i % 2 === 0 ? `{"n": ${i}}` : `m-${i}`, enabled: i % 2 === 0 }, ADMIN),
  // Addresses of one external network, for five projects.
  floatingips: async (api, i) => api.create('floatingips', 'floatingip', {
    floating_network_id: (sharedExternal ??= await externalNetwork(api)), description: `fip-${i}`, project_id: `project-${i}`,
  }, ADMIN),
};
let sharedExternal: string | undefined;
async function externalNetwork(api: Api): Promise<string> {
  const network = await api.network({ name: 'public', 'router:external': true }, ADMIN);
  await api.subnet(network.id, '100.100.0.0/24', {}, ADMIN);
  return network.id;
}
let sharedNetwork: string | undefined;
let sharedGroup: { id: string } | undefined;
let sharedBlockPool: { id: string } | undefined;

forEachApi('every resource definition', ({ api }) => {
  before(async () => { sharedNetwork = undefined; sharedGroup = undefined; sharedBlockPool = undefined; sharedExternal = undefined; });

  test('every served resource has a factory here', () => {
    for (const binding of api.services.resources.values()) {
      if (!binding.resource.operations.includes('list')) continue;
      assert.ok(FACTORIES[binding.resource.collection], `no factory for ${binding.resource.collection}`);
    }
  });

  // Resources served by id only (the QoS rules alias API) are listed under their parent: qos.test.ts.
  for (const [collection, resource] of [...resources].filter(([, r]) => r.operations.includes('list'))) {
    const path = `/v2.0/${resource.path}`;
    describe(collection, () => {
      const items: any[] = [];
      before(async () => {
        for (let i = 0; i < 5; i++) items.push(await FACTORIES[collection]!(api, i));
      });

      test('show, .json suffix, 404 NeutronError for an unknown id', async () => {
        const shown = await api.get(`${path}/${items[0].id}`, ADMIN);
        assert.equal(shown.status, 200);
        assert.equal(shown.body[resource.name].id, items[0].id);
        assert.equal((await api.get(`${path}/${items[0].id}.json`, ADMIN)).body[resource.name].id, items[0].id);
        const missing = await api.get(`${path}/00000000-0000-0000-0000-000000000000`, ADMIN);
        assert.equal(missing.status, 404);
        assert.deepEqual(Object.keys(missing.body.NeutronError).sort(), ['detail', 'message', 'type']);
      });

      test('every filterable stored attribute filters', async () => {
        for (const [attribute, spec] of Object.entries(resource.attributes)) {
          if (!spec.filter || (spec.storage ?? 'text') === 'none' || spec.storage === 'json' || spec.visible === false) continue;
          const value = items[1][attribute];
          if (value === undefined || value === null || typeof value === 'object') continue;
          const listed = await api.get(`${path}?${encodeURIComponent(attribute)}=${encodeURIComponent(String(value))}`, ADMIN);
          assert.equal(listed.status, 200, `${attribute}: ${JSON.stringify(listed.body)}`);
          const ids = listed.body[resource.collection].map((r: any) => r.id);
          assert.ok(ids.includes(items[1].id), `filter ${attribute}=${value} misses the item`);
          // Some attributes show only on some rows (Neutron shows a network's is_default only when it is
          // external): a row that does not show the attribute cannot be judged by it.
          for (const row of listed.body[resource.collection].filter((r: any) => attribute in r)) {
            assert.deepEqual(row[attribute], value, `filter ${attribute} returned a non-matching row`);
          }
        }
      });

      test('repeated filter values are OR-ed', async () => {
        const listed = await api.get(`${path}?id=${items[0].id}&id=${items[2].id}`, ADMIN);
        assert.deepEqual(listed.body[resource.collection].map((r: any) => r.id).sort(), [items[0].id, items[2].id].sort());
      });

      test('an unknown filter is a 400 HTTPBadRequest', async () => {
        const bad = await api.get(`${path}?no_such_attribute=1`, ADMIN);
        assert.equal(bad.status, 400);
        assert.equal(bad.body.NeutronError.message, "['no_such_attribute'] is invalid attribute for filtering");
      });

      test('every sort key sorts both ways', async () => {
        for (const [attribute, spec] of Object.entries(resource.attributes)) {
          if (!spec.sort || (spec.storage ?? 'text') === 'none' || spec.storage === 'json' || attribute === 'tenant_id') continue;
          for (const dir of ['asc', 'desc'] as const) {
            const listed = await api.get(`${path}?sort_key=${encodeURIComponent(attribute)}&sort_dir=${dir}`, ADMIN);
            assert.equal(listed.status, 200, `${attribute} ${dir}: ${JSON.stringify(listed.body)}`);
            const values = listed.body[resource.collection].map((r: any) => r[attribute] ?? r[columnOf(attribute, spec)]);
            const sorted = [...values].sort(compare);
            if (dir === 'desc') sorted.reverse();
            assert.deepEqual(values, sorted, `sort_key=${attribute} ${dir}`);
          }
        }
        const bad = await api.get(`${path}?sort_key=no_such&sort_dir=asc`, ADMIN);
        assert.equal(bad.status, 400);
        const unpaired = await api.get(`${path}?sort_key=id`, ADMIN);
        assert.equal(unpaired.status, 400);
      });

      test('pagination walks every item once, forwards and backwards, with links', async () => {
        if (resource.pagination === false) {
          // Neutron serves some collections (rbac-policies) without pagination: limit and marker are ignored.
          const whole = await api.get(`${path}?limit=2&sort_key=id&sort_dir=asc`, ADMIN);
          const everything = await api.get(`${path}?sort_key=id&sort_dir=asc`, ADMIN);
          assert.ok(everything.body[resource.collection].length >= Math.max(3, items.length));
          assert.deepEqual(whole.body[resource.collection], everything.body[resource.collection]);
          assert.equal(whole.body[`${resource.collection}_links`], undefined);
          return;
        }
        const all = (await api.get(`${path}?sort_key=id&sort_dir=asc`, ADMIN)).body[resource.collection].map((r: any) => r.id);
        const seen: string[] = [];
        const relative = (href: string): string => new URL(href).pathname + new URL(href).search;
        const linkOf = (page: any, rel: string): string | undefined => {
          const link = page.body[`${resource.collection}_links`].find((l: any) => l.rel === rel);
          return link ? relative(link.href) : undefined;
        };
        let url: string | undefined = `${path}?limit=2&sort_key=id&sort_dir=asc`;
        for (let guard = 0; url && guard < 100; guard++) {
          const page: any = await api.get(url, ADMIN);
          assert.equal(page.status, 200);
          seen.push(...page.body[resource.collection].map((r: any) => r.id));
          url = linkOf(page, 'next');
        }
        assert.deepEqual(seen, all);
        // One by one to the empty page past the end, then back by `previous` links (Tempest's href walk).
        let page: any = await api.get(`${path}?limit=1&sort_key=id&sort_dir=asc`, ADMIN);
        for (let guard = 0; linkOf(page, 'next') && guard < 100; guard++) page = await api.get(linkOf(page, 'next')!, ADMIN);
        assert.deepEqual(page.body[resource.collection], [], 'the walk ends on an empty page');
        const backwards: string[] = [];
        for (let i = 0; i < all.length; i++) {
          page = await api.get(linkOf(page, 'previous') ?? assert.fail('a previous link'), ADMIN);
          backwards.push(...page.body[resource.collection].map((r: any) => r.id));
        }
        assert.deepEqual(backwards, [...all].reverse());
        const lastId = all.at(-1);
        const back = await api.get(`${path}?limit=2&sort_key=id&sort_dir=asc&marker=${lastId}&page_reverse=True`, ADMIN);
        assert.deepEqual(back.body[resource.collection].map((r: any) => r.id), all.slice(-3, -1));
        assert.equal((await api.get(`${path}?limit=-1`, ADMIN)).status, 400);
        assert.equal((await api.get(`${path}?limit=abc`, ADMIN)).status, 400);
      });

      test('fields= projects the output', async () => {
        // Every resource has an id; most a name (security group rules: a direction; floating IPs: an address; RBAC policies: an action; agents: a host;
        // service profiles: a driver).
        const second = ['name', 'direction', 'floating_ip_address', 'action', 'host', 'driver'].find((a) => a in resource.attributes)!;
        const listed = await api.get(`${path}?fields=id&fields=${second}`, ADMIN);
        for (const row of listed.body[resource.collection]) assert.deepEqual(Object.keys(row).sort(), ['id', second].sort());
        const shown = await api.get(`${path}/${items[0].id}?fields=id`, ADMIN);
        assert.deepEqual(Object.keys(shown.body[resource.name]), ['id']);
      });

      test('unknown attributes in a body are a 400', async () => {
        const bad = await api.post(path, { [resource.name]: { bogus: 1 } }, ADMIN);
        // Resources made elsewhere (agents report through core) have no create route.
        assert.equal(bad.status, resource.operations.includes('create') ? 400 : 404);
        if (resource.operations.includes('create')) assert.equal(bad.body.NeutronError.message, "Unrecognized attribute(s) 'bogus'");
        const badUpdate = await api.put(`${path}/${items[0].id}`, { [resource.name]: { bogus: 1 } }, ADMIN);
        assert.equal(badUpdate.status, resource.operations.includes('update') ? 400 : 404);
      });

      if (resource.standardAttributes) {
        test('standard attributes: revision bumps, If-Match, tags and tag filters', async () => {
          const item = items[3];
          const updated = await api.put(`${path}/${item.id}`, { [resource.name]: { description: 'changed' } }, ADMIN);
          assert.equal(updated.status, 200);
          assert.equal(updated.body[resource.name].revision_number, item.revision_number + 1);
          assert.match(updated.body[resource.name].updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
          const stale = await api.put(`${path}/${item.id}`, { [resource.name]: { description: 'x' } }, ADMIN, { 'if-match': `revision_number=${item.revision_number}` });
          assert.equal(stale.status, 412);
          assert.equal(stale.body.NeutronError.type, 'RevisionNumberConstraintFailed');
          const put = await api.put(`${path}/${item.id}/tags`, { tags: ['red', 'blue'] }, ADMIN);
          assert.deepEqual(put.body.tags, ['red', 'blue'], 'Neutron echoes the request order');
          await api.put(`${path}/${items[4].id}/tags/red`, undefined, ADMIN);
          const ids = async (query: string) => (await api.get(`${path}?${query}`, ADMIN)).body[resource.collection].map((r: any) => r.id).sort();
          assert.deepEqual(await ids('tags=red,blue'), [item.id]);
          assert.deepEqual(await ids('tags-any=red'), [item.id, items[4].id].sort());
          assert.ok(!(await ids('not-tags=red,blue')).includes(item.id));
          assert.ok((await ids('not-tags=red,blue')).includes(items[4].id));
          assert.ok(!(await ids('not-tags-any=red')).includes(items[4].id));
          assert.equal((await api.get(`${path}/${item.id}/tags/blue`, ADMIN)).status, 204);
          assert.equal((await api.delete(`${path}/${item.id}/tags/blue`, ADMIN)).status, 204);
          assert.equal((await api.get(`${path}/${item.id}/tags/blue`, ADMIN)).status, 404);
        });
      }

      test('delete → 204, then 404', async () => {
        const victim = await FACTORIES[collection]!(api, 9);
        assert.equal((await api.delete(`${path}/${victim.id}`, ADMIN)).status, 204);
        assert.equal((await api.get(`${path}/${victim.id}`, ADMIN)).status, 404);
        assert.equal((await api.delete(`${path}/${victim.id}`, ADMIN)).status, 404);
      });
    });
  }

  test('URIs over 8 KB get 414', async () => {
    const long = await api.get(`/v2.0/networks?name=${'x'.repeat(9000)}`, ADMIN);
    assert.equal(long.status, 414);
  });

  test('/v2.0/extensions lists each alias once, and each alias is retrievable', async () => {
    const list = (await api.get('/v2.0/extensions', ADMIN)).body.extensions;
    const aliases = list.map((e: any) => e.alias);
    assert.equal(new Set(aliases).size, aliases.length);
    for (const alias of aliases) assert.equal((await api.get(`/v2.0/extensions/${alias}`, ADMIN)).body.extension.alias, alias);
    assert.equal((await api.get('/v2.0/extensions/no-such-thing', ADMIN)).status, 404);
  });
});

/** Neutron sorts NULLs first; strings and numbers by their natural order, booleans false < true. */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'boolean' || typeof a === 'number') return Number(a) - Number(b);
  return String(a) < String(b) ? -1 : 1;
}
