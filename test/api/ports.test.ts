import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/** EUI-64 interface identifier of a MAC (universal/local bit flipped, ff:fe inserted), appended to a "prefix::" text. */
function eui64(prefix: string, mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  const bytes = [b[0]! ^ 0x02, b[1]!, b[2]!, 0xff, 0xfe, b[3]!, b[4]!, b[5]!];
  const groups = [0, 2, 4, 6].map((i) => ((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `${prefix}${groups.join(':')}`;
}

const ips = (port: any) => port.fixed_ips.map((f: any) => f.ip_address);

forEachApi('ports', ({ api }) => {
  const postPort = (attributes: Record<string, unknown>, as: As = MEMBER_A) => api.post('/v2.0/ports', { port: attributes }, as);
  const putPort = (id: string, attributes: Record<string, unknown>, as: As = MEMBER_A, headers?: Record<string, string>) =>
    api.put(`/v2.0/ports/${id}`, { port: attributes }, as, headers);
  const listPorts = async (query: string, as: As = MEMBER_A) => {
    const response = await api.get(`/v2.0/ports?${query}`, as);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body.ports.map((p: any) => p.id).sort();
  };

  /** A network with one IPv4 subnet (and optionally a SLAAC one). */
  async function networkWithSubnets(cidr4: string, slaac?: string, as: As = MEMBER_A) {
    const net = await api.network({}, as);
    const v4 = await api.subnet(net.id, cidr4, {}, as);
    const v6 = slaac ? await api.subnet(net.id, slaac, { ipv6_ra_mode: 'slaac', ipv6_address_mode: 'slaac' }, as) : undefined;
    return { net, v4, v6 };
  }

  test('automatic fixed_ips: one IPv4 from the pool plus the SLAAC EUI-64 address of the MAC', async () => {
    const { net, v4, v6 } = await networkWithSubnets('10.1.0.0/24', 'fd10::/64');
    const port = await api.port(net.id, {}, MEMBER_A);
    assert.equal(port.fixed_ips.length, 2);
    const [first, second] = port.fixed_ips;
    assert.equal(first.subnet_id, v4.id);
    assert.match(first.ip_address, /^10\.1\.0\.(\d+)$/);
    const last = Number(first.ip_address.split('.')[3]);
    assert.ok(last >= 2 && last <= 254, 'inside the allocation pool');
    assert.equal(second.subnet_id, v6!.id);
    assert.equal(second.ip_address, eui64('fd10::', port.mac_address));
    assert.equal(port.ip_allocation, 'immediate');
    assert.equal(port.status, 'DOWN');
    assert.equal(port.device_owner, '');
    assert.equal(port.device_id, '');
    assert.equal(port.admin_state_up, true);
    assert.deepEqual(port.allowed_address_pairs, []);
    assert.deepEqual(port.extra_dhcp_opts, []);
    assert.deepEqual(port.tags, []);
    // A second port gets a different IPv4 address and its own EUI-64.
    const other = await api.port(net.id, {}, MEMBER_A);
    assert.notEqual(other.fixed_ips[0].ip_address, first.ip_address);
    assert.equal(other.fixed_ips[1].ip_address, eui64('fd10::', other.mac_address));
  });

  test('a SLAAC subnet added later does not break ports; explicit EUI-64 for a known MAC', async () => {
    const net = await api.network({}, MEMBER_A);
    await api.subnet(net.id, 'fd11::/64', { ipv6_address_mode: 'slaac', ipv6_ra_mode: 'slaac' }, MEMBER_A);
    const port = await api.port(net.id, { mac_address: 'fa:16:3e:11:22:33' }, MEMBER_A);
    assert.deepEqual(ips(port), ['fd11::f816:3eff:fe11:2233']);
    const notEui = await postPort({ network_id: net.id, fixed_ips: [{ ip_address: 'fd11::5' }] });
    assert.equal(notEui.status, 400, 'a non-EUI-64 address on a SLAAC subnet is refused');
  });

  test('automatic allocation takes the IPv4 address from the first-created subnet with room', async () => {
    // Created in the same second: only a creation-order tie-breaker makes this deterministic.
    for (let i = 0; i < 6; i++) {
      const net = await api.network({}, MEMBER_A);
      const first = await api.subnet(net.id, `10.2.${i}.0/24`, {}, MEMBER_A);
      const second = await api.subnet(net.id, `10.3.${i}.0/24`, {}, MEMBER_A);
      const port = await api.port(net.id, {}, MEMBER_A);
      assert.deepEqual(port.fixed_ips.map((f: any) => f.subnet_id), [first.id], `network ${i}: second subnet ${second.id} was used`);
      const shown = (await api.get(`/v2.0/networks/${net.id}`, MEMBER_A)).body.network;
      assert.deepEqual(shown.subnets, [first.id, second.id], 'network.subnets lists subnets in creation order');
    }
  });

  test('when the first IPv4 subnet is full the next one is used; all full → 409 IpAddressGenerationFailure', async () => {
    const net = await api.network({}, MEMBER_A);
    const tiny = await api.subnet(net.id, '10.4.0.0/29', { allocation_pools: [{ start: '10.4.0.2', end: '10.4.0.2' }] }, MEMBER_A);
    const p1 = await api.port(net.id, { fixed_ips: [{ subnet_id: tiny.id }] }, MEMBER_A);
    assert.deepEqual(ips(p1), ['10.4.0.2']);
    expectError(await postPort({ network_id: net.id, fixed_ips: [{ subnet_id: tiny.id }] }), 409, 'IpAddressGenerationFailure');
    expectError(await postPort({ network_id: net.id }), 409, 'IpAddressGenerationFailure',
      `No more IP addresses available on network ${net.id}.`);
    const spare = await api.subnet(net.id, '10.5.0.0/29', {}, MEMBER_A);
    const p2 = await api.port(net.id, {}, MEMBER_A);
    assert.deepEqual(p2.fixed_ips.map((f: any) => f.subnet_id), [spare.id]);
    // The refused creates left no port behind.
    assert.equal((await listPorts(`network_id=${net.id}`)).length, 2);
  });

  test('explicit fixed_ips by subnet_id, by ip_address, by both', async () => {
    const net = await api.network({}, MEMBER_A);
    const a = await api.subnet(net.id, '10.6.0.0/24', {}, MEMBER_A);
    const b = await api.subnet(net.id, '10.7.0.0/24', {}, MEMBER_A);
    const bySubnet = await api.port(net.id, { fixed_ips: [{ subnet_id: b.id }] }, MEMBER_A);
    assert.equal(bySubnet.fixed_ips.length, 1);
    assert.equal(bySubnet.fixed_ips[0].subnet_id, b.id);
    assert.match(bySubnet.fixed_ips[0].ip_address, /^10\.7\.0\./);
    const byAddress = await api.port(net.id, { fixed_ips: [{ ip_address: '10.6.0.50' }] }, MEMBER_A);
    assert.deepEqual(byAddress.fixed_ips, [{ subnet_id: a.id, ip_address: '10.6.0.50' }]);
    const byBoth = await api.port(net.id, { fixed_ips: [{ subnet_id: b.id, ip_address: '10.7.0.77' }, { subnet_id: a.id }] }, MEMBER_A);
    assert.equal(byBoth.fixed_ips.length, 2);
    assert.deepEqual(byBoth.fixed_ips[0], { subnet_id: b.id, ip_address: '10.7.0.77' });
    assert.equal(byBoth.fixed_ips[1].subnet_id, a.id);
    // Outside the allocation pool but inside the CIDR is allowed for the network owner.
    const outsidePool = await api.port(net.id, { fixed_ips: [{ ip_address: '10.6.0.1' }] }, MEMBER_A);
    assert.deepEqual(ips(outsidePool), ['10.6.0.1']);
  });

  test('bad addresses: outside the subnet / network → 400; network/broadcast → 400; foreign subnet → 400', async () => {
    const { net, v4 } = await networkWithSubnets('10.8.0.0/24');
    expectError(await postPort({ network_id: net.id, fixed_ips: [{ subnet_id: v4.id, ip_address: '10.9.0.5' }] }), 400, 'InvalidIpForSubnet');
    expectError(await postPort({ network_id: net.id, fixed_ips: [{ ip_address: '10.9.0.5' }] }), 400, 'InvalidIpForNetwork');
    expectError(await postPort({ network_id: net.id, fixed_ips: [{ ip_address: '10.8.0.0' }] }), 400, 'InvalidIpForSubnet');
    expectError(await postPort({ network_id: net.id, fixed_ips: [{ ip_address: '10.8.0.255' }] }), 400, 'InvalidIpForSubnet');
    const other = await networkWithSubnets('10.10.0.0/24');
    expectError(await postPort({ network_id: net.id, fixed_ips: [{ subnet_id: other.v4.id }] }), 400, 'InvalidInput');
    assert.equal((await postPort({ network_id: net.id, fixed_ips: [{ ip_address: 'not-an-ip' }] })).status, 400);
    assert.equal((await postPort({ network_id: net.id, fixed_ips: [{ ip_address: '10.8.0.9' }, { ip_address: '10.8.0.9' }] })).status, 400);
    assert.deepEqual(await listPorts(`network_id=${net.id}`), []);
  });

  test('fixed_ips naming a subnet that does not exist, or that the caller cannot see → 404 SubnetNotFound (create and update)', async () => {
    const { net, v4 } = await networkWithSubnets('10.12.0.0/24');
    const missing = '00000000-0000-4000-8000-00000000beef';
    expectError(await postPort({ network_id: net.id, fixed_ips: [{ subnet_id: missing }] }), 404, 'SubnetNotFound');
    // Another project's private subnet is as unknown to the caller as a missing one (no existence oracle).
    const hidden = await networkWithSubnets('10.13.0.0/24', undefined, MEMBER_B);
    expectError(await postPort({ network_id: net.id, fixed_ips: [{ subnet_id: hidden.v4.id }] }), 404, 'SubnetNotFound');
    // An administrator sees it: the subnet exists, just not on this network → 400.
    expectError(await postPort({ network_id: net.id, fixed_ips: [{ subnet_id: hidden.v4.id }] }, ADMIN), 400, 'InvalidInput');
    const port = (await postPort({ network_id: net.id, fixed_ips: [{ subnet_id: v4.id }] })).body.port;
    expectError(await putPort(port.id, { fixed_ips: [{ subnet_id: v4.id }, { subnet_id: missing }] }), 404, 'SubnetNotFound');
    assert.deepEqual((await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port.fixed_ips, port.fixed_ips);
  });

  test('an address already held → 409 IpAddressAlreadyAllocated with Neutron\'s message', async () => {
    const { net, v4 } = await networkWithSubnets('10.11.0.0/24');
    await api.port(net.id, { fixed_ips: [{ subnet_id: v4.id, ip_address: '10.11.0.98' }] }, MEMBER_A);
    const taken = await postPort({ network_id: net.id, fixed_ips: [{ subnet_id: v4.id, ip_address: '10.11.0.98' }] });
    expectError(taken, 409, 'IpAddressAlreadyAllocated', `IP address 10.11.0.98 already allocated in subnet ${v4.id}`);
    assert.equal((await listPorts(`network_id=${net.id}`)).length, 1);
  });

  test('fixed_ips: [] gives no address; a network without subnets gives none either', async () => {
    const { net } = await networkWithSubnets('10.12.0.0/24', 'fd12::/64');
    const bare = await api.port(net.id, { fixed_ips: [] }, MEMBER_A);
    assert.deepEqual(bare.fixed_ips, []);
    assert.deepEqual(bare.dns_assignment, []);
    const empty = await api.network({}, MEMBER_A);
    assert.deepEqual((await api.port(empty.id, {}, MEMBER_A)).fixed_ips, []);
  });

  test('fixed_ips update keeps, releases and allocates; released addresses are reusable', async () => {
    const { net, v4 } = await networkWithSubnets('10.13.0.0/24');
    const port = await api.port(net.id, { fixed_ips: [{ ip_address: '10.13.0.10' }, { ip_address: '10.13.0.11' }] }, MEMBER_A);
    assert.deepEqual(ips(port), ['10.13.0.10', '10.13.0.11']);
    // {subnet_id} keeps an existing address of that subnet rather than taking a new one.
    const kept = await putPort(port.id, { fixed_ips: [{ ip_address: '10.13.0.10' }, { subnet_id: v4.id }] });
    assert.equal(kept.status, 200, JSON.stringify(kept.body));
    assert.deepEqual(ips(kept.body.port).sort(), ['10.13.0.10', '10.13.0.11']);
    assert.equal(kept.body.port.revision_number > port.revision_number, true);
    // Dropping .11 releases it.
    const released = await putPort(port.id, { fixed_ips: [{ ip_address: '10.13.0.10' }] });
    assert.deepEqual(ips(released.body.port), ['10.13.0.10']);
    const reuser = await api.port(net.id, { fixed_ips: [{ ip_address: '10.13.0.11' }] }, MEMBER_A);
    assert.deepEqual(ips(reuser), ['10.13.0.11']);
    // Adding a new address allocates it; taking a held one is refused and changes nothing.
    const added = await putPort(port.id, { fixed_ips: [{ ip_address: '10.13.0.10' }, { ip_address: '10.13.0.12' }] });
    assert.deepEqual(ips(added.body.port), ['10.13.0.10', '10.13.0.12']);
    expectError(await putPort(port.id, { fixed_ips: [{ ip_address: '10.13.0.11' }] }), 409, 'IpAddressAlreadyAllocated');
    assert.deepEqual(ips((await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port), ['10.13.0.10', '10.13.0.12']);
    // Emptying the list frees everything; deleting a port frees its addresses too.
    assert.deepEqual((await putPort(port.id, { fixed_ips: [] })).body.port.fixed_ips, []);
    assert.deepEqual(ips(await api.port(net.id, { fixed_ips: [{ ip_address: '10.13.0.10' }] }, MEMBER_A)), ['10.13.0.10']);
    assert.equal((await api.delete(`/v2.0/ports/${reuser.id}`, MEMBER_A)).status, 204);
    assert.deepEqual(ips(await api.port(net.id, { fixed_ips: [{ ip_address: '10.13.0.11' }] }, MEMBER_A)), ['10.13.0.11']);
  });

  test('a released pool address goes back to the pool for automatic allocation', async () => {
    const net = await api.network({}, MEMBER_A);
    await api.subnet(net.id, '10.14.0.0/29', { allocation_pools: [{ start: '10.14.0.2', end: '10.14.0.3' }] }, MEMBER_A);
    const p1 = await api.port(net.id, {}, MEMBER_A);
    const p2 = await api.port(net.id, {}, MEMBER_A);
    assert.deepEqual([...ips(p1), ...ips(p2)].sort(), ['10.14.0.2', '10.14.0.3']);
    expectError(await postPort({ network_id: net.id }), 409, 'IpAddressGenerationFailure');
    await putPort(p1.id, { fixed_ips: [] });
    assert.deepEqual(ips(await api.port(net.id, {}, MEMBER_A)), ips(p1));
    assert.equal((await api.delete(`/v2.0/ports/${p2.id}`, MEMBER_A)).status, 204);
    assert.deepEqual(ips(await api.port(net.id, {}, MEMBER_A)), ips(p2));
  });

  test('MAC: generated from fa:16:3e, explicit one lower-cased, unique per network only', async () => {
    const { net } = await networkWithSubnets('10.15.0.0/24');
    const generated = await api.port(net.id, {}, MEMBER_A);
    assert.match(generated.mac_address, /^fa:16:3e(:[0-9a-f]{2}){3}$/);
    const explicit = await api.port(net.id, { mac_address: 'FA:16:3E:AA:BB:CC' }, MEMBER_A);
    assert.equal(explicit.mac_address, 'fa:16:3e:aa:bb:cc');
    expectError(await postPort({ network_id: net.id, mac_address: 'fa:16:3e:aa:bb:cc' }), 409, 'MacAddressInUse');
    expectError(await postPort({ network_id: net.id, mac_address: 'FA-16-3E-AA-BB-CC' }), 409, 'MacAddressInUse');
    const other = await api.network({}, MEMBER_A);
    const same = await api.port(other.id, { mac_address: 'fa:16:3e:aa:bb:cc' }, MEMBER_A);
    assert.equal(same.mac_address, 'fa:16:3e:aa:bb:cc');
    assert.equal((await postPort({ network_id: net.id, mac_address: 'ff:ff:ff:ff:ff:ff' })).status, 400);
    assert.equal((await postPort({ network_id: net.id, mac_address: '00:00:00:00:00:00' })).status, 400);
    assert.equal((await postPort({ network_id: net.id, mac_address: 'nonsense' })).status, 400);
    assert.deepEqual(await listPorts(`mac_address=FA:16:3E:AA:BB:CC&network_id=${net.id}`), [explicit.id]);
  });

  test('MAC update (network owner\'s manager, admin, service): unique per network (409), EUI-64 addresses follow the MAC', async () => {
    const { net, v4, v6 } = await networkWithSubnets('10.17.0.0/24', 'fd17::/64');
    const port = await api.port(net.id, { mac_address: 'fa:16:3e:17:00:01' }, MEMBER_A);
    const taken = await api.port(net.id, { mac_address: 'fa:16:3e:17:00:02' }, MEMBER_A);
    expectError(await putPort(port.id, { mac_address: 'fa:16:3e:17:00:03' }), 403, 'PolicyNotAuthorized', '(rule:update_port and rule:update_port:mac_address) is disallowed by policy');
    expectError(await putPort(port.id, { mac_address: taken.mac_address }, ADMIN), 409, 'MacAddressInUse');
    const manager = { project: 'project-a', roles: 'manager' };
    const moved = await putPort(port.id, { mac_address: 'FA:16:3E:17:00:03' }, manager);
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.port.mac_address, 'fa:16:3e:17:00:03');
    assert.deepEqual(moved.body.port.fixed_ips, [port.fixed_ips[0], { subnet_id: v6!.id, ip_address: eui64('fd17::', 'fa:16:3e:17:00:03') }]);
    assert.equal(moved.body.port.revision_number, port.revision_number + 1);
    // The old EUI-64 address is free again: a port with the old MAC gets it.
    const reuse = await api.port(net.id, { mac_address: 'fa:16:3e:17:00:01' }, MEMBER_A);
    assert.equal(reuse.fixed_ips[1].ip_address, eui64('fd17::', 'fa:16:3e:17:00:01'));
    // A MAC and fixed_ips change together: the named SLAAC subnet gets the new MAC's address.
    const both = await putPort(port.id, { mac_address: 'fa:16:3e:17:00:04', fixed_ips: [{ subnet_id: v4.id }, { subnet_id: v6!.id }] }, ADMIN);
    assert.equal(both.status, 200, JSON.stringify(both.body));
    assert.deepEqual(ips(both.body.port), [port.fixed_ips[0].ip_address, eui64('fd17::', 'fa:16:3e:17:00:04')]);
    assert.equal((await putPort(port.id, { mac_address: 'fa:16:3e:17:00:05' }, { project: 'service-project', roles: 'service' })).status, 200);
  });

  test('port-mac-address-regenerate: mac_address null on update gives a fresh MAC (EUI-64 addresses follow); on create, a generated one', async () => {
    const { net, v6 } = await networkWithSubnets('10.18.0.0/24', 'fd18::/64');
    const port = await api.port(net.id, {}, MEMBER_A);
    expectError(await putPort(port.id, { mac_address: null }), 403, 'PolicyNotAuthorized');
    const regenerated = await putPort(port.id, { mac_address: null }, ADMIN);
    assert.equal(regenerated.status, 200, JSON.stringify(regenerated.body));
    const mac = regenerated.body.port.mac_address;
    assert.match(mac, /^fa:16:3e(:[0-9a-f]{2}){3}$/);
    assert.notEqual(mac, port.mac_address);
    assert.deepEqual(regenerated.body.port.fixed_ips.find((f: any) => f.subnet_id === v6!.id).ip_address, eui64('fd18::', mac));
    const created = await postPort({ network_id: net.id, mac_address: null });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.port.mac_address, /^fa:16:3e(:[0-9a-f]{2}){3}$/);
    assert.ok((await api.get('/v2.0/extensions/port-mac-address-regenerate', MEMBER_A)).status === 200);
  });

  test('allowed_address_pairs: valid ones stored (MAC defaults to the port\'s), > 10 → 400, without port security → 409', async () => {
    const { net } = await networkWithSubnets('10.16.0.0/24');
    const port = await api.port(net.id, { allowed_address_pairs: [{ ip_address: '10.16.0.200' }, { ip_address: '192.168.0.0/24', mac_address: 'fa:16:3e:00:00:01' }] }, MEMBER_A);
    assert.deepEqual(port.allowed_address_pairs, [
      { ip_address: '10.16.0.200', mac_address: port.mac_address },
      { ip_address: '192.168.0.0/24', mac_address: 'fa:16:3e:00:00:01' },
    ]);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ ip_address: `10.16.1.${i + 1}` }));
    assert.equal((await postPort({ network_id: net.id, allowed_address_pairs: eleven })).status, 400);
    assert.equal((await putPort(port.id, { allowed_address_pairs: eleven })).status, 400);
    const ten = await putPort(port.id, { allowed_address_pairs: eleven.slice(0, 10) });
    assert.equal(ten.status, 200);
    assert.equal(ten.body.port.allowed_address_pairs.length, 10);
    assert.equal((await postPort({ network_id: net.id, allowed_address_pairs: [{ mac_address: 'fa:16:3e:00:00:01' }] })).status, 400);
    assert.equal((await postPort({ network_id: net.id, allowed_address_pairs: [{ ip_address: '224.0.0.1' }] })).status, 400);
    const insecure = await postPort({ network_id: net.id, port_security_enabled: false, allowed_address_pairs: [{ ip_address: '10.16.0.201' }] });
    expectError(insecure, 409, 'AddressPairAndPortSecurityRequired');
    expectError(await putPort(port.id, { port_security_enabled: false }), 409, 'AddressPairAndPortSecurityRequired');
    // The port's default security group goes too: port security off allows no groups (security-groups.test.ts).
    const cleared = await putPort(port.id, { port_security_enabled: false, allowed_address_pairs: [], security_groups: [] });
    assert.equal(cleared.status, 200);
    assert.equal(cleared.body.port.port_security_enabled, false);
    assert.deepEqual(cleared.body.port.allowed_address_pairs, []);
  });

  test('port_security_enabled is inherited from the network unless given', async () => {
    const secure = await api.network({}, MEMBER_A);
    const open = await api.network({ port_security_enabled: false }, MEMBER_A);
    assert.equal(open.port_security_enabled, false);
    assert.equal((await api.port(secure.id, {}, MEMBER_A)).port_security_enabled, true);
    assert.equal((await api.port(open.id, {}, MEMBER_A)).port_security_enabled, false);
    assert.equal((await api.port(open.id, { port_security_enabled: true }, MEMBER_A)).port_security_enabled, true);
    assert.equal((await api.port(secure.id, { port_security_enabled: false }, MEMBER_A)).port_security_enabled, false);
  });

  test('extra_dhcp_opts: stored and shown, null value deletes on update, line breaks / control characters / bad ip_version → 400', async () => {
    const { net } = await networkWithSubnets('10.17.0.0/24');
    const port = await api.port(net.id, { extra_dhcp_opts: [
      { opt_name: 'bootfile-name', opt_value: 'pxelinux.0' },
      { opt_name: 'tftp-server', opt_value: '10.17.0.2', ip_version: 4 },
      { opt_name: 'dns-server', opt_value: '[fd17::1]', ip_version: 6 },
    ] }, MEMBER_A);
    const sort = (opts: any[]) => [...opts].sort((x, y) => `${x.opt_name}${x.ip_version}`.localeCompare(`${y.opt_name}${y.ip_version}`));
    const expected = [
      { opt_name: 'bootfile-name', opt_value: 'pxelinux.0', ip_version: 4 },
      { opt_name: 'dns-server', opt_value: '[fd17::1]', ip_version: 6 },
      { opt_name: 'tftp-server', opt_value: '10.17.0.2', ip_version: 4 },
    ];
    assert.deepEqual(sort(port.extra_dhcp_opts), expected);
    assert.deepEqual(sort((await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port.extra_dhcp_opts), expected);
    const updated = await putPort(port.id, { extra_dhcp_opts: [
      { opt_name: 'bootfile-name', opt_value: null },
      { opt_name: 'tftp-server', opt_value: '10.17.0.3' },
    ] });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.deepEqual(sort(updated.body.port.extra_dhcp_opts), [
      { opt_name: 'dns-server', opt_value: '[fd17::1]', ip_version: 6 },
      { opt_name: 'tftp-server', opt_value: '10.17.0.3', ip_version: 4 },
    ]);
    // OSSA-2021-005: nothing that could inject a line into dnsmasq's options file.
    for (const value of ['pxelinux.0\ndhcp-option=3,1.2.3.4', 'a\rb', 'x\u0000y', 'tab\there', 'pxelinux.0\n']) {
      const refused = await postPort({ network_id: net.id, extra_dhcp_opts: [{ opt_name: 'bootfile-name', opt_value: value }] });
      assert.equal(refused.status, 400, JSON.stringify(value));
      const refusedUpdate = await putPort(port.id, { extra_dhcp_opts: [{ opt_name: 'bootfile-name', opt_value: value }] });
      assert.equal(refusedUpdate.status, 400, JSON.stringify(value));
    }
    assert.equal((await postPort({ network_id: net.id, extra_dhcp_opts: [{ opt_name: 'bootfile\nname', opt_value: 'x' }] })).status, 400);
    assert.equal((await postPort({ network_id: net.id, extra_dhcp_opts: [{ opt_name: 'mtu', opt_value: '1400', ip_version: 5 }] })).status, 400);
    assert.equal((await postPort({ network_id: net.id, extra_dhcp_opts: [{ opt_name: 'mtu', opt_value: '1400', ip_version: 'four' }] })).status, 400);
    assert.equal((await postPort({ network_id: net.id, extra_dhcp_opts: [{ opt_name: 'mtu' }] })).status, 400);
    assert.deepEqual(sort((await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port.extra_dhcp_opts), sort(updated.body.port.extra_dhcp_opts));
  });

  test('dns_name → dns_assignment hostname and fqdn (default domain openstacklocal.); invalid dns_name → 400', async () => {
    const { net } = await networkWithSubnets('10.18.0.0/24');
    const named = await api.port(net.id, { dns_name: 'VM-One', fixed_ips: [{ ip_address: '10.18.0.5' }] }, MEMBER_A);
    assert.equal(named.dns_name, 'vm-one');
    assert.deepEqual(named.dns_assignment, [{ ip_address: '10.18.0.5', hostname: 'vm-one', fqdn: 'vm-one.openstacklocal.' }]);
    const anonymous = await api.port(net.id, { fixed_ips: [{ ip_address: '10.18.0.6' }] }, MEMBER_A);
    assert.equal(anonymous.dns_name, '');
    assert.deepEqual(anonymous.dns_assignment, [{ ip_address: '10.18.0.6', hostname: 'host-10-18-0-6', fqdn: 'host-10-18-0-6.openstacklocal.' }]);
    const renamed = await putPort(anonymous.id, { dns_name: 'web' });
    assert.deepEqual(renamed.body.port.dns_assignment, [{ ip_address: '10.18.0.6', hostname: 'web', fqdn: 'web.openstacklocal.' }]);
    for (const bad of ['under_score', '-leading', 'a'.repeat(64), 'has space', 'trailing-']) {
      assert.equal((await postPort({ network_id: net.id, dns_name: bad })).status, 400, bad);
    }
    const v6 = await api.network({}, MEMBER_A);
    await api.subnet(v6.id, 'fd18::/64', { ipv6_address_mode: 'slaac', ipv6_ra_mode: 'slaac' }, MEMBER_A);
    const port6 = await api.port(v6.id, { mac_address: 'fa:16:3e:e8:2d:dd' }, MEMBER_A);
    assert.deepEqual(port6.dns_assignment, [{
      ip_address: 'fd18::f816:3eff:fee8:2ddd', hostname: 'host-fd18--f816-3eff-fee8-2ddd', fqdn: 'host-fd18--f816-3eff-fee8-2ddd.openstacklocal.',
    }]);
  });

  test('binding:* are visible to admins only and settable by admins only', async () => {
    const { net } = await networkWithSubnets('10.19.0.0/24');
    const port = await api.port(net.id, {}, MEMBER_A);
    for (const key of ['binding:host_id', 'binding:profile', 'binding:vif_type', 'binding:vif_details']) {
      assert.equal(key in port, false, `${key} hidden from members on create`);
    }
    const memberView = (await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port;
    assert.equal('binding:host_id' in memberView, false);
    assert.equal('binding:vif_type' in (await api.get(`/v2.0/ports?id=${port.id}`, MEMBER_A)).body.ports[0], false);
    const adminView = (await api.get(`/v2.0/ports/${port.id}`, ADMIN)).body.port;
    assert.equal(adminView['binding:host_id'], '');
    assert.deepEqual(adminView['binding:profile'], {});
    assert.equal(adminView['binding:vif_type'], 'unbound');
    assert.deepEqual(adminView['binding:vif_details'], {});
    assert.equal(adminView['binding:vnic_type'], 'normal');
    expectError(await postPort({ network_id: net.id, 'binding:host_id': 'compute-1' }), 403, 'PolicyNotAuthorized');
    expectError(await putPort(port.id, { 'binding:host_id': 'compute-1' }), 403, 'PolicyNotAuthorized');
    expectError(await putPort(port.id, { 'binding:profile': { a: 1 } }), 403, 'PolicyNotAuthorized');
    // binding:profile is written by the service that binds the port (Nova, Ironic): role service.
    expectError(await putPort(port.id, { 'binding:profile': { a: 1 } }, ADMIN), 403, 'PolicyNotAuthorized');
    const bound = await putPort(port.id, { 'binding:host_id': 'compute-1', 'binding:profile': { local_link_information: [] } }, { project: 'admin-project', roles: 'admin,service' });
    assert.equal(bound.status, 200);
    assert.equal(bound.body.port['binding:host_id'], 'compute-1');
    assert.deepEqual(bound.body.port['binding:profile'], { local_link_information: [] });
    assert.equal((await putPort(port.id, { 'binding:vif_type': 'ovs' }, ADMIN)).status, 400, 'vif_type is read-only');
    assert.deepEqual(await listPorts('binding:host_id=compute-1', ADMIN), [port.id]);
    const adminCreated = await api.port(net.id, { 'binding:host_id': 'compute-2' }, ADMIN);
    assert.equal(adminCreated['binding:host_id'], 'compute-2');
  });

  test('filters: device_id, device_owner, fixed_ips=ip_address= / subnet_id= / ip_address_substr=', async () => {
    const { net, v4 } = await networkWithSubnets('10.20.0.0/24');
    const other = await api.subnet(net.id, '10.21.0.0/24', {}, MEMBER_A);
    const q = (query: string) => listPorts(`network_id=${net.id}&${query}`);
    const p1 = await api.port(net.id, { device_id: 'vm-1', device_owner: 'compute:nova', fixed_ips: [{ ip_address: '10.20.0.15' }] }, MEMBER_A);
    const p2 = await api.port(net.id, { device_id: 'vm-2', device_owner: 'compute:nova', fixed_ips: [{ ip_address: '10.20.0.150' }] }, MEMBER_A);
    const p3 = await api.port(net.id, { device_id: 'vm-1', device_owner: 'compute:other', fixed_ips: [{ subnet_id: other.id, ip_address: '10.21.0.15' }] }, MEMBER_A);
    assert.deepEqual(await q('device_id=vm-1'), [p1.id, p3.id].sort());
    assert.deepEqual(await q('device_id=vm-1&device_id=vm-2'), [p1.id, p2.id, p3.id].sort());
    assert.deepEqual(await q('device_owner=compute:nova&device_id=vm-1'), [p1.id]);
    assert.deepEqual(await q('device_id=none-such'), []);
    assert.deepEqual(await q('fixed_ips=ip_address%3D10.20.0.15'), [p1.id]);
    assert.deepEqual(await q('fixed_ips=ip_address=10.20.0.150'), [p2.id]);
    assert.deepEqual(await q('fixed_ips=ip_address=10.20.0.15&fixed_ips=ip_address=10.21.0.15'), [p1.id, p3.id].sort());
    assert.deepEqual(await q(`fixed_ips=subnet_id=${v4.id}`), [p1.id, p2.id].sort());
    assert.deepEqual(await q(`fixed_ips=subnet_id=${other.id}`), [p3.id]);
    assert.deepEqual(await q(`fixed_ips=subnet_id=${v4.id}&fixed_ips=ip_address=10.20.0.150`), [p2.id]);
    assert.deepEqual(await q('fixed_ips=ip_address_substr=0.15'), [p1.id, p2.id, p3.id].sort());
    assert.deepEqual(await q('fixed_ips=ip_address_substr=20.0.15'), [p1.id, p2.id].sort());
    assert.deepEqual(await q('fixed_ips=ip_address_substr=0.150'), [p2.id]);
    assert.equal((await api.get('/v2.0/ports?fixed_ips=bogus', MEMBER_A)).status, 400);
    expectError(await api.get('/v2.0/ports?bogus_filter=1', MEMBER_A), 400, 'HTTPBadRequest', "['bogus_filter'] is invalid attribute for filtering");
  });

  test('If-Match: revision_number=N → 412 on mismatch, success on match; revision increments on update', async () => {
    const { net } = await networkWithSubnets('10.22.0.0/24');
    const port = await api.port(net.id, {}, MEMBER_A);
    const revision = port.revision_number;
    const stale = await putPort(port.id, { name: 'x' }, MEMBER_A, { 'If-Match': `revision_number=${revision + 5}` });
    expectError(stale, 412, 'RevisionNumberConstraintFailed', `Constrained to ${revision + 5}, but current revision is ${revision}`);
    assert.equal((await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port.name, '', 'nothing changed');
    const fresh = await putPort(port.id, { name: 'x' }, MEMBER_A, { 'If-Match': `revision_number=${revision}` });
    assert.equal(fresh.status, 200);
    assert.equal(fresh.body.port.name, 'x');
    assert.equal(fresh.body.port.revision_number, revision + 1);
    const plain = await putPort(port.id, { name: 'y' });
    assert.equal(plain.body.port.revision_number, revision + 2);
    assert.equal((await putPort(port.id, { name: 'z' }, MEMBER_A, { 'If-Match': 'revision_number=abc' })).status, 400);
    // A negative revision parses (Tempest sends revision - 1 of a fresh resource) and never matches.
    expectError(await putPort(port.id, { name: 'z' }, MEMBER_A, { 'If-Match': 'revision_number=-1' }), 412, 'RevisionNumberConstraintFailed');
    assert.equal((await putPort(port.id, { name: 'z' }, MEMBER_A, { 'If-Match': '"some-etag"' })).status, 200, 'other etags are ignored');
    const current = (await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port.revision_number;
    expectError(await api.delete(`/v2.0/ports/${port.id}`, MEMBER_A, { 'If-Match': `revision_number=${current - 1}` }), 412, 'RevisionNumberConstraintFailed');
    assert.equal((await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).status, 200);
    assert.equal((await api.delete(`/v2.0/ports/${port.id}`, MEMBER_A, { 'If-Match': `revision_number=${current}` })).status, 204);
    assert.equal((await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).status, 404);
  });

  test('tags sub-resource: PUT list, PUT one (201), GET one (204/404), DELETE one, DELETE all, POST adds', async () => {
    const { net } = await networkWithSubnets('10.23.0.0/24');
    const port = await api.port(net.id, {}, MEMBER_A);
    const base = `/v2.0/ports/${port.id}/tags`;
    const put = await api.put(base, { tags: ['red', 'blue'] }, MEMBER_A);
    assert.equal(put.status, 200);
    assert.deepEqual(put.body, { tags: ['red', 'blue'] }, 'Neutron echoes the request (samples/port_update_tags.json)');
    const shown = (await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port;
    assert.deepEqual([...shown.tags].sort(), ['blue', 'red']);
    assert.equal(shown.revision_number, port.revision_number + 1, 'a tag change bumps the revision');
    assert.deepEqual([...(await api.get(base, MEMBER_A)).body.tags].sort(), ['blue', 'red']);
    assert.equal((await api.put(`${base}/green`, undefined, MEMBER_A)).status, 201);
    assert.equal((await api.get(`${base}/green`, MEMBER_A)).status, 204);
    expectError(await api.get(`${base}/purple`, MEMBER_A), 404, 'TagNotFound');
    assert.equal((await api.delete(`${base}/green`, MEMBER_A)).status, 204);
    expectError(await api.get(`${base}/green`, MEMBER_A), 404, 'TagNotFound');
    expectError(await api.delete(`${base}/green`, MEMBER_A), 404, 'TagNotFound');
    const posted = await api.post(base, { tags: ['yellow', 'red'] }, MEMBER_A);
    assert.equal(posted.status, 201);
    assert.deepEqual([...posted.body.tags].sort(), ['blue', 'red', 'yellow']);
    assert.equal((await api.put(base, { tags: ['dup', 'dup'] }, MEMBER_A)).status, 400, 'tags must be unique');
    assert.equal((await api.put(base, { tags: ['x'.repeat(256)] }, MEMBER_A)).status, 400);
    assert.equal((await api.put(base, { tags: 'red' }, MEMBER_A)).status, 400);
    assert.equal((await api.delete(base, MEMBER_A)).status, 204);
    assert.deepEqual((await api.get(base, MEMBER_A)).body.tags, []);
    expectError(await api.get('/v2.0/ports/00000000-0000-0000-0000-000000000000/tags', MEMBER_A), 404, 'PortNotFound');
    expectError(await api.put(`${base}/x`, undefined, MEMBER_B), 404, 'PortNotFound');
  });

  test('tag filters: tags, tags-any, not-tags, not-tags-any; tags in the create body (single and bulk)', async () => {
    const net = await api.network({}, MEMBER_A);
    const ab = await api.port(net.id, { tags: ['alpha', 'beta'] }, MEMBER_A);
    assert.deepEqual([...ab.tags].sort(), ['alpha', 'beta']);
    const bulk = await api.post('/v2.0/ports', { ports: [
      { network_id: net.id, tags: ['alpha'] },
      { port: { network_id: net.id, tags: ['beta', 'gamma'] } },
      { network_id: net.id },
    ] }, MEMBER_A);
    assert.equal(bulk.status, 201, JSON.stringify(bulk.body));
    const [a, bg, none] = bulk.body.ports;
    assert.deepEqual(a.tags, ['alpha']);
    assert.deepEqual([...bg.tags].sort(), ['beta', 'gamma']);
    assert.deepEqual(none.tags, []);
    const q = (s: string) => listPorts(`network_id=${net.id}&${s}`);
    assert.deepEqual(await q('tags=alpha'), [ab.id, a.id].sort());
    assert.deepEqual(await q('tags=alpha,beta'), [ab.id]);
    assert.deepEqual(await q('tags=alpha&tags=beta'), [ab.id]);
    assert.deepEqual(await q('tags-any=alpha,gamma'), [ab.id, a.id, bg.id].sort());
    assert.deepEqual(await q('not-tags=alpha,beta'), [a.id, bg.id, none.id].sort());
    assert.deepEqual(await q('not-tags-any=alpha,gamma'), [none.id]);
    assert.deepEqual(await q('tags=beta&not-tags=gamma'), [ab.id]);
    assert.equal((await postPort({ network_id: net.id, tags: 'notalist' })).status, 400);
    assert.equal((await putPort(ab.id, { tags: ['x'] })).status, 400, 'tags are not updatable through the port body');
  });

  test('bulk create is all or nothing', async () => {
    const { net, v4 } = await networkWithSubnets('10.24.0.0/24');
    await api.port(net.id, { fixed_ips: [{ ip_address: '10.24.0.9' }] }, MEMBER_A);
    const before = await listPorts(`network_id=${net.id}`);
    const conflict = await api.post('/v2.0/ports', { ports: [
      { network_id: net.id, name: 'ok-1' },
      { network_id: net.id, name: 'bad', fixed_ips: [{ subnet_id: v4.id, ip_address: '10.24.0.9' }] },
    ] }, MEMBER_A);
    expectError(conflict, 409, 'IpAddressAlreadyAllocated');
    const invalid = await api.post('/v2.0/ports', { ports: [{ network_id: net.id, name: 'ok-2' }, { network_id: net.id, bogus: 1 }] }, MEMBER_A);
    expectError(invalid, 400, 'HTTPBadRequest', "Unrecognized attribute(s) 'bogus'");
    const sameMac = await api.post('/v2.0/ports', { ports: [
      { network_id: net.id, mac_address: 'fa:16:3e:12:34:56' }, { network_id: net.id, mac_address: 'fa:16:3e:12:34:56' },
    ] }, MEMBER_A);
    expectError(sameMac, 409, 'MacAddressInUse');
    assert.deepEqual(await listPorts(`network_id=${net.id}`), before);
    // The addresses the refused items had taken are free again.
    const retry = await api.port(net.id, { fixed_ips: [{ ip_address: '10.24.0.10' }], mac_address: 'fa:16:3e:12:34:56' }, MEMBER_A);
    assert.deepEqual(ips(retry), ['10.24.0.10']);
    assert.equal((await api.post('/v2.0/ports', { ports: [] }, MEMBER_A)).status, 400);
    const ok = await api.post('/v2.0/ports', { ports: [{ network_id: net.id, name: 'b1' }, { network_id: net.id, name: 'b2' }] }, MEMBER_A);
    assert.equal(ok.status, 201);
    assert.deepEqual(ok.body.ports.map((p: any) => p.name), ['b1', 'b2']);
    assert.notEqual(ok.body.ports[0].fixed_ips[0].ip_address, ok.body.ports[1].fixed_ips[0].ip_address);
  });

  test('project B cannot see, create on, or touch project A\'s private network and ports (404)', async () => {
    const { net } = await networkWithSubnets('10.25.0.0/24');
    const port = await api.port(net.id, {}, MEMBER_A);
    expectError(await postPort({ network_id: net.id }, MEMBER_B), 404, 'NetworkNotFound', `Network ${net.id} could not be found.`);
    expectError(await api.get(`/v2.0/ports/${port.id}`, MEMBER_B), 404, 'PortNotFound', `Port ${port.id} could not be found.`);
    expectError(await putPort(port.id, { name: 'stolen' }, MEMBER_B), 404, 'PortNotFound');
    expectError(await api.delete(`/v2.0/ports/${port.id}`, MEMBER_B), 404, 'PortNotFound');
    assert.deepEqual(await listPorts(`network_id=${net.id}`, MEMBER_B), []);
    assert.ok(!(await listPorts('', MEMBER_B)).includes(port.id));
    // On a shared network B may create ports; A (the network owner) sees them, B does not see A's.
    const shared = await api.network({ shared: true }, ADMIN);
    await api.subnet(shared.id, '10.26.0.0/24', {}, ADMIN);
    const bPort = await api.port(shared.id, {}, MEMBER_B);
    const aPort = await api.port(shared.id, {}, MEMBER_A);
    assert.deepEqual(await listPorts(`network_id=${shared.id}`, MEMBER_B), [bPort.id]);
    assert.deepEqual(await listPorts(`network_id=${shared.id}`, ADMIN), [aPort.id, bPort.id].sort());
    // Naming another project is refused while the body is read (neutron-lib), before the network-ownership check.
    const spoofed = await postPort({ network_id: net.id, project_id: 'project-b' }, MEMBER_A);
    expectError(spoofed, 400, 'HTTPBadRequest', "Specifying 'project_id' other than the authenticated project in request is not allowed for the current user.");
  });

  test('read-only and unknown attributes are refused', async () => {
    const { net } = await networkWithSubnets('10.27.0.0/24');
    const port = await api.port(net.id, {}, MEMBER_A);
    expectError(await putPort(port.id, { network_id: net.id }), 400, 'HTTPBadRequest', 'Cannot update read-only attribute network_id');
    expectError(await putPort(port.id, { status: 'ACTIVE' }), 400, 'HTTPBadRequest');
    expectError(await postPort({ network_id: net.id, status: 'ACTIVE' }), 400, 'HTTPBadRequest', "Attribute 'status' not allowed in POST");
    expectError(await postPort({ name: 'no-network' }), 400, 'HTTPBadRequest', "Failed to parse request. Required attribute 'network_id' not specified");
    expectError(await postPort({ network_id: '00000000-0000-0000-0000-000000000000' }), 404, 'NetworkNotFound');
  });
});
