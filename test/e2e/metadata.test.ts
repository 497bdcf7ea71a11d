import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { signInstanceId } from '../../src/agent/metadata-proxy.ts';
import { acquireLease } from '../../src/sandbox/dhcp-client.ts';
import { waitFor } from '../../src/sandbox/host-command.ts';
import { execInInstance, execInInstanceAsync, plugInstance, type Instance } from '../../src/sandbox/instance.ts';
import { listNetns } from '../../src/sandbox/netns.ts';
import { AgentProcess } from '../helpers/agent-process.ts';
import { stackSkipReason, startTestStack, stopTestStack, type OvnStack } from '../helpers/ovn-stack.ts';
import { ServerProcess } from '../helpers/server-process.ts';

const skip = stackSkipReason();
const SECRET = 'e2e-shared-secret';

/** A stand-in for Nova's metadata API: answers who asked, only when the signature is right. */
function startNovaStub(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const id = String(req.headers['x-instance-id'] ?? '');
    if (req.headers['x-instance-id-signature'] !== signInstanceId(SECRET, id)) { res.writeHead(403); res.end('bad signature'); return; }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ uuid: id, project_id: req.headers['x-tenant-id'], forwarded_for: req.headers['x-forwarded-for'], path: req.url }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

/**
 * Acceptance 2 of the data-plane issue: two projects' networks with the same
 * CIDR, instances with the same address on both; the networks stay isolated
 * and the metadata proxy (agents with --nova-metadata-url) answers each
 * instance at 169.254.169.254 with its own identity, signed as Nova checks.
 */
describe('e2e: overlapping networks and the metadata proxy', { skip, timeout: 300_000 }, () => {
  let stack: OvnStack;
  let server: ServerProcess;
  let nova: { server: Server; url: string };
  let dir: string;
  let failed = false;
  const agents: AgentProcess[] = [];
  const admin = { 'content-type': 'application/json', 'x-project-id': 'admin-project', 'x-roles': 'admin' };
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/v2.0${path}`, { method, headers: admin, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = response.status === 204 ? {} : await response.json() as any;
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  before(async () => {
    stack = await startTestStack('m', ['hv1', 'hv2']);
    dir = mkdtempSync(join(tmpdir(), 'muon-e2e-md-'));
    nova = await startNovaStub();
    server = await ServerProcess.start({ databaseUrl: `sqlite:${join(dir, 'muon.db')}`, env: { MUON_OVN_NB_CONNECTION: stack.nbRemote } });
    for (const host of ['hv1', 'hv2']) {
      agents.push(AgentProcess.start({ host, url: server.url, ovsRemote: stack.chassis(host).ovsRemote, extraArgs: [
        '--nova-metadata-url', nova.url, '--metadata-secret', SECRET, '--metadata-socket', join(stack.dir, `metadata-${host}.sock`),
        // One machine holds every chassis: the namespace names must differ per chassis.
        '--host-netns', stack.chassis(host).netns, '--netns-prefix', `${stack.manifest.prefix}${host}-`,
      ] }));
    }
  });
  after(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await server?.stop();
    nova?.server.close();
    if (failed) console.log(`# logs kept in ${stack?.dir}\n# muon:\n${server?.log}\n# agents:\n${agents.map((a) => a.log).join('\n')}`);
    const prefix = stack?.manifest.prefix;
    await stopTestStack(stack, { keepLogs: failed });
    rmSync(dir, { recursive: true, force: true });
    if (prefix) assert.deepEqual(listNetns(prefix), [], 'no namespace left behind');
  });

  test('same CIDR, same address, two projects: isolated, and each instance gets its own metadata', async () => {
    try {
      const nets: any[] = [];
      for (const project of ['project-a', 'project-b']) {
        const { network } = await api('POST', '/networks', { network: { name: `md-${project}`, project_id: project } });
        await api('POST', '/subnets', { subnet: { network_id: network.id, cidr: '10.73.0.0/24', ip_version: 4, project_id: project } });
        nets.push(network);
      }
      const port = async (net: any, host: string, device: string, ip: string) => (await api('POST', '/ports', { port: {
        network_id: net.id, project_id: net.project_id, device_id: device, device_owner: 'compute:nova', 'binding:host_id': host, fixed_ips: [{ ip_address: ip }],
      } })).port;
      const pa = await port(nets[0], 'hv1', 'instance-a', '10.73.0.10');
      const pb = await port(nets[1], 'hv2', 'instance-b', '10.73.0.10');
      const pc = await port(nets[1], 'hv1', 'instance-c', '10.73.0.50');
      const plug = (name: string, chassis: string, p: any) => plugInstance(stack, { name, chassis, portId: p.id, macAddress: p.mac_address, deviceId: p.device_id });
      const [a, b, c] = [await plug('a', 'hv1', pa), await plug('b', 'hv2', pb), await plug('c', 'hv1', pc)] as Instance[];
      await waitFor('instances ACTIVE', async () => (await Promise.all([pa, pb, pc].map(async (p) => (await api('GET', `/ports/${p.id}`)).port.status))).every((s) => s === 'ACTIVE'), 60_000);
      await waitFor('a metadata port per network', async () => (await api('GET', '/ports?device_owner=network:distributed')).ports.length === 2, 30_000);
      const namespaces = () => listNetns(stack.manifest.prefix).filter((n) => n.includes('ovnmeta-')).sort();
      const expected = ['hv1', 'hv2'].flatMap((host) => nets.map((n) => `${stack.manifest.prefix}${host}-ovnmeta-${n.id}`)).sort();
      await waitFor('metadata namespaces: both networks on hv1 (a and c), network B on hv2 (b)', () =>
        JSON.stringify(namespaces()) === JSON.stringify(expected.filter((n) => !n.includes(`hv2-ovnmeta-${nets[0].id}`))), 30_000);
      stack.nbctl('--timeout=30', '--wait=hv', 'sync');
      for (const instance of [a, b, c]) {
        const lease = await acquireLease(instance!, stack.dir);
        assert.ok(lease.staticRoutes.includes('169.254.169.254/32'), `metadata route by DHCP: ${lease.staticRoutes}`);
      }
      const ping = (from: Instance, ip: string) => execInInstance(from, 'ping', ['-c', '3', '-W', '2', ip]).status;
      await waitFor('b pings c: they share network B', () => ping(b, '10.73.0.50') === 0, 20_000);
      assert.notEqual(ping(a, '10.73.0.50'), 0, 'network A does not reach network B');
      const metadataOf = async (instance: Instance) => {
        let answer = '';
        await waitFor(`metadata for ${instance.name}`, async () => {
          // curl: busybox wget crashes in these namespaces. Asynchronously: the Nova stub answers from this process.
          const result = await execInInstanceAsync(instance, 'curl', ['-sf', '-m', '5', 'http://169.254.169.254/openstack/latest/meta_data.json']);
          answer = result.stdout;
          return result.status === 0;
        }, 30_000);
        return JSON.parse(answer);
      };
      assert.deepEqual(await metadataOf(a), { uuid: 'instance-a', project_id: 'project-a', forwarded_for: '10.73.0.10', path: '/openstack/latest/meta_data.json' });
      assert.deepEqual(await metadataOf(b), { uuid: 'instance-b', project_id: 'project-b', forwarded_for: '10.73.0.10', path: '/openstack/latest/meta_data.json' });
      assert.equal((await metadataOf(c)).uuid, 'instance-c');
    } catch (error) {
      failed = true;
      throw error;
    }
  });
});
