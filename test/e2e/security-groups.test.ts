import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { run, waitFor } from '../../src/sandbox/host-command.ts';
import { execInInstance, type Instance } from '../../src/sandbox/instance.ts';
import { E2eDeployment } from '../helpers/e2e-deployment.ts';
import { stackSkipReason, type OvnStack } from '../helpers/ovn-stack.ts';

const skip = stackSkipReason();

/*
 * Acceptance 3 of the data-plane issue, through muon's API only, with real
 * packets. Four instances on one network, on two chassis:
 *   a  10.73.0.10  hv1  the default group (the target; listens on TCP 22)
 *   b  10.73.0.20  hv2  group "friends" (inside 10.73.0.16/28)
 *   c  10.73.0.40  hv2  group "strangers" (outside it)
 *   d  10.73.0.50  hv1  no port security (the witness; listens on TCP 22)
 * Every negative check is preceded by the same check towards d succeeding, so
 * a failure can only be the filter; ACL changes are waited for in the
 * northbound database and then on every chassis (`--wait=hv sync`), and
 * positive checks after a change are retried for a bounded time.
 */

const CIDR = '10.73.0.0/24';
const IP = { a: '10.73.0.10', b: '10.73.0.20', c: '10.73.0.40', d: '10.73.0.50' } as const;
const SPOOFED_IP = '10.73.0.99';
const SPOOFED_MAC = '02:73:00:00:00:99';
type Name = keyof typeof IP;

/** A TCP connection to port 22 (busybox nc, 2 s connect timeout) succeeds. */
function tcp22(from: Instance, to: string): boolean {
  return execInInstance(from, 'busybox', ['nc', '-w', '2', to, '22'], 5_000).status === 0;
}

/** One ping (1 s) gets its answer; `source` picks the source address. */
function ping(from: Instance, to: string, source?: string): boolean {
  return execInInstance(from, 'ping', ['-c', '1', '-W', '1', ...(source ? ['-I', source] : []), to], 5_000).status === 0;
}

/** ICMP echo requests the instance's kernel has received (its namespace's /proc/net/snmp). */
function echoRequestsReceived(instance: Instance): number {
  const lines = execInInstance(instance, 'cat', ['/proc/net/snmp']).stdout.split('\n').filter((l) => l.startsWith('Icmp:'));
  const [names, values] = lines.map((l) => l.trim().split(/\s+/));
  const index = names!.indexOf('InEchos');
  assert.ok(index > 0, 'InEchos in /proc/net/snmp');
  return Number(values![index]);
}

