import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';
import { ServerProcess } from '../helpers/server-process.ts';
import { eventually } from '../helpers/ovn-test-kit.ts';

const skip = ovsdbSkipReason();

/** `muon serve` with MUON_OVN_NB_CONNECTION: what the API creates appears in OVN, and goes when deleted. */
describe('muon serve with the OVN driver', { skip, timeout: 120_000 }, () => {
  let nb: OvsdbServer;
  let server: ServerProcess;
  let dir: string;
  const headers = { 'content-type': 'application/json', 'x-project-id': 'project-a', 'x-roles': 'member' };
  const nbctl = (...args: string[]) => spawnSync('ovn-nbctl', [`--db=${nb.remote}`, ...args], { encoding: 'utf8' }).stdout.trim();

  before(async () => {
    nb = await startOvsdbServer();
    dir = mkdtempSync(join(tmpdir(), 'muon-serve-ovn-'));
    server = await ServerProcess.start({ databaseUrl: `sqlite:${join(dir, 'muon.db')}`, env: { MUON_OVN_NB_CONNECTION: nb.remote } });
  });
  after(async () => { await server?.stop(); await nb?.destroy(); rmSync(dir, { recursive: true, force: true }); });

  test('a network and a port appear as a logical switch and port; deleting them removes them', async () => {
    const post = async (path: string, body: unknown) => (await fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json() as Promise<any>;
    const { network } = await post('/v2.0/networks', { network: { name: 'wired' } });
    await post('/v2.0/subnets', { subnet: { network_id: network.id, cidr: '10.80.0.0/24', ip_version: 4 } });
    const { port } = await post('/v2.0/ports', { port: { network_id: network.id } });
    await eventually('the switch port', () => nbctl('lsp-list', `neutron-${network.id}`).includes(port.id), 20_000);
    assert.equal(nbctl('lsp-get-addresses', port.id), `${port.mac_address} ${port.fixed_ips[0].ip_address}`);
    assert.equal((await fetch(`${server.url}/v2.0/ports/${port.id}`, { method: 'DELETE', headers })).status, 204);
    assert.equal((await fetch(`${server.url}/v2.0/networks/${network.id}`, { method: 'DELETE', headers })).status, 204);
    await eventually('the switch gone', () => !nbctl('ls-list').includes(network.id), 20_000);
  });
});
