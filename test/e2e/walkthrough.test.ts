import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { runAsync } from '../../src/sandbox/host-command.ts';
import { listNetns } from '../../src/sandbox/netns.ts';
import { OvnStack } from '../../src/sandbox/ovn-stack.ts';
import { AgentProcess } from '../helpers/agent-process.ts';
import { stackSkipReason } from '../helpers/ovn-stack.ts';
import { ServerProcess } from '../helpers/server-process.ts';

const skip = stackSkipReason();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'walkthrough-admin-pw';

/**
 * `muon <args>` as the README's user types it; resolves with stdout, fails the test on a non-zero exit.
 * Asynchronous: a blocked event loop would let fetch reuse a keep-alive socket the server has closed meanwhile.
 */
async function muon(...args: string[]): Promise<string> {
  const result = await runAsync('sh', ['-c', `cd "$0" && exec "$@"`, ROOT, process.execPath, '--import', 'tsx', 'src/cli/main.ts', ...args], { timeoutMs: 120_000 });
  assert.equal(result.status, 0, `muon ${args.join(' ')}: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

/**
 * The README's walkthrough ("Trying the data plane"), step by step: `muon ovn
 * start`, `muon serve` on it with the embedded identity service, an agent
 * per chassis with the admin's password, a network and two ports through the
 * API with a token, `muon sandbox plug --dhcp` on two chassis, `muon sandbox
 * exec … ping`, unplug, `muon ovn stop` — and nothing left behind.
 */
describe('README walkthrough: from muon serve to two sandbox instances pinging', { skip, timeout: 300_000 }, () => {
  const prefix = `moe-w${process.pid}-`;
  const dir = mkdtempSync(`/tmp/moe-w${process.pid}-`);
  const stackDir = join(dir, 'ovn');
  let server: ServerProcess;
  const agents: AgentProcess[] = [];
  let token = '';

  before(async () => {
    const started = await muon('ovn', 'start', '--dir', stackDir, '--prefix', prefix);
    const [, nb, sb] = /export MUON_OVN_NB_CONNECTION=(\S+) MUON_OVN_SB_CONNECTION=(\S+)/.exec(started) ?? [];
    assert.ok(nb && sb, started);
    server = await ServerProcess.start({ databaseUrl: `sqlite:${join(dir, 'muon.db')}`, auth: 'embedded', env: { MUON_OVN_NB_CONNECTION: nb, MUON_OVN_SB_CONNECTION: sb, MUON_ADMIN_PASSWORD: PASSWORD } });
  });
  after(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await server?.stop();
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'ovn', 'stop', '--dir', stackDir], { cwd: ROOT });
    try { OvnStack.load(stackDir).stopSync(); } catch { /* already stopped */ }
    rmSync(dir, { recursive: true, force: true });
  });

  test('the walkthrough', async () => {
    try { await walkthrough(); } catch (error) {
      console.log(`# muon serve (exit ${server?.exitStatus}):\n${server?.log}\n# agents:\n${agents.map((a) => a.log).join('\n')}`);
      throw error;
    }
  });

  async function walkthrough(): Promise<void> {
    const login = await fetch(`${server.url}/identity/v3/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth: {
      identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'Default' }, password: PASSWORD } } },
      scope: { project: { name: 'admin', domain: { name: 'Default' } } },
    } }) });
    token = login.headers.get('x-subject-token') ?? '';
    assert.equal(login.status, 201);
    for (const host of ['hv1', 'hv2']) {
      agents.push(AgentProcess.start({ host, url: server.url, ovsRemote: `unix:${join(stackDir, host, 'db.sock')}`, auth: ['--username', 'admin', '--project', 'admin', '--password', PASSWORD] }));
    }
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.url}/v2.0${path}`, { method, headers: { 'content-type': 'application/json', 'x-auth-token': token }, body: body === undefined ? undefined : JSON.stringify(body) });
      assert.ok(response.ok, `${method} ${path}: ${response.status}`);
      return response.status === 204 ? {} : response.json() as Promise<any>;
    };
    const { network } = await api('POST', '/networks', { network: { name: 'demo' } });
    await api('POST', '/subnets', { subnet: { network_id: network.id, ip_version: 4, cidr: '10.0.0.0/24' } });
    const ports: any[] = [];
    for (const host of ['hv1', 'hv2']) ports.push((await api('POST', '/ports', { port: { network_id: network.id, device_id: `vm-${host}`, 'binding:host_id': host } })).port);

    for (const [i, port] of ports.entries()) {
      const out = await muon('sandbox', 'plug', `vm${i + 1}`, '--dir', stackDir, '--host', `hv${i + 1}`, '--port', port.id, '--mac', port.mac_address, '--dhcp');
      assert.match(out, new RegExp(`lease ${port.fixed_ips[0].ip_address.replace(/\./g, '\\.')}/24 router 10\\.0\\.0\\.1 mtu ${network.mtu}`));
    }
    assert.match(await muon('sandbox', 'list', '--dir', stackDir), /vm1\thv1/);
    // The first echo may go while ARP and the tunnel warm up: some replies are enough.
    assert.match(await muon('sandbox', 'exec', 'vm1', '--dir', stackDir, '--', 'ping', '-c', '3', '-W', '2', ports[1].fixed_ips[0].ip_address), / [1-3] received/);
    const statuses = async () => (await Promise.all(ports.map((p) => api('GET', `/ports/${p.id}`)))).map((r) => r.port.status);
    const end = Date.now() + 30_000;
    while ((await statuses()).some((s) => s !== 'ACTIVE') && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(await statuses(), ['ACTIVE', 'ACTIVE']);

    await muon('sandbox', 'unplug', 'vm1', '--dir', stackDir);
    await muon('sandbox', 'unplug', 'vm2', '--dir', stackDir);
    await muon('ovn', 'stop', '--dir', stackDir);
    assert.deepEqual(listNetns(prefix), [], 'muon ovn stop leaves no namespace');
  }
});
