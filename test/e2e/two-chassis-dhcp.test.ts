import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { acquireLease } from '../../src/sandbox/dhcp-client.ts';
import { waitFor } from '../../src/sandbox/host-command.ts';
import { execInInstance, plugInstance, unplugInstance, type Instance } from '../../src/sandbox/instance.ts';
import { listNetns } from '../../src/sandbox/netns.ts';
import { AgentProcess } from '../helpers/agent-process.ts';
import { stackSkipReason, startTestStack, stopTestStack, type OvnStack } from '../helpers/ovn-stack.ts';
import { ServerProcess } from '../helpers/server-process.ts';

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
  let stack: OvnStack;
  let server: ServerProcess;
  let dir: string;
  let failed = false;
  const agents: AgentProcess[] = [];
  const instances: Instance[] = [];
  const ports: any[] = [];
  let network: any;
  let subnet: any;
  const admin = { 'content-type': 'application/json', 'x-project-id': 'project-e2e', 'x-roles': 'admin' };
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/v2.0${path}`, { method, headers: admin, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = response.status === 204 ? {} : await response.json() as any;
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const portOf = async (id: string) => (await api('GET', `/ports/${id}`)).port;
  /** Runs a step, remembering a failure so that the logs are kept and printed. */
  const step = (fn: () => Promise<void>) => async () => { try { await fn(); } catch (error) { failed = true; throw error; } };

  before(async () => {
    stack = await startTestStack('d', ['hv1', 'hv2']);
    dir = mkdtempSync(join(tmpdir(), 'muon-e2e-'));
    server = await ServerProcess.start({ databaseUrl: `sqlite:${join(dir, 'muon.db')}`, env: { MUON_OVN_NB_CONNECTION: stack.nbRemote } });
    for (const host of ['hv1', 'hv2']) agents.push(AgentProcess.start({ host, url: server.url, ovsRemote: stack.chassis(host).ovsRemote }));
  });
  after(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await server?.stop();
    if (failed) console.log(`# logs kept in ${stack?.dir}\n# muon:\n${server?.log}\n# agents:\n${agents.map((a) => a.log).join('\n')}`);
    const prefix = stack?.manifest.prefix;
    await stopTestStack(stack, { keepLogs: failed });
    rmSync(dir, { recursive: true, force: true });
    if (prefix) assert.deepEqual(listNetns(prefix), [], 'no namespace left behind');
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
