import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { SELECTION_MIN_ROWS } from '../../src/store/repos/row-set.ts';
import { ADMIN, Api, MEMBER_A, MEMBER_B, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/*
 * A long, unpaginated list reads its ports' children (fixed IPs, tags, extra
 * DHCP options, security groups, trunks) with the list's own selection as a
 * sub-select, or with no condition when it lists the whole table, instead of
 * binding every id (store/repos/row-set.ts). Both ways must answer the same:
 * every listed port equals its show (which reads children by id), and a
 * paginated list (by id) equals the unpaginated one.
 */
const PORTS = SELECTION_MIN_ROWS + 40;
/** Statements that read ports' children by a bound list of ids. */
const BY_ID_LIST = /json_each|= any\(/;
const CHILD_TABLES = ['"tags"', '"ip_allocations"', '"extra_dhcp_opts"', '"security_group_port_bindings"', '"trunks"'];

forEachApi('long port lists read children by their own selection', ({ api }) => {
  let netA: { id: string };
  /** fixed_ips of each created port as the create answered, in allocation order. */
  const createdFixedIps = new Map<string, unknown>();
  before(async () => {
    netA = await api.network({ name: 'long-a' }, MEMBER_A);
    await api.subnet(netA.id, '10.20.0.0/22', {}, MEMBER_A);
    await api.subnet(netA.id, 'fd20::/64', { ipv6_address_mode: 'slaac', ipv6_ra_mode: 'slaac' }, MEMBER_A);
    const sg1 = await api.create('security-groups', 'security_group', { name: 'one' }, MEMBER_A);
    const sg2 = await api.create('security-groups', 'security_group', { name: 'two' }, MEMBER_A);
    const ports = Array.from({ length: PORTS }, (_, i) => ({
      network_id: netA.id,
      name: `p${i}`,
      ...(i % 3 === 0 ? { tags: [`t${i % 7}`, 'common', `z${i}`] } : {}),
      ...(i % 4 === 0 ? { extra_dhcp_opts: [{ opt_name: 'mtu', opt_value: '1400' }, { opt_name: 'bootfile-name', opt_value: `boot${i}` }] } : {}),
      ...(i % 5 === 0 ? { security_groups: [sg2.id, sg1.id] } : i % 5 === 1 ? { security_groups: [] } : {}),
    }));
    const created = await api.post('/v2.0/ports', { ports }, MEMBER_A);
    assert.equal(created.status, 201, JSON.stringify(created.body).slice(0, 300));
    for (const port of created.body.ports as Array<{ id: string; fixed_ips: unknown }>) createdFixedIps.set(port.id, port.fixed_ips);
    const [parent, sub1, sub2] = created.body.ports as Array<{ id: string }>;
    await api.create('trunks', 'trunk', { port_id: parent!.id, sub_ports: [
      { port_id: sub2!.id, segmentation_type: 'vlan', segmentation_id: 12 }, { port_id: sub1!.id, segmentation_type: 'vlan', segmentation_id: 11 },
    ] }, MEMBER_A);
    // Another project's port on A's network (A sees it through its network), and B's own network and ports (A does not).
    await api.port(netA.id, { name: 'b-on-a', tenant_id: MEMBER_B.project }, ADMIN);
    const netB = await api.network({ name: 'long-b' }, MEMBER_B);
    await api.subnet(netB.id, '10.30.0.0/24', {}, MEMBER_B);
    for (let i = 0; i < 5; i++) await api.port(netB.id, { name: `b${i}`, tags: ['b'] }, MEMBER_B);
  });

  /** The ports of a list request, and the statements it ran. */
  async function listed(path: string, as: As): Promise<{ ports: Array<Record<string, unknown>>; statements: string[] }> {
    Api.resetQueryLog();
    const response = await api.get(path, as);
    assert.equal(response.status, 200);
    return { ports: response.body.ports, statements: Api.resetQueryLog() };
  }

  async function assertEachAsShown(ports: ReadonlyArray<Record<string, unknown>>, as: As): Promise<void> {
    for (const port of ports) {
      const shown = await api.get(`/v2.0/ports/${String(port.id)}`, as);
      assert.equal(shown.status, 200);
      assert.deepEqual(port, shown.body.port, `port ${String(port.name)}`);
    }
  }

  function assertChildrenBySelection(statements: readonly string[]): void {
    const children = statements.filter((s) => CHILD_TABLES.some((table) => s.includes(`from ${table}`)));
    assert.equal(children.length, CHILD_TABLES.length, `statements:\n${statements.join('\n')}`);
    for (const statement of children) assert.doesNotMatch(statement, BY_ID_LIST);
  }

  test('an admin\'s list of every port: children read whole, each port as shown, the same as page by page', async () => {
    const all = await listed('/v2.0/ports', ADMIN);
    assert.equal(all.ports.length, PORTS + 1 + 5);
    assertChildrenBySelection(all.statements);
    for (const table of ['"ip_allocations"', '"extra_dhcp_opts"', '"security_group_port_bindings"', '"trunks"']) {
      assert.match(all.statements.find((s) => s.includes(`from ${table}`))!, /where 1 = 1/, `${table} read without a condition`);
    }
    await assertEachAsShown(all.ports, ADMIN);
    const paged = await listed(`/v2.0/ports?limit=${PORTS + 100}`, ADMIN);
    assert.ok(paged.statements.some((s) => s.includes('from "ip_allocations"') && BY_ID_LIST.test(s)), 'a page reads children by id');
    assert.deepEqual(paged.ports, all.ports);
    const sample = all.ports.find((p) => p.name === 'p0')!;
    assert.equal((sample.fixed_ips as unknown[]).length, 2);
    // A port's addresses come in the order they were allocated (IPv4, then the SLAAC address), as the create answered.
    for (const port of all.ports.filter((p) => createdFixedIps.has(String(p.id)))) assert.deepEqual(port.fixed_ips, createdFixedIps.get(String(port.id)));
    assert.deepEqual(sample.tags, ['common', 't0', 'z0']);
    assert.equal((sample.security_groups as unknown[]).length, 2);
    assert.deepEqual((sample.extra_dhcp_opts as Array<{ opt_name: string }>).map((o) => o.opt_name), ['bootfile-name', 'mtu']);
    assert.deepEqual((sample.trunk_details as { sub_ports: Array<{ segmentation_id: number }> }).sub_ports.map((s) => s.segmentation_id), [11, 12]);
  });

  test('a filtered list and a project\'s list read children through their conditions, each port as shown', async () => {
    const onNetwork = await listed(`/v2.0/ports?network_id=${netA.id}`, ADMIN);
    assert.equal(onNetwork.ports.length, PORTS + 1);
    assertChildrenBySelection(onNetwork.statements);
    await assertEachAsShown(onNetwork.ports, ADMIN);

    const own = await listed('/v2.0/ports', MEMBER_A);
    assert.equal(own.ports.length, PORTS + 1, 'A sees its ports and the one on its network, not B\'s');
    assertChildrenBySelection(own.statements);
    for (const statement of own.statements.filter((s) => s.includes('from "ip_allocations"'))) assert.match(statement, /in \(select/);
    await assertEachAsShown(own.ports, MEMBER_A);
    assert.deepEqual(own.ports, (await listed(`/v2.0/ports?limit=${PORTS + 100}`, MEMBER_A)).ports);
  });

  test('a short list reads children by id', async () => {
    const few = await listed('/v2.0/ports', MEMBER_B);
    assert.equal(few.ports.length, 6);
    assert.ok(few.statements.filter((s) => s.includes('from "ip_allocations"')).every((s) => BY_ID_LIST.test(s)));
    await assertEachAsShown(few.ports, MEMBER_B);
  });
});