describe('e2e: security groups through OVN — default deny, CIDR and remote-group rules, port security', { skip, timeout: 300_000 }, () => {
  let e2e: E2eDeployment;
  let stack: OvnStack;
  const listeners: ChildProcess[] = [];
  const vm = {} as Record<Name, Instance>;
  const port = {} as Record<Name, any>;
  const group = {} as Record<'default' | 'friends' | 'strangers', any>;
  const api = (method: string, path: string, body?: unknown) => e2e.api(method, path, body);
  /** Runs a step, remembering a failure so that the logs are kept and printed. */
  const step = (fn: () => Promise<void>) => () => e2e.run(fn);
  /** Switch port names (port ids) in a port group, from the northbound database. */
  const portGroupMembers = (name: string): string[] => {
    const uuids = stack.nbctl('--bare', '--columns=ports', 'find', 'port_group', `name=${name}`).split(/\s+/).filter(Boolean);
    return uuids.map((uuid) => stack.nbctl('--bare', '--columns=name', 'list', 'logical_switch_port', uuid));
  };
  const aclCount = (ruleId: string): number =>
    stack.nbctl('--bare', '--columns=_uuid', 'find', 'acl', `external_ids:"neutron:security_group_rule_id"="${ruleId}"`).split(/\s+/).filter(Boolean).length;
  /** Every chassis has the northbound database's current state in its flows. */
  const syncChassis = () => { stack.nbctl('--timeout=30', '--wait=hv', 'sync'); };
  const addRule = async (rule: Record<string, unknown>) => {
    const created = (await api('POST', '/security-group-rules', { security_group_rule: { ethertype: 'IPv4', direction: 'ingress', ...rule } })).security_group_rule;
    await waitFor(`the ACL of rule ${created.id}`, () => aclCount(created.id) === 1, 20_000);
    syncChassis();
    return created;
  };
  const removeRule = async (id: string) => {
    await api('DELETE', `/security-group-rules/${id}`);
    await waitFor(`the ACL of rule ${id} gone`, () => aclCount(id) === 0, 20_000);
    syncChassis();
  };
  /** A positive check after a change: retried (bounded), since flows land asynchronously. */
  const eventually = (what: string, check: () => boolean) => waitFor(what, check, 20_000);
  /** A persistent TCP 22 listener in the instance (ended by PID in `after`, and with its namespace). */
  const listen22 = (instance: Instance) => {
    const listener = spawn('ip', ['netns', 'exec', instance.netns, 'busybox', 'nc', '-ll', '-p', '22', '-e', '/bin/true'], { stdio: 'ignore' });
    // A listener that cannot start shows as failed connections below, not as an unhandled error event.
    listener.on('error', () => {});
    listeners.push(listener);
  };

  before(async () => {
    e2e = await E2eDeployment.start('g', 'project-e2e-sg');
    stack = e2e.stack;
  });
  after(async () => {
    for (const listener of listeners) if (listener.pid !== undefined && listener.exitCode === null) listener.kill();
    await e2e?.stop();
  });

  test('four instances plugged and ACTIVE; a, b and c in their groups, d unfiltered', step(async () => {
    const network = (await api('POST', '/networks', { network: { name: 'e2e-sg' } })).network;
    const subnet = (await api('POST', '/subnets', { subnet: { network_id: network.id, cidr: CIDR, ip_version: 4 } })).subnet;
    for (const name of ['friends', 'strangers'] as const) group[name] = (await api('POST', '/security-groups', { security_group: { name } })).security_group;
    const placement: Record<Name, { host: string; extra: Record<string, unknown> }> = {
      a: { host: 'hv1', extra: {} },
      b: { host: 'hv2', extra: { security_groups: [group.friends.id] } },
      c: { host: 'hv2', extra: { security_groups: [group.strangers.id] } },
      d: { host: 'hv1', extra: { port_security_enabled: false } },
    };
    for (const [name, { host, extra }] of Object.entries(placement) as [Name, typeof placement[Name]][]) {
      ({ port: port[name], vm: vm[name] } = await e2e.bootInstance({ name, host, networkId: network.id, subnetId: subnet.id, ip: IP[name], prefixLength: 24, port: extra }));
    }
    group.default = (await api('GET', '/security-groups?name=default')).security_groups[0];
    assert.deepEqual(port.a.security_groups, [group.default.id], 'a port without groups is in the default group');
    assert.deepEqual(port.d.security_groups, []);
    await waitFor('four ports ACTIVE', async () => {
      const all = await Promise.all(Object.values(port).map(async (p) => (await api('GET', `/ports/${p.id}`)).port));
      return all.every((p) => p.status === 'ACTIVE');
    }, 60_000);
    await waitFor('the port groups in OVN', () => {
      const drop = portGroupMembers('neutron_pg_drop').sort();
      return JSON.stringify(drop) === JSON.stringify([port.a.id, port.b.id, port.c.id].sort())
        && portGroupMembers(`pg_${group.default.id.replaceAll('-', '_')}`).join() === port.a.id;
    }, 20_000);
    syncChassis();
    // TCP 22 listeners: in a (the target) and d (the witness that proves each path).
    listen22(vm.a);
    listen22(vm.d);
    await eventually('d listening on 22', () => tcp22(vm.a, IP.d));
  }));

  test('the default group denies ingress from another group\'s instance; egress works', step(async () => {
    // Egress of a (and the answers back in): a reaches the witness.
    await eventually('a pings d', () => ping(vm.a, IP.d));
    await eventually('a connects to d:22', () => tcp22(vm.a, IP.d));
    // b's path works (to d) …
    await eventually('b pings d', () => ping(vm.b, IP.d));
    await eventually('b connects to d:22', () => tcp22(vm.b, IP.d));
    // … but a's default group admits only its own members.
    assert.equal(ping(vm.b, IP.a), false, 'b cannot ping a');
    assert.equal(tcp22(vm.b, IP.a), false, 'b cannot connect to a:22');
  }));

  test('a rule opening TCP 22 from a CIDR admits an instance inside it only; removed, new connections fail', step(async () => {
    const rule = await addRule({ security_group_id: group.default.id, protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '10.73.0.16/28' });
    await eventually('b (inside 10.73.0.16/28) connects to a:22', () => tcp22(vm.b, IP.a));
    assert.equal(ping(vm.b, IP.a), false, 'the rule opens TCP 22, not ICMP');
    await eventually('c connects to d:22', () => tcp22(vm.c, IP.d));
    assert.equal(tcp22(vm.c, IP.a), false, 'c (outside 10.73.0.16/28) cannot connect to a:22');
    await removeRule(rule.id);
    await eventually('b still connects to d:22', () => tcp22(vm.b, IP.d));
    assert.equal(tcp22(vm.b, IP.a), false, 'with the rule gone, b cannot connect to a:22');
  }));

  test('a remote-group rule admits the remote group\'s members only, and a port that joins it', step(async () => {
    await addRule({ security_group_id: group.default.id, protocol: 'icmp', remote_group_id: group.friends.id });
    await eventually('b (in friends) pings a', () => ping(vm.b, IP.a));
    await eventually('c pings d', () => ping(vm.c, IP.d));
    assert.equal(ping(vm.c, IP.a), false, 'c (not in friends) cannot ping a');
    // Membership is the port's: c joining friends is admitted too (OVN's address set follows the port group).
    await api('PUT', `/ports/${port.c.id}`, { port: { security_groups: [group.strangers.id, group.friends.id] } });
    await eventually('c, now in friends, pings a', () => ping(vm.c, IP.a));
  }));

  test('port security drops a spoofed source IP and a spoofed source MAC', step(async () => {
    // A fixed neighbour entry for d, so b sends without ARP (whose own spoofed fields port security drops too).
    run('ip', ['-n', vm.b.netns, 'neigh', 'replace', IP.d, 'lladdr', port.d.mac_address, 'dev', 'eth0', 'nud', 'permanent']);
    run('ip', ['-n', vm.b.netns, 'addr', 'add', `${SPOOFED_IP}/32`, 'dev', 'eth0']);
    const received = () => echoRequestsReceived(vm.d);

    let before = received();
    await eventually('b pings d from its own address', () => ping(vm.b, IP.d, IP.b));
    assert.ok(received() > before, 'd received the echo request');
    before = received();
    assert.equal(ping(vm.b, IP.d, SPOOFED_IP), false, 'no answer from a spoofed source address');
    assert.equal(received(), before, 'the spoofed-address request never reached d');

    before = received();
    await eventually('b pings d with its own MAC', () => ping(vm.b, IP.d, IP.b));
    assert.ok(received() > before, 'd received the echo request');
    run('ip', ['-n', vm.b.netns, 'link', 'set', 'eth0', 'address', SPOOFED_MAC]);
    before = received();
    assert.equal(ping(vm.b, IP.d, IP.b), false, 'no answer from a spoofed MAC');
    assert.equal(received(), before, 'the spoofed-MAC request never reached d');
  }));
});
