import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { ADMIN, MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** Issue "Service-provider-grade IPAM": reservations, blocks, history and reports from the `muon` CLI. */
forEachApi('muon ipam commands', ({ api, db }) => {
  const muon = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'ipam', ...args], { cwd: ROOT, env: { ...process.env, MUON_DATABASE_URL: db.url } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  test('reserve, list, see it kept from ports, history of who held an address, usage, release; errors are the API\'s', async () => {
    const net = await api.network({}, MEMBER_A);
    const subnet = await api.subnet(net.id, '10.77.0.0/29', {}, MEMBER_A);
    const reserved = await muon('reservation', 'create', '--subnet', subnet.id, '--start', '10.77.0.2', '--end', '10.77.0.5', '--project', 'project-a', '--purpose', 'load balancer VIPs', '--json');
    assert.equal(reserved.code, 0, reserved.stderr);
    const reservation = JSON.parse(reserved.stdout).ip_reservation;
    assert.deepEqual([reservation.start_ip_address, reservation.end_ip_address, reservation.project_id], ['10.77.0.2', '10.77.0.5', 'project-a']);
    const listed = await muon('reservation', 'list', '--subnet', subnet.id);
    assert.match(listed.stdout, new RegExp(`${reservation.id}\\s+${subnet.id}\\s+project-a\\s+10\\.77\\.0\\.2\\s+10\\.77\\.0\\.5\\s+load balancer VIPs`));

    // The API sees the reservation: automatic addresses skip it.
    const port = await api.port(net.id, {}, MEMBER_A);
    assert.equal(port.fixed_ips[0].ip_address, '10.77.0.6');
    const history = await muon('history', '--address', '10.77.0.6');
    assert.match(history.stdout, new RegExp(`10\\.77\\.0\\.6\\s+project-a\\s+${port.id}`));
    const usage = await muon('usage', 'subnet', subnet.id, '--json');
    const report = JSON.parse(usage.stdout).subnet_ip_usage;
    assert.deepEqual([report.total_ips, report.used_ips, report.reserved_ips, report.free_ips], [5, 1, 4, 0]);

    const overlapping = await muon('reservation', 'create', '--subnet', subnet.id, '--ip-address', '10.77.0.3');
    assert.equal(overlapping.code, 1);
    assert.match(overlapping.stderr, /^muon: \w+: .*10\.77\.0\.3/m);
    assert.equal((await muon('reservation', 'delete', reservation.id)).code, 0);
    assert.equal((await api.get(`/v2.0/ip-reservations/${reservation.id}`, ADMIN)).status, 404);
    assert.equal((await muon('usage', 'nonsense')).code, 1);
  });

  test('blocks: carve a /30 from a pool for a project, list, delete', async () => {
    const pool = (await api.post('/v2.0/subnetpools', { subnetpool: { name: 'public', prefixes: ['198.51.100.0/24'], min_prefixlen: 24, shared: true } }, ADMIN)).body.subnetpool;
    const carved = await muon('block', 'create', '--subnetpool', pool.id, '--prefixlen', '30', '--project', 'project-a', '--json');
    assert.equal(carved.code, 0, carved.stderr);
    const block = JSON.parse(carved.stdout).ip_block;
    assert.equal(block.cidr, '198.51.100.0/30');
    assert.match((await muon('block', 'list', '--project', 'project-a')).stdout, new RegExp(`${block.id}\\s+${pool.id}\\s+198\\.51\\.100\\.0/30\\s+project-a`));
    assert.equal((await muon('block', 'delete', block.id)).code, 0);
    assert.equal((await api.get(`/v2.0/ip-blocks/${block.id}`, ADMIN)).status, 404);
  });
});
