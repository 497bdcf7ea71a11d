import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { acquireLease } from '../../src/sandbox/dhcp-client.ts';
import { waitFor } from '../../src/sandbox/host-command.ts';
import { execInInstance, plugInstance, unplugInstance, type Instance } from '../../src/sandbox/instance.ts';
import { E2eDeployment } from '../helpers/e2e-deployment.ts';
import { stackSkipReason, type OvnStack } from '../helpers/ovn-stack.ts';

const skip = stackSkipReason();

/**
 * Acceptance 1 of the data-plane issue, through muon's API only: a network,
 * a subnet and two ports bound to hv1 and hv2; `muon serve`'s OVN driver
 * writes OVN, a `muon agent` runs per chassis. Two instances plugged on
 * different chassis become ACTIVE, get from a real DHCP client the addresses
 * muon allocated and the network's MTU, and ping each other; unplugged, a
 * port goes DOWN; plugged on the wrong host, it fails to bind with a reason.
 */
describe('e2e: two instances on two chassis — ACTIVE, DHCP, ping', { skip, timeout: 300_000 }, () => {
  let e2e: E2eDeployment;
  let stack: OvnStack;
  const instances: Instance[] = [];
  const ports: any[] = [];
  let network: any;
  let subnet: any;
  const api = (method: string, path: string, body?: unknown) => e2e.api(method, path, body);
  const portOf = async (id: string) => (await api('GET', `/ports/${id}`)).port;
  /** Runs a step, remembering a failure so that the logs are kept and printed. */
  const step = (fn: () => Promise<void>) => () => e2e.run(fn);

  before(async () => {
    e2e = await E2eDeployment.start('d', 'project-e2e');
    stack = e2e.stack;
  });
  after(async () => {
    await e2e?.stop();
  });

  test('ports bound to hv1 and hv2 become ACTIVE once plugged; both agents report alive', step(async () => {
    network = (await api('POST', '/networks', { network: { name: 'e2e' } })).network;
    subnet = (await api('POST', '/subnets', { subnet: { network_id: network.id, cidr: '10.72.0.0/24', ip_version: 4 } })).subnet;
    for (const host of ['hv1', 'hv2']) {
      ports.push((await api('POST', '/ports', { port: { network_id: network.id, device_id: `vm-${host}`, device_owner: 'compute:nova', 'binding:host_id': host } })).port);
    }
    assert.deepEqual(ports.map((p) => p.status), ['DOWN', 'DOWN']);
    for (const [i, port] of ports.entries()) {
      instances.push(await plugInstance(stack, { name: `vm${i + 1}`, chassis: `hv${i + 1}`, portId: port.id, macAddress: port.mac_address, deviceId: port.device_id }));
    }
    await waitFor('both ports ACTIVE', async () => (await Promise.all(ports.map((p) => portOf(p.id)))).every((p) => p.status === 'ACTIVE'), 60_000);
    const bound = await portOf(ports[0].id);
    assert.equal(bound['binding:vif_type'], 'ovs');
    const listed = (await api('GET', '/agents?binary=muon-agent')).agents;
    assert.deepEqual(listed.map((a: any) => [a.host, a.alive]).sort(), [['hv1', true], ['hv2', true]]);
  }));

  test('DHCP gives each instance the address muon allocated and the network MTU; they ping each other', step(async () => {
    stack.nbctl('--timeout=30', '--wait=hv', 'sync');
    for (const [i, instance] of instances.entries()) {
      const lease = await acquireLease(instance, stack.dir);
      assert.equal(lease.ip, ports[i].fixed_ips[0].ip_address, 'the address muon allocated');
      assert.equal(lease.prefixLength, 24);
      assert.equal(lease.router, subnet.gateway_ip);
      assert.equal(lease.mtu, network.mtu, 'the network MTU by DHCP');
      assert.match(execInInstance(instance, 'ip', ['link', 'show', 'eth0']).stdout, new RegExp(`mtu ${network.mtu} `));
    }
    const ping = execInInstance(instances[0]!, 'ping', ['-c', '3', '-W', '2', ports[1].fixed_ips[0].ip_address]);
    assert.equal(ping.status, 0, ping.stdout + ping.stderr);
  }));

  test('an unplugged instance\'s port goes DOWN', step(async () => {
    await unplugInstance(stack, instances[1]!);
    await waitFor('the port DOWN', async () => (await portOf(ports[1].id)).status === 'DOWN', 30_000);
    assert.equal((await portOf(ports[0].id)).status, 'ACTIVE');
  }));

  test('a port plugged on another host than its binding:host_id fails to bind, with a reason', step(async () => {
    const { port } = await api('POST', '/ports', { port: { network_id: network.id, device_id: 'vm-misplaced', 'binding:host_id': 'hv1' } });
    await plugInstance(stack, { name: 'vm3', chassis: 'hv2', portId: port.id, macAddress: port.mac_address });
    await waitFor('binding_failed', async () => (await portOf(port.id))['binding:vif_type'] === 'binding_failed', 30_000);
    const failedPort = await portOf(port.id);
    assert.equal(failedPort.status, 'DOWN');
    assert.match(failedPort['binding:vif_details'].reason, /plugged on host hv2 but its binding:host_id is hv1/);
  }));
});
