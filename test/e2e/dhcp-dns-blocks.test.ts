import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { acquireLease } from '../../src/sandbox/dhcp-client.ts';
import { run, waitFor } from '../../src/sandbox/host-command.ts';
import { execInInstance, plugInstance, type Instance } from '../../src/sandbox/instance.ts';
import { E2eDeployment } from '../helpers/e2e-deployment.ts';
import { stackSkipReason, type OvnStack } from '../helpers/ovn-stack.ts';

const skip = stackSkipReason();

/*
 * With real packets, what the OVN driver adds beyond the acceptance tests:
 *   q  net1  hv2  a security group with no rules at all, dns_name "quebec"
 *   a  net1  hv1  a group with egress and ICMP ingress
 *   b  net2  hv2  the same group; an IP block routed to it
 * net1 and net2 are joined by a router. The agents run no metadata proxy, so
 * the metadata route in a lease can only come from the port the server made
 * with the subnet.
 */
describe('e2e: DHCP with no egress rules, the metadata route from the first lease, OVN DNS, an IP block routed to a port', { skip, timeout: 300_000 }, () => {
  let e2e: E2eDeployment;
  let stack: OvnStack;
  const vm = {} as Record<'q' | 'a' | 'b', Instance>;
  const port = {} as Record<'q' | 'a' | 'b', any>;
  const api = (method: string, path: string, body?: unknown) => e2e.api(method, path, body);
  const step = (fn: () => Promise<void>) => () => e2e.run(fn);
  const ping = (from: Instance, to: string) => execInInstance(from, 'ping', ['-c', '1', '-W', '1', to], 5_000).status === 0;
  let blockId = '';

  before(async () => {
    e2e = await E2eDeployment.start('d', 'project-e2e-gaps');
    stack = e2e.stack;
  });
  after(async () => { await e2e?.stop(); });

  test('instances plugged and ACTIVE; each subnet has its metadata port from the start', step(async () => {
    const subnets: any[] = [];
    for (const [i, name] of ['net1', 'net2'].entries()) {
      const network = (await api('POST', '/networks', { network: { name } })).network;
      subnets.push((await api('POST', '/subnets', { subnet: { network_id: network.id, cidr: `10.74.${i + 1}.0/24`, ip_version: 4 } })).subnet);
      const metadata = (await api('GET', `/ports?network_id=${network.id}&device_owner=network:distributed`)).ports;
      assert.equal(metadata.length, 1, `${name}: the metadata port right after the subnet`);
    }
    const router = (await api('POST', '/routers', { router: { name: 'r' } })).router;
    for (const subnet of subnets) await api('PUT', `/routers/${router.id}/add_router_interface`, { subnet_id: subnet.id });

    const silent = (await api('POST', '/security-groups', { security_group: { name: 'silent' } })).security_group;
    for (const rule of silent.security_group_rules) await api('DELETE', `/security-group-rules/${rule.id}`);
    const open = (await api('POST', '/security-groups', { security_group: { name: 'open' } })).security_group;
    await api('POST', '/security-group-rules', { security_group_rule: { security_group_id: open.id, direction: 'ingress', ethertype: 'IPv4', protocol: 'icmp' } });
    const placement = { q: [subnets[0], 'hv2', silent, 'quebec'], a: [subnets[0], 'hv1', open, 'alpha'], b: [subnets[1], 'hv2', open, 'bravo'] } as const;
    for (const [name, [subnet, host, group, dnsName]] of Object.entries(placement) as [keyof typeof placement, typeof placement.q][]) {
      port[name] = (await api('POST', '/ports', { port: {
        network_id: subnet.network_id, device_id: `vm-${name}`, device_owner: 'compute:nova', 'binding:host_id': host, security_groups: [group.id], dns_name: dnsName,
      } })).port;
      vm[name] = await plugInstance(stack, { name, chassis: host, portId: port[name].id, macAddress: port[name].mac_address, deviceId: `vm-${name}` });
    }
    await waitFor('three ports ACTIVE', async () => (await Promise.all(Object.values(port).map(async (p) => (await api('GET', `/ports/${p.id}`)).port.status))).every((s) => s === 'ACTIVE'), 60_000);
    stack.nbctl('--timeout=30', '--wait=hv', 'sync');
  }));

  test('a port whose group has no egress rule still gets its lease, with the metadata route', step(async () => {
    const lease = await acquireLease(vm.q, stack.dir);
    assert.equal(lease.ip, port.q.fixed_ips[0].ip_address);
    assert.ok(lease.staticRoutes.includes('169.254.169.254/32'), `metadata route in the first lease: ${lease.staticRoutes}`);
    assert.equal(ping(vm.q, '10.74.1.1'), false, 'and nothing else leaves it');
    for (const name of ['a', 'b'] as const) await acquireLease(vm[name], stack.dir);
  }));

  test('OVN answers DNS for the names of the network\'s ports', step(async () => {
    // Any DNS destination: ovn-controller answers from the switch's records before the query leaves.
    let answer = '';
    await waitFor('quebec resolved', () => {
      const result = execInInstance(vm.a, 'busybox', ['nslookup', 'quebec.openstacklocal.', '10.74.1.1'], 10_000);
      answer = result.stdout + result.stderr;
      return answer.includes(port.q.fixed_ips[0].ip_address);
    }, 20_000).catch(() => assert.fail(`no DNS answer from OVN: ${answer}`));
  }));

  test('an IP block routed to b reaches b through the router and b\'s port security', step(async () => {
    const pool = (await api('POST', '/subnetpools', { subnetpool: { name: 'public', prefixes: ['203.0.113.0/24'], default_prefixlen: 29 } })).subnetpool;
    const block = (await api('POST', '/ip-blocks', { ip_block: { subnetpool_id: pool.id, cidr: '203.0.113.8/29', project_id: port.b.project_id } })).ip_block;
    blockId = block.id;
    run('ip', ['-n', vm.b.netns, 'addr', 'add', '203.0.113.9/32', 'dev', 'lo']);
    await waitFor('a reaches b through the router', () => ping(vm.a, port.b.fixed_ips[0].ip_address), 20_000);
    assert.equal(ping(vm.a, '203.0.113.9'), false, 'the block is not routed while it names no port');
    await api('PUT', `/ip-blocks/${blockId}`, { ip_block: { port_id: port.b.id } });
    await waitFor('the route to the block', () => stack.nbctl('--bare', '--columns=nexthop', 'find', 'Logical_Router_Static_Route', 'ip_prefix="203.0.113.8/29"') === port.b.fixed_ips[0].ip_address, 20_000);
    stack.nbctl('--timeout=30', '--wait=hv', 'sync');
    await waitFor('a reaches 203.0.113.9 on b', () => ping(vm.a, '203.0.113.9'), 20_000);
  }));
});
