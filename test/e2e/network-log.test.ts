import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../../src/sandbox/host-command.ts';
import { execInInstance, type Instance } from '../../src/sandbox/instance.ts';
import { E2eDeployment } from '../helpers/e2e-deployment.ts';
import { stackSkipReason, type OvnStack } from '../helpers/ovn-stack.ts';

const skip = stackSkipReason();

/*
 * Network logs with real packets: a log of a security group makes
 * ovn-controller write a line per logged packet (its `acl_log` module, in
 * its own log file), naming the log (`neutron-<log id>`) and the verdict.
 *   a  10.74.0.10  hv1  group "logged": ICMP in allowed, nothing else
 *   b  10.74.0.20  hv2  the default group (its egress is open)
 * b pings a (allowed: a log line with verdict allow), b connects to a's TCP
 * 22 (dropped by the group's own logged drop ACL: verdict drop); the log
 * disabled, the same packets write no line.
 */

const IP = { a: '10.74.0.10', b: '10.74.0.20' } as const;

function ping(from: Instance, to: string): boolean {
  return execInInstance(from, 'ping', ['-c', '1', '-W', '1', to], 5_000).status === 0;
}

function tcp22(from: Instance, to: string): boolean {
  return execInInstance(from, 'busybox', ['nc', '-w', '1', to, '22'], 5_000).status === 0;
}

describe('e2e: a network log of a security group through OVN — ovn-controller logs the allowed and dropped packets', { skip, timeout: 300_000 }, () => {
  let e2e: E2eDeployment;
  let stack: OvnStack;
  let listener: ChildProcess | undefined;
  const vm = {} as Record<'a' | 'b', Instance>;
  const port = {} as Record<'a' | 'b', any>;
  let logged: any;
  let log: any;
  const api = (method: string, path: string, body?: unknown) => e2e.api(method, path, body);
  const step = (fn: () => Promise<void>) => () => e2e.run(fn);
  const syncChassis = () => { stack.nbctl('--timeout=30', '--wait=hv', 'sync'); };
  /** ovn-controller's ACL log lines (both chassis) that name the log. */
  const logLines = (): string[] => ['hv1', 'hv2'].flatMap((host) => {
    const file = join(stack.chassis(host).dir, 'ovn-controller.log');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line.includes('acl_log') && line.includes(`name="neutron-${log.id}"`)) : [];
  });
  const loggedAcls = (): number => stack.nbctl('--bare', '--columns=_uuid', 'find', 'acl', `name="neutron-${log.id}"`, 'log=true').split(/\s+/).filter(Boolean).length;

  before(async () => {
    e2e = await E2eDeployment.start('l', 'project-e2e-log');
    stack = e2e.stack;
  });
  after(async () => {
    if (listener?.pid !== undefined && listener.exitCode === null) listener.kill();
    await e2e?.stop();
  });

  test('two instances plugged and ACTIVE, a in a group that admits ICMP only', step(async () => {
    const network = (await api('POST', '/networks', { network: { name: 'e2e-log' } })).network;
    const subnet = (await api('POST', '/subnets', { subnet: { network_id: network.id, cidr: '10.74.0.0/24', ip_version: 4 } })).subnet;
    logged = (await api('POST', '/security-groups', { security_group: { name: 'logged' } })).security_group;
    await api('POST', '/security-group-rules', { security_group_rule: { security_group_id: logged.id, direction: 'ingress', ethertype: 'IPv4', protocol: 'icmp' } });
    for (const [name, host, extra] of [['a', 'hv1', { security_groups: [logged.id] }], ['b', 'hv2', {}]] as const) {
      ({ port: port[name], vm: vm[name] } = await e2e.bootInstance({ name, host, networkId: network.id, subnetId: subnet.id, ip: IP[name], prefixLength: 24, port: extra }));
    }
    await waitFor('both ports ACTIVE', async () => {
      const ports = await Promise.all(Object.values(port).map(async (p) => (await api('GET', `/ports/${p.id}`)).port));
      return ports.every((p) => p.status === 'ACTIVE');
    }, 60_000);
    syncChassis();
    // A listener on a's TCP 22: a refused connection would prove nothing, a dropped one proves the filter.
    listener = spawn('ip', ['netns', 'exec', vm.a.netns, 'busybox', 'nc', '-ll', '-p', '22', '-e', '/bin/true'], { stdio: 'ignore' });
    listener.on('error', () => {});
    await waitFor('b pings a', () => ping(vm.b, IP.a), 20_000);
    assert.equal(tcp22(vm.b, IP.a), false, 'TCP 22 is not admitted');
  }));

  test('with a log of the group, an allowed ping and a dropped connection each write an acl_log line naming the log', step(async () => {
    log = (await api('POST', '/log/logs', { log: { name: 'e2e', resource_type: 'security_group', resource_id: logged.id, event: 'ALL' } })).log;
    // The group's three rules (ICMP in, its two default egress rules) and its own two drops.
    await waitFor('the logged ACLs in the northbound DB', () => loggedAcls() === 5, 20_000);
    assert.ok(stack.nbctl('--bare', '--columns=name', 'list', 'meter').includes('acl_log_meter'), 'the log meter');
    syncChassis();
    await waitFor('an allow line', () => { ping(vm.b, IP.a); return logLines().some((line) => line.includes('verdict=allow') && line.includes('icmp')); }, 20_000);
    await waitFor('a drop line', () => { tcp22(vm.b, IP.a); return logLines().some((line) => line.includes('verdict=drop') && line.includes('tcp')); }, 20_000);
    const line = logLines().find((l) => l.includes('verdict=drop'))!;
    assert.match(line, /severity=info/);
    assert.match(line, new RegExp(`nw_src=${IP.b.replaceAll('.', '\\.')},nw_dst=${IP.a.replaceAll('.', '\\.')}`));
  }));

  test('the log disabled: the same packets write no line', step(async () => {
    await api('PUT', `/log/logs/${log.id}`, { log: { enabled: false } });
    await waitFor('no logged ACL left', () => loggedAcls() === 0, 20_000);
    syncChassis();
    const before = logLines().length;
    assert.ok(ping(vm.b, IP.a), 'the ping still passes');
    assert.equal(tcp22(vm.b, IP.a), false, 'TCP 22 is still dropped');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(logLines().length, before, 'no new line');
  }));
});
