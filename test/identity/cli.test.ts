import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { createIdentity } from '../../src/identity/identity.ts';
import { verifyPassword } from '../../src/identity/password-hash.ts';
import { openDatabase } from '../../src/store/db.ts';
import { Store } from '../../src/store/store.ts';
import { forEachDatabase } from '../helpers/for-each-database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

forEachDatabase('muon identity commands', ({ db }) => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'muon-cli-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  const muon = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'identity', ...args], { cwd: ROOT, env: { ...process.env, MUON_DATABASE_URL: db.url, MUON_ADMIN_PASSWORD: 'cli-admin' } });
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  test('bootstrap, project/user create and list, role add/list, set-password — straight on the database', async () => {
    const clouds = join(dir, 'clouds.yaml');
    assert.equal((await muon('bootstrap', '--clouds-yaml', clouds)).code, 0);
    assert.match(readFileSync(clouds, 'utf8'), /password: "cli-admin"/);
    assert.match((await muon('project', 'create', 'cli-demo')).stdout, /cli-demo\s+default/);
    assert.match((await muon('project', 'list')).stdout, /admin[\s\S]*cli-demo/);
    assert.equal((await muon('user', 'create', 'cli-alice', '--password', 'pw1', '--project', 'cli-demo')).code, 0);
    assert.match((await muon('user', 'list')).stdout, /cli-alice/);
    assert.equal((await muon('role', 'add', 'member', '--user', 'cli-alice', '--project', 'cli-demo')).code, 0);
    const roles = (await muon('role', 'list', '--user', 'cli-alice')).stdout;
    assert.match(roles, /member\s+project cli-demo/);
    assert.match(roles, /reader\s+project cli-demo\s+implied by member/);
    assert.equal((await muon('user', 'set-password', 'cli-alice', '--password', 'pw2')).code, 0);
    const missing = await muon('role', 'add', 'member', '--user', 'nobody', '--project', 'cli-demo');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no user named nobody/);

    const database = openDatabase(db.url);
    try {
      const identity = createIdentity(new Store(database), { tokenExpirationSeconds: 3600, region: loadConfig({}, {}).region });
      const alice = (await identity.users.list({ name: 'cli-alice' }))[0]!;
      assert.equal(await verifyPassword('pw2', alice.password_hash), true);
      const admin = (await identity.users.list({ name: 'admin' }))[0]!;
      assert.equal(await verifyPassword('cli-admin', admin.password_hash), true);
    } finally {
      await database.close();
    }
  });
});
