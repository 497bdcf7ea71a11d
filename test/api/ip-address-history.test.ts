import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ADMIN, MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * Issue "Service-provider-grade IPAM", acceptance 3: the history answers
 * "who had address X at time T" correctly across reuse of the address.
 */
forEachApi('ip-address-history', ({ api }) => {
  let net: any;
  let subnet: any;

  const history = async (query: string, as = ADMIN) => api.get(`/v2.0/ip-address-history${query ? `?${query}` : ''}`, as);
  const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

  before(async () => {
    net = await api.network({ name: 'history' }, MEMBER_A);
    subnet = await api.subnet(net.id, '198.51.100.0/24', {}, MEMBER_A);
  });

  test('who had an address at a time, across its reuse by another port and project', async () => {
    const first = await api.port(net.id, { device_id: 'vm-1', fixed_ips: [{ ip_address: '198.51.100.7' }] }, MEMBER_A);
    await pause();
    assert.equal((await api.delete(`/v2.0/ports/${first.id}`, MEMBER_A)).status, 204);
    await pause();
    const second = await api.port(net.id, { device_id: 'vm-2', project_id: 'project-z', fixed_ips: [{ ip_address: '198.51.100.7' }] }, ADMIN);

    const all = (await history('ip_address=198.51.100.7')).body.ip_address_history;
    assert.equal(all.length, 2);
    const [a, b] = all;
    assert.deepEqual([a.port_id, a.device_id, a.project_id, a.mac_address, a.subnet_id, a.network_id], [first.id, 'vm-1', 'project-a', first.mac_address, subnet.id, net.id]);
    assert.deepEqual([b.port_id, b.device_id, b.project_id], [second.id, 'vm-2', 'project-z']);
    assert.ok(a.held_until !== null && a.held_from < a.held_until, 'the first holding is closed');
    assert.ok(a.held_until <= b.held_from, 'the second holding starts after the first ended');
    assert.equal(b.held_until, null, 'the second is still held');

    const at = async (time: string) => (await history(`ip_address=198.51.100.7&at=${encodeURIComponent(time)}`)).body.ip_address_history.map((h: any) => h.port_id);
    assert.deepEqual(await at(a.held_from), [first.id], 'at the start of the first holding');
    const during = new Date((Date.parse(a.held_from) + Date.parse(a.held_until)) / 2).toISOString();
    if (during > a.held_from) assert.deepEqual(await at(during), [first.id], 'during the first holding');
    assert.deepEqual(await at(b.held_from), [second.id], 'at the start of the second holding');
    assert.deepEqual(await at(new Date(Date.now() + 3_600_000).toISOString()), [second.id], 'later: still the second');
    assert.deepEqual(await at('2000-01-01'), [], 'before anyone');

    assert.deepEqual((await history(`port_id=${first.id}`)).body.ip_address_history.map((h: any) => h.ip_address), ['198.51.100.7']);
    assert.deepEqual((await history('project_id=project-z&ip_address=198.51.100.7')).body.ip_address_history.map((h: any) => h.port_id), [second.id]);
    assert.equal((await history('ip_address=198.51.100.7&limit=1')).body.ip_address_history.length, 1);
  });

  test('a fixed IP change closes the old holding and opens the new one', async () => {
    const port = await api.port(net.id, { fixed_ips: [{ ip_address: '198.51.100.20' }] }, MEMBER_A);
    await pause();
    assert.equal((await api.put(`/v2.0/ports/${port.id}`, { port: { fixed_ips: [{ ip_address: '198.51.100.21' }] } }, MEMBER_A)).status, 200);
    const holdings = (await history(`port_id=${port.id}`)).body.ip_address_history;
    assert.deepEqual(holdings.map((h: any) => [h.ip_address, h.held_until === null]), [['198.51.100.20', false], ['198.51.100.21', true]]);
  });

  test('administrators only; bad queries are 400s', async () => {
    const denied = await history('', MEMBER_A);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.NeutronError.type, 'PolicyNotAuthorized');
    for (const query of ['at=yesterday', 'at=2026-13-45', 'limit=0', 'limit=abc', 'nonsense=1', 'at=2026-01-01&at=2026-01-02']) {
      const bad = await history(query);
      assert.equal(bad.status, 400, query);
      assert.equal(bad.body.NeutronError.type, 'HTTPBadRequest', query);
    }
    assert.ok((await api.get('/v2.0/extensions/ip-address-history', ADMIN)).status === 200);
  });
});
