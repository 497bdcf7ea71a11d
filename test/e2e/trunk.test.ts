import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { run, waitFor } from '../../src/sandbox/host-command.ts';
import { execInInstance, plugInstance, type Instance } from '../../src/sandbox/instance.ts';
import { E2eDeployment } from '../helpers/e2e-deployment.ts';
import type { OvnStack } from '../helpers/ovn-stack.ts';
import { FrameCapture, addContainer, framesAbout, startGuestSwitch, trunkSkipReason, type Frame } from '../helpers/trunk-kit.ts';

const skip = trunkSkipReason();

/*
 * Acceptance 5 of the data-plane issue, through muon's API only, with real
 * packets. A trunk whose parent port is on network A, with subports on B
 * (VLAN 101) and C (VLAN 102):
 *   vm    10.74.1.10  hv1  the parent port; runs its own OVS (trunk-kit.ts)
 *   c101  10.74.2.10       container in vm on VLAN 101: the subport on B
 *   c102  10.74.3.10       container in vm on VLAN 102: the subport on C,
 *                          with the parent's MAC (as many trunk users do)
 *   a     10.74.1.20  hv2  plain instance on A
 *   b     10.74.2.20  hv2  plain instance on B
 *   c     10.74.3.20  hv2  plain instance on C
 * tcpdump on the VM's eth0 shows the tags OVN pushes and expects; tcpdump on
 * b shows what reaches network B. Ports keep port security: a subport's
 * switch port admits its own MAC and address, whichever MAC it has (its own
 * for sub101, the parent's for sub102; OVN tells them apart by the tag);
 * the default group gets an ICMP rule. Positive checks are retried for a bounded time, every
 * negative check is single and comes after a positive one on the same path.
 */

const IP = { vm: '10.74.1.10', c101: '10.74.2.10', c102: '10.74.3.10', a: '10.74.1.20', b: '10.74.2.20', c: '10.74.3.20' } as const;
const SPOOFED_MAC = '02:74:00:00:00:99';
const CIDR = { A: '10.74.1.0/24', B: '10.74.2.0/24', C: '10.74.3.0/24' } as const;

/** One ping (1 s) gets its answer. */
function ping(from: Instance, to: string): boolean {
  return execInInstance(from, 'ping', ['-c', '1', '-W', '1', to], 5_000).status === 0;
}

/** Forgets learnt neighbours, so the next exchange starts with ARP. */
function forgetNeighbours(...instances: Instance[]): void {
  for (const i of instances) run('ip', ['-n', i.netns, 'neigh', 'flush', 'all']);
}

/** The VLAN tags of frames (undefined = untagged), deduplicated, in order. */
const tagsOf = (frames: readonly Frame[]) => [...new Set(frames.map((f) => f.vlan))];

