import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * Issue "Service-provider-grade IPAM": reservations hold addresses of a
 * subnet for a project without a port; allocation never hands them out
 * except to a port of that project asking by address; expired ones return
 * to the pool by themselves.
 */
forEachApi('ip-reservations', ({ api }) => {
  let net: any;
  let subnet: any;

  const reserve = (body: Record<string, unknown>, as = ADMIN) => api.post('/v2.0/ip-reservations', { ip_reservation: { subnet_id: subnet.id, ...body } }, as);
  /** A port of `project` asking for `ip`: made by the project itself when it owns the network, else by an admin for it. */
  const portWith = (ip: string, project: string, networkId = net.id) => api.post('/v2.0/ports',
    { port: { network_id: networkId, project_id: project, fixed_ips: [{ ip_address: ip }] } }, project === 'project-a' && networkId !== net.id ? MEMBER_A : ADMIN);

  before(async () => {
    // Shared, so that project-b may put ports on it too.
    net = await api.network({ name: 'resv', shared: true }, ADMIN);
    subnet = await api.subnet(net.id, '192.0.2.0/24', { allocation_pools: [{ start: '192.0.2.10', end: '192.0.2.29' }] }, ADMIN);
  });

  test('one address, a range and a prefix; shown with counts; listed with filters', async () => {
    const one = await reserve({ ip_address: '192.0.2.10', project_id: 'project-a', purpose: 'vip' });
    assert.equal(one.status, 201, JSON.stringify(one.body));
    const r = one.body.ip_reservation;
    assert.deepEqual([r.start_ip_address, r.end_ip_address, r.cidr, r.total_ips, r.used_ips, r.project_id, r.purpose, r.ip_version, r.expires_at],
      ['192.0.2.10', '192.0.2.10', null, 1, 0, 'project-a', 'vip', 4, null]);
    assert.equal(r.first_hex, undefined, 'internal keys are not shown');
    const range = await reserve({ start_ip_address: '192.0.2.11', end_ip_address: '192.0.2.13', project_id: 'project-b' });
    assert.equal(range.status, 201, JSON.stringify(range.body));
    const prefix = await reserve({ cidr: '192.0.2.17/30', project_id: 'project-a' });
    assert.equal(prefix.status, 201, JSON.stringify(prefix.body));
    assert.deepEqual([prefix.body.ip_reservation.start_ip_address, prefix.body.ip_reservation.end_ip_address, prefix.body.ip_reservation.cidr],
      ['192.0.2.16', '192.0.2.19', '192.0.2.16/30']);

    const mine = (await api.get('/v2.0/ip-reservations', MEMBER_A)).body.ip_reservations;
    assert.deepEqual(mine.map((x: any) => x.start_ip_address).sort(), ['192.0.2.10', '192.0.2.16'], 'a project sees its own');
    const byPurpose = (await api.get('/v2.0/ip-reservations?purpose=vip&fields=id&fields=purpose', ADMIN)).body.ip_reservations;
    assert.deepEqual(byPurpose, [{ id: r.id, purpose: 'vip' }]);
    assert.equal((await api.get(`/v2.0/ip-reservations/${range.body.ip_reservation.id}`, MEMBER_A)).status, 404, "another project's is invisible");
  });

  test('allocation skips reserved addresses; only the reservation project may ask for one', async () => {
    const taken = (await api.get('/v2.0/ip-reservations', ADMIN)).body.ip_reservations;
    const reserved = new Set<string>();
    for (const x of taken) for (let i = Number(x.start_ip_address.split('.')[3]); i <= Number(x.end_ip_address.split('.')[3]); i++) reserved.add(`192.0.2.${i}`);
    // 20 pool addresses, 8 reserved: 12 ports get the others, the 13th finds none.
    const got: string[] = [];
    for (let i = 0; i < 12; i++) got.push((await api.port(net.id, {}, MEMBER_B)).fixed_ips[0].ip_address);
    assert.equal(got.filter((ip) => reserved.has(ip)).length, 0, `no reserved address handed out: ${got}`);
    const exhausted = await api.post('/v2.0/ports', { port: { network_id: net.id } }, MEMBER_B);
    assert.equal(exhausted.status, 409);
    assert.equal(exhausted.body.NeutronError.type, 'IpAddressGenerationFailure');

    const foreign = await portWith('192.0.2.10', 'project-b');
    assert.equal(foreign.status, 409, 'not even an admin takes it for another project');
    assert.equal(foreign.body.NeutronError.type, 'IpAddressReserved');
    const owner = await portWith('192.0.2.10', 'project-a');
    assert.equal(owner.status, 201, JSON.stringify(owner.body));
    const one = taken.find((x: any) => x.start_ip_address === '192.0.2.10');
    assert.equal((await api.get(`/v2.0/ip-reservations/${one.id}`, ADMIN)).body.ip_reservation.used_ips, 1);

    // Released, the address goes back to the reservation, not to the pool.
    assert.equal((await api.delete(`/v2.0/ports/${owner.body.port.id}`, ADMIN)).status, 204);
    assert.equal((await api.post('/v2.0/ports', { port: { network_id: net.id } }, MEMBER_B)).status, 409, 'still held by the reservation');
    assert.equal((await portWith('192.0.2.10', 'project-b')).body.NeutronError.type, 'IpAddressReserved');

    // Deleting the reservation frees it.
    assert.equal((await api.delete(`/v2.0/ip-reservations/${one.id}`, ADMIN)).status, 204);
    assert.equal((await api.port(net.id, {}, MEMBER_B)).fixed_ips[0].ip_address, '192.0.2.10');
  });

  test('a reservation over taken or reserved addresses, outside the pools or malformed is refused whole', async () => {
    const conflict = await reserve({ start_ip_address: '192.0.2.13', end_ip_address: '192.0.2.14' });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.NeutronError.type, 'IpAddressReservationConflict');
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ ip_address: '192.0.2.1' }, 409], // the gateway: outside the pools
      [{ ip_address: '198.51.100.1' }, 400],
      [{ ip_address: '2001:db8::1' }, 400],
      [{ ip_address: '192.0.2.40', cidr: '192.0.2.40/30' }, 400],
      [{}, 400],
      [{ start_ip_address: '192.0.2.25', end_ip_address: '192.0.2.24' }, 400],
      [{ end_ip_address: '192.0.2.24' }, 400],
      [{ ip_address: 'nonsense' }, 400],
      [{ ip_address: '192.0.2.25', expires_at: 'soon' }, 400],
      [{ ip_address: '192.0.2.25', expires_at: '2001-01-01T00:00:00Z' }, 400],
      [{ ip_address: '192.0.2.25', subnet_id: '00000000-0000-0000-0000-000000000000' }, 404],
      [{ ip_address: '192.0.2.25', first_hex: '0' }, 400],
    ];
    for (const [body, status] of cases) {
      const answer = await reserve(body);
      assert.equal(answer.status, status, `${JSON.stringify(body)} → ${JSON.stringify(answer.body)}`);
    }
    assert.equal((await reserve({ ip_address: '192.0.2.25' }, MEMBER_A)).status, 403, 'members may not reserve by default');
    const before = (await api.get('/v2.0/ip-reservations', ADMIN)).body.ip_reservations.length;
    const bulk = await api.post('/v2.0/ip-reservations', { ip_reservations: [
      { subnet_id: subnet.id, ip_address: '192.0.2.28' }, { subnet_id: subnet.id, ip_address: '192.0.2.28' },
    ] }, ADMIN);
    assert.equal(bulk.status, 409, 'a bulk with a conflict is refused whole');
    assert.equal((await api.get('/v2.0/ip-reservations', ADMIN)).body.ip_reservations.length, before);
  });

  test('updates change the expiry and the description, never the addresses; an expired reservation returns its addresses', async () => {
    // A network of project-a: its members may name addresses of their own network.
    const own = await api.network({ name: 'own' }, MEMBER_A);
    const ownSubnet = await api.subnet(own.id, '100.64.0.0/29', {}, MEMBER_A);
    const answer = await api.post('/v2.0/ip-reservations', { ip_reservation: {
      subnet_id: ownSubnet.id, ip_address: '100.64.0.6', project_id: 'project-b', expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    } }, ADMIN);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const made = answer.body.ip_reservation;
    assert.match(made.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal((await api.put(`/v2.0/ip-reservations/${made.id}`, { ip_reservation: { start_ip_address: '192.0.2.28' } }, ADMIN)).status, 400);
    const renamed = await api.put(`/v2.0/ip-reservations/${made.id}`, { ip_reservation: { name: 'lb', purpose: 'load balancer' } }, ADMIN);
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.ip_reservation.revision_number, 1);
    assert.equal((await api.put(`/v2.0/ip-reservations/${made.id}`, { ip_reservation: { name: 'x' } }, MEMBER_A)).status, 404, "another project's");
    assert.equal((await api.put(`/v2.0/ip-reservations/${made.id}`, { ip_reservation: { name: 'x' } }, { project: 'project-b', roles: 'member' })).status, 403, 'its project reads, does not change');

    assert.equal((await portWith('100.64.0.6', 'project-a', own.id)).body.NeutronError.type, 'IpAddressReserved');
    // The API refuses past expiry times: let it lapse in the database.
    await api.store.transaction((tx) => tx.db.updateTable('ip_reservations').set({ expires_at: '2000-01-01T00:00:00Z' }).where('id', '=', made.id).execute());
    // Lazily: a port of another project asking for the address gets it without waiting for the sweep.
    const port = await portWith('100.64.0.6', 'project-a', own.id);
    assert.equal(port.status, 201, JSON.stringify(port.body));
    assert.equal((await api.get(`/v2.0/ip-reservations/${made.id}`, ADMIN)).status, 404, 'the expired reservation is gone');
  });

  test('the sweep ends expired reservations; deleting the subnet ends its reservations', async () => {
    const net2 = await api.network({ name: 'sweep' }, ADMIN);
    const subnet2 = await api.subnet(net2.id, '203.0.113.0/28', {}, ADMIN);
    const made = await api.post('/v2.0/ip-reservations', { ip_reservation: { subnet_id: subnet2.id, cidr: '203.0.113.8/30' } }, ADMIN);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    await api.store.transaction((tx) => tx.db.updateTable('ip_reservations').set({ expires_at: '2000-01-01T00:00:00Z' }).where('id', '=', made.body.ip_reservation.id).execute());
    const swept = await api.services.ipamMaintenance.runOnce();
    assert.equal(swept.expiredReservations, 1);
    assert.equal((await api.get(`/v2.0/ip-reservations/${made.body.ip_reservation.id}`, ADMIN)).status, 404);
    assert.equal((await api.post('/v2.0/ip-reservations', { ip_reservation: { subnet_id: subnet2.id, cidr: '203.0.113.8/30' } }, ADMIN)).status, 201, 'the addresses are free again');
    assert.equal((await api.delete(`/v2.0/subnets/${subnet2.id}`, ADMIN)).status, 204);
    assert.equal((await api.get(`/v2.0/ip-reservations?subnet_id=${subnet2.id}`, ADMIN)).body.ip_reservations.length, 0);
  });

  test('allocation pools cannot shrink away from a reservation; growing them keeps it held', async () => {
    const net3 = await api.network({ name: 'pools' }, ADMIN);
    const subnet3 = await api.subnet(net3.id, '198.51.100.0/28', { allocation_pools: [{ start: '198.51.100.2', end: '198.51.100.6' }] }, ADMIN);
    assert.equal((await api.post('/v2.0/ip-reservations', { ip_reservation: { subnet_id: subnet3.id, ip_address: '198.51.100.6' } }, ADMIN)).status, 201);
    const shrink = await api.put(`/v2.0/subnets/${subnet3.id}`, { subnet: { allocation_pools: [{ start: '198.51.100.2', end: '198.51.100.5' }] } }, ADMIN);
    assert.equal(shrink.status, 409, JSON.stringify(shrink.body));
    assert.equal(shrink.body.NeutronError.type, 'ReservationOutsidePools');
    const grow = await api.put(`/v2.0/subnets/${subnet3.id}`, { subnet: { allocation_pools: [{ start: '198.51.100.2', end: '198.51.100.9' }] } }, ADMIN);
    assert.equal(grow.status, 200, JSON.stringify(grow.body));
    const ips: string[] = [];
    for (let i = 0; i < 7; i++) ips.push((await api.port(net3.id, {}, ADMIN)).fixed_ips[0].ip_address);
    assert.ok(!ips.includes('198.51.100.6'), `${ips}`);
    assert.equal((await api.post('/v2.0/ports', { port: { network_id: net3.id } }, ADMIN)).status, 409);
  });

  test('/v2.0/extensions lists ip-reservations', async () => {
    const aliases = (await api.get('/v2.0/extensions', ADMIN)).body.extensions.map((e: any) => e.alias);
    assert.ok(aliases.includes('ip-reservations'));
  });
});
