import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { acquireLease } from '../../src/sandbox/dhcp-client.ts';
import { waitFor } from '../../src/sandbox/host-command.ts';
import { execInInstance, plugInstance, unplugInstance, type Instance } from '../../src/sandbox/instance.ts';
import { E2eDeployment } from '../helpers/e2e-deployment.ts';
import { stackSkipReason, type OvnStack } from '../helpers/ovn-stack.ts';

const skip = stackSkipReason();

/**
 * A live migration from hv1 to hv2 as Nova drives it (binding-extended),
 * with real OVN and a `muon agent` per chassis: an inactive binding on hv2
 * and `migrating_to` on the port, the destination plugged while the source
 * still runs (the agent on hv2 must not call that a binding failure), the
 * source unplugged, the destination's binding activated — the port is ACTIVE
 * on hv2 and the instance reaches its peer on hv1 from there.
 */
describe('e2e: live migration of an instance port from hv1 to hv2', { skip, timeout: 300_000 }, () => {
  let e2e: E2eDeployment;
  let stack: OvnStack;
  let port: any;
  let peerPort: any;
  let source: Instance;
  let destination: Instance;
  let peer: Instance;
  const api = (method: string, path: string, body?: unknown) => e2e.api(method, path, body);
  /** Nova's calls: the service role (Neutron's defaults keep binding changes to services). */
  const asNova = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${e2e.server.url}/v2.0${path}`, {
      method, headers: { 'content-type': 'application/json', 'x-project-id': 'service', 'x-roles': 'service' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return text === '' ? {} : JSON.parse(text);
  };
  const portOf = async (id: string) => (await api('GET', `/ports/${id}`)).port;
  const step = (fn: () => Promise<void>) => () => e2e.run(fn);

  before(async () => {
    e2e = await E2eDeployment.start('lm', 'project-lm');
    stack = e2e.stack;
  });
  after(async () => {
    await e2e?.stop();
  });

  test('an instance and its peer run on hv1', step(async () => {
    const network = (await api('POST', '/networks', { network: { name: 'lm' } })).network;
    await api('POST', '/subnets', { subnet: { network_id: network.id, cidr: '10.73.0.0/24', ip_version: 4 } });
    const bound = (name: string) => api('POST', '/ports', { port: { network_id: network.id, device_id: name, device_owner: 'compute:nova', 'binding:host_id': 'hv1' } });
    port = (await bound('vm-moving')).port;
    peerPort = (await bound('vm-peer')).port;
    source = await plugInstance(stack, { name: 'moving-src', chassis: 'hv1', portId: port.id, macAddress: port.mac_address, deviceId: port.device_id });
    peer = await plugInstance(stack, { name: 'peer', chassis: 'hv1', portId: peerPort.id, macAddress: peerPort.mac_address, deviceId: peerPort.device_id });
    await waitFor('both ports ACTIVE', async () => (await portOf(port.id)).status === 'ACTIVE' && (await portOf(peerPort.id)).status === 'ACTIVE', 60_000);
    await acquireLease(peer, stack.dir);
  }));

  test('the destination is bound INACTIVE and plugged before the move; the source binding stays ACTIVE', step(async () => {
    const { binding } = await asNova('POST', `/ports/${port.id}/bindings`, { binding: { host: 'hv2' } });
    assert.deepEqual([binding.status, binding.vif_type], ['INACTIVE', 'ovs'], 'hv2 has an agent: bound as it would bind the port');
    await asNova('PUT', `/ports/${port.id}`, { port: { 'binding:profile': { migrating_to: 'hv2' } } });
    const lsp = () => JSON.parse(stack.nbctl('--format=json', '--columns=options', 'find', 'Logical_Switch_Port', `name=${port.id}`)) as { data: unknown[][] };
    await waitFor('requested-chassis hv1,hv2', () => JSON.stringify(lsp().data).includes('"requested-chassis","hv1,hv2"'), 30_000);
    destination = await plugInstance(stack, { name: 'moving-dst', chassis: 'hv2', portId: port.id, macAddress: port.mac_address, deviceId: port.device_id });
    // Give hv2's agent time to look at the new interface (it reports within a second or two when it does).
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const during = await portOf(port.id);
    assert.deepEqual([during.status, during['binding:vif_type'], during['binding:host_id']], ['ACTIVE', 'ovs', 'hv1'], JSON.stringify(during['binding:vif_details']));
  }));

  test('source unplugged, destination activated: ACTIVE on hv2, and it reaches its peer on hv1', step(async () => {
    await unplugInstance(stack, source);
    const activated = await asNova('PUT', `/ports/${port.id}/bindings/hv2/activate`);
    assert.deepEqual([activated.host, activated.status], ['hv2', 'ACTIVE']);
    await waitFor('the port ACTIVE on hv2', async () => {
      const now = await portOf(port.id);
      return now.status === 'ACTIVE' && now['binding:host_id'] === 'hv2';
    }, 60_000);
    await asNova('DELETE', `/ports/${port.id}/bindings/hv1`);
    const listed = (await asNova('GET', `/ports/${port.id}/bindings`)).bindings;
    assert.deepEqual(listed.map((b: any) => [b.host, b.status]), [['hv2', 'ACTIVE']]);
    stack.nbctl('--timeout=30', '--wait=hv', 'sync');
    const lease = await acquireLease(destination, stack.dir);
    assert.equal(lease.ip, port.fixed_ips[0].ip_address);
    const ping = execInInstance(destination, 'ping', ['-c', '3', '-W', '2', peerPort.fixed_ips[0].ip_address]);
    assert.equal(ping.status, 0, ping.stdout + ping.stderr);
  }));
});