describe('e2e: a trunk port — subports carry their VLANs to nested containers, untagged frames reach the parent network', { skip, timeout: 300_000 }, () => {
  let e2e: E2eDeployment;
  let stack: OvnStack;
  const vm = {} as Record<'vm' | 'c101' | 'c102' | 'a' | 'b' | 'c', Instance>;
  const port = {} as Record<'parent' | 'sub101' | 'sub102' | 'a' | 'b' | 'c', any>;
  let trunk: any;
  const api = (method: string, path: string, body?: unknown) => e2e.api(method, path, body);
  const step = (fn: () => Promise<void>) => () => e2e.run(fn);
  const portOf = async (id: string) => (await api('GET', `/ports/${id}`)).port;
  /** The subport's switch port in the northbound database: [parent_name, tag], empty strings when unset. */
  const lspParent = (id: string) => ['parent_name', 'tag'].map((c) => stack.nbctl('--bare', `--columns=${c}`, 'list', 'logical_switch_port', id));
  const lspOwner = (id: string) => stack.nbctl('get', 'logical_switch_port', id, 'external_ids:"neutron:device_owner"');
  const syncChassis = () => { stack.nbctl('--timeout=30', '--wait=hv', 'sync'); };
  const eventually = (what: string, check: () => boolean) => waitFor(what, check, 20_000);
  /** Frames seen on the VM's eth0 and on b's eth0 while `exchange` runs. */
  const captured = async (exchange: () => Promise<void>) => {
    const [onVm, onB] = await Promise.all([FrameCapture.start(vm.vm.netns), FrameCapture.start(vm.b.netns)]);
    const failed = await exchange().then(() => undefined, (error: unknown) => ({ error }));
    const [onVmFrames, onBFrames] = await Promise.all([onVm.stop(), onB.stop()]);
    const frames = { vm: onVmFrames, b: onBFrames };
    if (failed) throw failed.error;
    return frames;
  };

  before(async () => {
    e2e = await E2eDeployment.start('k', 'project-e2e-trunk');
    stack = e2e.stack;
  });
  after(async () => {
    await e2e?.stop();
  });

  test('a trunk with two VLAN subports; the VM and the plain instances plugged; parent, subports and trunk ACTIVE', step(async () => {
    const subnet: Record<string, any> = {};
    for (const name of ['A', 'B', 'C'] as const) {
      const network = (await api('POST', '/networks', { network: { name: `e2e-trunk-${name}` } })).network;
      subnet[name] = (await api('POST', '/subnets', { subnet: { network_id: network.id, cidr: CIDR[name], ip_version: 4 } })).subnet;
    }
    const create = async (on: string, ip: string, extra: Record<string, unknown> = {}) =>
      (await api('POST', '/ports', { port: { network_id: subnet[on].network_id, fixed_ips: [{ subnet_id: subnet[on].id, ip_address: ip }], ...extra } })).port;
    const nova = (host: string, device: string) => ({ device_id: device, device_owner: 'compute:nova', 'binding:host_id': host });
    port.parent = await create('A', IP.vm, nova('hv1', 'vm-trunk'));
    port.sub101 = await create('B', IP.c101);
    port.sub102 = await create('C', IP.c102, { mac_address: port.parent.mac_address });
    port.a = await create('A', IP.a, nova('hv2', 'vm-a'));
    port.b = await create('B', IP.b, nova('hv2', 'vm-b'));
    port.c = await create('C', IP.c, nova('hv2', 'vm-c'));
    const defaultGroup = (await api('GET', '/security-groups?name=default')).security_groups[0];
    await api('POST', '/security-group-rules', { security_group_rule: { security_group_id: defaultGroup.id, direction: 'ingress', ethertype: 'IPv4', protocol: 'icmp' } });
    // Nova's order: the trunk first, then the VM boots on its parent port.
    trunk = (await api('POST', '/trunks', { trunk: { port_id: port.parent.id, sub_ports: [
      { port_id: port.sub101.id, segmentation_type: 'vlan', segmentation_id: 101 },
      { port_id: port.sub102.id, segmentation_type: 'vlan', segmentation_id: 102 },
    ] } })).trunk;
    assert.equal(trunk.status, 'DOWN', 'DOWN until its parent is bound');
    await waitFor('the subports\' switch ports name the parent and their tags', () =>
      JSON.stringify([lspParent(port.sub101.id), lspParent(port.sub102.id)]) === JSON.stringify([[port.parent.id, '101'], [port.parent.id, '102']]), 20_000);

    for (const [name, host] of [['vm', 'hv1'], ['a', 'hv2'], ['b', 'hv2'], ['c', 'hv2']] as const) {
      const p = port[name === 'vm' ? 'parent' : name];
      vm[name] = await plugInstance(stack, { name, chassis: host, portId: p.id, macAddress: p.mac_address, deviceId: p.device_id });
      run('ip', ['-n', vm[name].netns, 'addr', 'add', `${IP[name]}/24`, 'dev', 'eth0']);
    }
    const guest = startGuestSwitch(stack, vm.vm, [101, 102]);
    vm.c101 = addContainer(stack, guest, { name: 'c101', vlan: 101, portId: port.sub101.id, macAddress: port.sub101.mac_address, address: `${IP.c101}/24` });
    vm.c102 = addContainer(stack, guest, { name: 'c102', vlan: 102, portId: port.sub102.id, macAddress: port.sub102.mac_address, address: `${IP.c102}/24` });

    await waitFor('every port ACTIVE, the subports with their parent', async () =>
      (await Promise.all(Object.values(port).map((p) => portOf(p.id)))).every((p) => p.status === 'ACTIVE'), 60_000);
    assert.equal((await api('GET', `/trunks/${trunk.id}`)).trunk.status, 'ACTIVE', 'ACTIVE with its parent');
    const sub = await portOf(port.sub101.id);
    assert.deepEqual([sub.device_owner, sub['binding:profile']], ['trunk:subport', { parent_name: port.parent.id, tag: 101 }]);
    await waitFor('the subports\' device_owner in OVN', () => lspOwner(port.sub101.id) === '"trunk:subport"', 20_000);
    syncChassis();
  }));

  test('untagged frames from the VM reach the parent\'s network', step(async () => {
    forgetNeighbours(vm.vm, vm.a);
    const frames = await captured(() => eventually('vm pings a on network A', () => ping(vm.vm, IP.a)));
    const about = framesAbout(frames.vm, IP.a);
    assert.ok(about.length >= 2, `the exchange with a seen on the VM's eth0:\n${frames.vm.map((f) => f.line).join('\n')}`);
    assert.deepEqual(tagsOf(about), [undefined], 'untagged');
  }));

  test('network B reaches the VLAN 101 container: tagged 101 on the VM, untagged on B, both ways', step(async () => {
    forgetNeighbours(vm.b, vm.c101);
    const frames = await captured(async () => {
      await eventually('b pings c101', () => ping(vm.b, IP.c101));
      await eventually('c101 pings b', () => ping(vm.c101, IP.b));
    });
    const onVm = framesAbout(frames.vm, IP.c101);
    assert.ok(onVm.some((f) => /ICMP echo request/.test(f.line)) && onVm.some((f) => /ICMP echo reply/.test(f.line)),
      `echo both ways on the VM's eth0:\n${frames.vm.map((f) => f.line).join('\n')}`);
    assert.deepEqual(tagsOf(onVm), [101], 'every frame of the exchange carries tag 101 on the VM\'s interface');
    const onB = framesAbout(frames.b, IP.c101);
    assert.ok(onB.some((f) => /ICMP echo reply/.test(f.line)), 'c101\'s answers reach b');
    assert.deepEqual(tagsOf(onB), [undefined], 'b sees them untagged');
  }));

  test('network C reaches the VLAN 102 container tagged 102; none of it leaks to network B', step(async () => {
    forgetNeighbours(vm.c, vm.c102);
    const frames = await captured(async () => {
      await eventually('c pings c102', () => ping(vm.c, IP.c102));
      await eventually('c102 pings c', () => ping(vm.c102, IP.c));
    });
    const onVm = framesAbout(frames.vm, IP.c102);
    assert.ok(onVm.some((f) => /ICMP echo request/.test(f.line)) && onVm.some((f) => /ICMP echo reply/.test(f.line)), 'echo both ways');
    assert.deepEqual(tagsOf(onVm), [102], 'tag 102 on the VM\'s interface');
    // c102's ARP requests are broadcasts on its network: on B they would show.
    assert.deepEqual([...framesAbout(frames.b, IP.c102), ...framesAbout(frames.b, IP.c)].map((f) => f.line), [], 'nothing of network C on b');
  }));

  test('port security holds on a subport: frames from another MAC leave the VM tagged 101 and are dropped', step(async () => {
    await eventually('c101 pings b', () => ping(vm.c101, IP.b));
    // A fixed neighbour entry, so c101 sends echo requests without ARP (whose spoofed fields port security drops too).
    run('ip', ['-n', vm.c101.netns, 'neigh', 'replace', IP.b, 'lladdr', port.b.mac_address, 'dev', 'eth0', 'nud', 'permanent']);
    run('ip', ['-n', vm.c101.netns, 'link', 'set', 'eth0', 'address', SPOOFED_MAC]);
    try {
      const frames = await captured(async () => { assert.equal(ping(vm.c101, IP.b), false, 'no answer to a spoofed MAC'); });
      assert.ok(framesAbout(frames.vm, IP.b).some((f) => f.line.startsWith(`${SPOOFED_MAC} `, f.line.indexOf(' ') + 1) && f.vlan === 101), 'the spoofed request left the VM, tagged 101');
      assert.deepEqual(frames.b.filter((f) => f.line.includes(SPOOFED_MAC)).map((f) => f.line), [], 'none of it reached b');
    } finally {
      run('ip', ['-n', vm.c101.netns, 'link', 'set', 'eth0', 'address', port.sub101.mac_address]);
      run('ip', ['-n', vm.c101.netns, 'neigh', 'flush', 'dev', 'eth0']);
    }
  }));

  test('a removed subport stops carrying traffic and is released; the others keep theirs', step(async () => {
    await api('PUT', `/trunks/${trunk.id}/remove_subports`, { sub_ports: [{ port_id: port.sub102.id }] });
    await waitFor('sub102 has no parent in OVN', () => lspParent(port.sub102.id).join() === ',', 20_000);
    syncChassis();
    const released = await portOf(port.sub102.id);
    assert.deepEqual([released.device_owner, released['binding:profile'], released['binding:vif_type'], released.status], ['', {}, 'unbound', 'DOWN']);
    await waitFor('sub102\'s device_owner cleared in OVN', () => lspOwner(port.sub102.id) === '""', 20_000);
    await eventually('b still pings c101', () => ping(vm.b, IP.c101));
    forgetNeighbours(vm.c, vm.c102);
    assert.equal(ping(vm.c, IP.c102), false, 'c no longer reaches c102');
  }));

  test('a deleted trunk releases its subports: VLAN 101 goes silent, the VM\'s own traffic stays', step(async () => {
    await api('DELETE', `/trunks/${trunk.id}`);
    await waitFor('sub101 has no parent in OVN', () => lspParent(port.sub101.id).join() === ',', 20_000);
    syncChassis();
    assert.equal((await portOf(port.sub101.id)).device_owner, '');
    await eventually('vm still pings a', () => ping(vm.vm, IP.a));
    forgetNeighbours(vm.b, vm.c101);
    assert.equal(ping(vm.b, IP.c101), false, 'b no longer reaches c101');
  }));
});
