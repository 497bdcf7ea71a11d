import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { acquireLease } from '../../src/sandbox/dhcp-client.ts';
import { waitFor } from '../../src/sandbox/host-command.ts';
import { execInInstance, plugInstance, type Instance } from '../../src/sandbox/instance.ts';
import { listNetns } from '../../src/sandbox/netns.ts';
import { stackSkipReason, startTestStack, stopTestStack, type OvnStack } from '../helpers/ovn-stack.ts';
import { ServerProcess } from '../helpers/server-process.ts';

const skip = stackSkipReason();

/**
 * Acceptance 1 of the data-plane issue, through muon's API only: a network,
 * a subnet and two ports bound to hv1 and hv2; the OVN driver of `muon serve`
 * writes OVN; two instances plugged on different chassis get, from a real DHCP
 * client, the addresses muon allocated and the network's MTU, and ping each other.
 */
describe('e2e: two instances on two chassis, DHCP and ping', { skip, timeout: 240_000 }, () => {
  let stack: OvnStack;
  let server: ServerProcess;
  let dir: string;
  let failed = false;
  const admin = { 'content-type': 'application/json', 'x-project-id': 'project-e2e', 'x-roles': 'admin' };
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/v2.0${path}`, { method, headers: admin, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = response.status === 204 ? {} : await response.json() as any;
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  before(async () => {
    stack = await startTestStack('d', ['hv1', 'hv2']);
    dir = mkdtempSync(join(tmpdir(), 'muon-e2e-'));
    server = await ServerProcess.start({ databaseUrl: `sqlite:${join(dir, 'muon.db')}`, env: { MUON_OVN_NB_CONNECTION: stack.nbRemote } });
  });
  after(async () => {
    await server?.stop();
    if (failed) console.log(`# logs kept in ${stack?.dir}; muon:\n${server?.log}`);
    const prefix = stack?.manifest.prefix;
    await stopTestStack(stack, { keepLogs: failed });
    rmSync(dir, { recursive: true, force: true });
    if (prefix) assert.deepEqual(listNetns(prefix), []);
  });

  test('addresses and MTU by DHCP equal what muon allocated; the instances ping each other', async () => {
    failed = true;
    const { network } = await api('POST', '/networks', { network: { name: 'e2e' } });
    const { subnet } = await api('POST', '/subnets', { subnet: { network_id: network.id, cidr: '10.72.0.0/24', ip_version: 4 } });
    const ports: any[] = [];
    for (const host of ['hv1', 'hv2']) {
      ports.push((await api('POST', '/ports', { port: { network_id: network.id, device_id: `vm-${host}`, device_owner: 'compute:nova', 'binding:host_id': host } })).port);
    }
    const instances: Instance[] = [];
    for (const [i, port] of ports.entries()) {
      instances.push(await plugInstance(stack, { name: `vm${i + 1}`, chassis: `hv${i + 1}`, portId: port.id, macAddress: port.mac_address, deviceId: port.device_id }));
    }
    const chassisOf = (port: string) => stack.sbctl('--bare', '--columns=chassis', 'find', 'port_binding', `logical_port=${port}`);
    await waitFor('ovn-controller to bind both ports', () => ports.every((p) => chassisOf(p.id) !== ''));
    stack.nbctl('--timeout=30', '--wait=hv', 'sync');
    for (const [i, instance] of instances.entries()) {
      const lease = acquireLease(instance, stack.dir);
      assert.equal(lease.ip, ports[i].fixed_ips[0].ip_address, 'the address muon allocated');
      assert.equal(lease.prefixLength, 24);
      assert.equal(lease.router, subnet.gateway_ip);
      assert.equal(lease.mtu, network.mtu, 'the network MTU by DHCP');
      assert.match(execInInstance(instance, 'ip', ['link', 'show', 'eth0']).stdout, new RegExp(`mtu ${network.mtu} `));
    }
    const ping = execInInstance(instances[0]!, 'ping', ['-c', '3', '-W', '2', ports[1].fixed_ips[0].ip_address]);
    assert.equal(ping.status, 0, ping.stdout + ping.stderr);
    failed = false;
  });
});
