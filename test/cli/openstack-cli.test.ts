import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { ServerProcess } from '../helpers/server-process.ts';

/**
 * Issue 3, acceptance 1: Debian's `openstack` CLI against a muon started the
 * way a user starts it (embedded identity, generated admin password), with
 * nothing but the clouds.yaml muon wrote. Skipped when the CLI is not
 * installed, unless MUON_REQUIRE_OPENSTACK_CLI=1 (.ci/run installs it and sets that).
 */
const OPENSTACK = ['/usr/bin/openstack', '/usr/local/bin/openstack'].find((path) => existsSync(path));
const required = process.env.MUON_REQUIRE_OPENSTACK_CLI === '1';
const skip = OPENSTACK === undefined && !required ? 'the openstack CLI is not installed (apt-get install python3-openstackclient)' : false;

const run = promisify(execFile);

describe('openstack CLI against embedded muon', { skip, timeout: 600_000 }, () => {
  let dir: string;
  let server: ServerProcess;
  let cloudsFile: string;
  let authUrl: string;

  /** Runs the CLI as the bootstrap admin (OS_CLOUD=muon) or as the given user; resolves to parsed JSON (or text). */
  async function openstack(args: string[], as?: { user: string; password: string; project: string }): Promise<any> {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir };
    if (as) {
      Object.assign(env, {
        OS_AUTH_URL: authUrl, OS_USERNAME: as.user, OS_PASSWORD: as.password, OS_PROJECT_NAME: as.project,
        OS_USER_DOMAIN_NAME: 'Default', OS_PROJECT_DOMAIN_NAME: 'Default', OS_IDENTITY_API_VERSION: '3', OS_REGION_NAME: 'RegionOne',
      });
    } else {
      Object.assign(env, { OS_CLOUD: 'muon', OS_CLIENT_CONFIG_FILE: cloudsFile });
    }
    const { stdout } = await run(OPENSTACK ?? 'openstack', args, { env, timeout: 120_000 });
    const text = stdout.trim();
    return text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text;
  }

  /** The CLI's failure (exit status and stderr) for a command expected to fail. */
  async function openstackFails(args: string[], as?: { user: string; password: string; project: string }): Promise<string> {
    try {
      await openstack(args, as);
    } catch (error) {
      const failure = error as { code?: number; stderr?: string };
      assert.notEqual(failure.code, 0);
      return failure.stderr ?? '';
    }
    assert.fail(`openstack ${args.join(' ')} succeeded`);
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'muon-cli-'));
    server = await ServerProcess.start({ databaseUrl: `sqlite:${join(dir, 'muon.db')}`, auth: 'embedded', logLevel: 'info', env: { MUON_ADMIN_PASSWORD: '' } });
    cloudsFile = join(dir, 'clouds.yaml');
    assert.ok(existsSync(cloudsFile), `muon wrote no clouds.yaml next to its database:\n${server.log}`);
    const clouds = parseYaml(readFileSync(cloudsFile, 'utf8'));
    authUrl = clouds.clouds.muon.auth.auth_url;
    assert.ok(server.log.includes(clouds.clouds.muon.auth.password), 'the generated admin password is printed once');
  });

  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('token issue', async () => {
    const token = await openstack(['token', 'issue', '-f', 'json']);
    assert.match(token.id, /\S{20,}/);
    assert.ok(token.project_id);
  });

  test('admin tasks, networks, subnets, ports, and a second project that cannot see them', async () => {
    const project = await openstack(['project', 'create', 'cli-demo', '-f', 'json']);
    assert.equal(project.name, 'cli-demo');
    const user = await openstack(['user', 'create', '--project', 'cli-demo', '--password', 'alice-secret', 'alice', '-f', 'json']);
    assert.equal(user.name, 'alice');
    await openstack(['role', 'add', '--project', 'cli-demo', '--user', 'alice', 'member']);
    const alice = { user: 'alice', password: 'alice-secret', project: 'cli-demo' };

    const network = await openstack(['network', 'create', 'cli-net', '-f', 'json']);
    assert.equal(network.name, 'cli-net');
    const listed = await openstack(['network', 'list', '-f', 'json']);
    assert.ok(listed.some((n: any) => n.ID === network.id));
    await openstack(['network', 'set', '--description', 'set by the CLI', network.id]);
    const shown = await openstack(['network', 'show', network.id, '-f', 'json']);
    assert.equal(shown.description, 'set by the CLI');

    const subnet = await openstack(['subnet', 'create', '--network', network.id, '--subnet-range', '192.0.2.0/24', 'cli-subnet', '-f', 'json']);
    assert.equal(subnet.cidr, '192.0.2.0/24');
    assert.ok((await openstack(['subnet', 'list', '-f', 'json'])).some((s: any) => s.ID === subnet.id));

    const port = await openstack(['port', 'create', '--network', network.id, 'cli-port', '-f', 'json']);
    assert.match(JSON.stringify(port.fixed_ips), /192\.0\.2\./);
    assert.ok((await openstack(['port', 'list', '-f', 'json'])).some((p: any) => p.ID === port.id));
    await openstack(['port', 'set', '--name', 'cli-port-renamed', port.id]);
    assert.equal((await openstack(['port', 'show', port.id, '-f', 'json'])).name, 'cli-port-renamed');

    // Another project's user: the admin's private network does not exist for them …
    const hidden = await openstackFails(['network', 'show', network.id], alice);
    assert.match(hidden, /No Network found|could not be found|404/i);
    assert.ok(!(await openstack(['network', 'list', '-f', 'json'], alice)).some((n: any) => n.ID === network.id));
    // … until it is shared.
    await openstack(['network', 'set', '--share', network.id]);
    assert.equal((await openstack(['network', 'show', network.id, '-f', 'json'], alice)).id, network.id);
    const own = await openstack(['network', 'create', 'alice-net', '-f', 'json'], alice);
    assert.equal(own.project_id, (await openstack(['project', 'show', 'cli-demo', '-f', 'json'])).id);

    await openstack(['port', 'delete', port.id]);
    await openstack(['subnet', 'delete', subnet.id]);
    await openstack(['network', 'delete', network.id]);
    await openstackFails(['network', 'show', network.id]);
  });
});
