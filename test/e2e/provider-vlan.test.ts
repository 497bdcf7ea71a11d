import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { acquireLease } from '../../src/sandbox/dhcp-client.ts';
import { onPath, waitFor } from '../../src/sandbox/host-command.ts';
import { execInInstance, plugInstance, type Instance } from '../../src/sandbox/instance.ts';
import { E2eDeployment } from '../helpers/e2e-deployment.ts';
import { stackSkipReason, type OvnStack } from '../helpers/ovn-stack.ts';
import { PacketCapture } from '../helpers/packet-capture.ts';

/** The stack's prerequisites, and tcpdump (scripts/setup-ovn.sh installs it). */
function skipReason(): string | false {
  const stack = stackSkipReason();
  if (stack || onPath('tcpdump')) return stack;
  const reason = 'the provider VLAN test needs tcpdump: run scripts/setup-ovn.sh';
  if (process.env.MUON_REQUIRE_OVN === '1') throw new Error(`${reason} (MUON_REQUIRE_OVN=1)`);
  console.log(`# skipped: ${reason}`);
  return reason;
}

const skip = skipReason();
const PHYSNET = 'public';
const VLAN = 100;

/*
 * Acceptance 4 of the data-plane issue, its last part, through muon's API
 * only: a provider VLAN network (segmentation id 100 on physnet `public`)
 * with an instance on each chassis. OVN sends their traffic out of the
 * localnet port, not through Geneve; OVS userspace pushes the 802.1Q tag
 * (the kernel has none), and the Linux bridge in the outside namespace that
 * joins the chassis' br-ex passes the tagged frames, where tcpdump sees them.
 */
describe('e2e: a provider VLAN network carries its tag between chassis', { skip, timeout: 300_000 }, () => {
  let e2e: E2eDeployment;
  let stack: OvnStack;
  let network: any;
  const vm: Instance[] = [];
  const ports: any[] = [];
  const api = (method: string, path: string, body?: unknown) => e2e.api(method, path, body);
  const step = (fn: () => Promise<void>) => () => e2e.run(fn);
  const address = (i: number) => ports[i].fixed_ips[0].ip_address as string;

  before(async () => {
    e2e = await E2eDeployment.start('v', 'project-e2e-vlan', { provider: { physnet: PHYSNET }, serverEnv: { MUON_NETWORK_VLAN_RANGES: `${PHYSNET}:100:200` } });
    stack = e2e.stack;
  });
  after(async () => {
    await e2e?.stop();
  });

  test('instances on a VLAN network on two chassis get their addresses by DHCP', step(async () => {
    network = (await api('POST', '/networks', { network: {
      name: 'vlan100', 'provider:network_type': 'vlan', 'provider:physical_network': PHYSNET, 'provider:segmentation_id': VLAN,
    } })).network;
    assert.equal(network['provider:segmentation_id'], VLAN);
    await api('POST', '/subnets', { subnet: { network_id: network.id, cidr: '10.84.0.0/24', ip_version: 4 } });
    const localnet = `provnet-${(await api('GET', `/segments?network_id=${network.id}`)).segments[0].id}`;
    await waitFor('the localnet port with tag 100', () => stack.nbctl('--if-exists', 'get', 'Logical_Switch_Port', localnet, 'tag') === String(VLAN), 20_000);
    for (const host of ['hv1', 'hv2']) {
      const port = (await api('POST', '/ports', { port: { network_id: network.id, device_id: `vm-${host}`, device_owner: 'compute:nova', 'binding:host_id': host, port_security_enabled: false } })).port;
      ports.push(port);
      vm.push(await plugInstance(stack, { name: `v-${host}`, chassis: host, portId: port.id, macAddress: port.mac_address, deviceId: port.device_id }));
    }
    await waitFor('both ports ACTIVE', async () => {
      const all = await Promise.all(ports.map(async (p) => (await api('GET', `/ports/${p.id}`)).port));
      return all.every((p) => p.status === 'ACTIVE');
    }, 60_000);
    stack.nbctl('--timeout=30', '--wait=hv', 'sync');
    for (const [i, instance] of vm.entries()) {
      const lease = await acquireLease(instance, stack.dir);
      assert.equal(lease.ip, address(i));
      assert.equal(lease.mtu, network.mtu);
    }
  }));

  test('they ping each other, and on the physical network every frame between them carries 802.1Q tag 100', step(async () => {
    // Untagged and tagged ICMP both match, so an untagged frame would show too.
    const capture = await PacketCapture.start(stack.provider.netns, stack.provider.bridge, 'icmp or (vlan and icmp)');
    let lines: string[] = [];
    try {
      await waitFor('hv1\'s instance pings hv2\'s', () => execInInstance(vm[0]!, 'ping', ['-c', '1', '-W', '1', address(1)], 5_000).status === 0, 30_000);
      await waitFor('the echo request and reply captured', () => capture.lines.filter((l) => l.includes(`${address(0)} > ${address(1)}`) || l.includes(`${address(1)} > ${address(0)}`)).length >= 2, 10_000);
    } finally {
      lines = await capture.stop();
    }
    const between = lines.filter((l) => l.includes(`${address(0)} > ${address(1)}`) || l.includes(`${address(1)} > ${address(0)}`));
    assert.ok(between.some((l) => /ICMP echo request/.test(l)) && between.some((l) => /ICMP echo reply/.test(l)), between.join('\n'));
    for (const line of between) {
      assert.match(line, new RegExp(`ethertype 802\\.1Q \\(0x8100\\).*vlan ${VLAN}, p \\d+, ethertype IPv4`), `tagged with ${VLAN}: ${line}`);
    }
    // The source MACs are the instances' own: the frames were switched at layer 2, not routed.
    assert.ok(between.some((l) => l.includes(`${ports[0].mac_address} > ${ports[1].mac_address}`)), between.join('\n'));
  }));
});
