import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ADMIN } from '../helpers/api-harness.ts';
import { DATABASES, type TestDatabase } from '../helpers/databases.ts';
import { httpJson } from '../helpers/http-json.ts';
import { ServerProcess } from '../helpers/server-process.ts';

/*
 * `muon serve --workers N` (MUON_API_WORKERS): a primary that prepares the database and N
 * worker processes serving the API on one port, as Neutron's api_workers. PostgreSQL only.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const postgres = DATABASES.find((d) => d.name === 'postgres');

/** The process ids of `pid`'s children (Linux /proc). */
function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text === '' ? [] : text.split(/\s+/).map(Number);
}

/** Children that run muon (not tsx's esbuild service). */
function workersOf(pid: number): number[] {
  return childrenOf(pid).filter((child) => {
    try { return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('src/cli/main.ts'); } catch { return false; }
  });
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('more than one API worker on SQLite is refused with a clear message', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--database-url', 'sqlite::memory:', '--auth', 'noauth', '--listen', '127.0.0.1:0', '--workers', '2'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /MUON_API_WORKERS above 1 needs PostgreSQL/);
});

describe('API workers on PostgreSQL', { skip: postgres === undefined }, () => {
  let database: TestDatabase;
  let server: ServerProcess;

  before(async () => {
    database = await postgres!.create();
    server = await ServerProcess.start({ databaseUrl: database.url, env: { MUON_API_WORKERS: '2' }, startTimeoutMs: 90_000 });
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  const create = (name: string) => httpJson(`${server.url}/v2.0/networks`, 'POST', { timeoutMs: 30_000, as: ADMIN, body: { network: { name } } });

  test('two workers serve; concurrent writes through both are all there', { timeout: 120_000 }, async () => {
    const workers = await until('two workers', () => (workersOf(server.pid!).length === 2 ? workersOf(server.pid!) : undefined));
    assert.equal(new Set(workers).size, 2);
    // New connections (no keep-alive agent) are dealt round-robin to the workers.
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => create(`w-${i}`)));
    assert.deepEqual(answers.map((a) => a.status), Array(24).fill(201));
    const listed = await httpJson(`${server.url}/v2.0/networks?fields=name`, 'GET', { timeoutMs: 30_000, as: ADMIN });
    const names = new Set((listed.body.networks as Array<{ name: string }>).map((n) => n.name));
    for (let i = 0; i < 24; i++) assert.ok(names.has(`w-${i}`), `w-${i} missing`);
  });

  test('a worker that dies is replaced and the API keeps answering', { timeout: 120_000 }, async () => {
    const [victim] = await until('two workers', () => (workersOf(server.pid!).length === 2 ? workersOf(server.pid!) : undefined));
    process.kill(victim, 'SIGKILL');
    const replaced = await until('a replacement worker', () => {
      const now = workersOf(server.pid!);
      return now.length === 2 && !now.includes(victim) ? now : undefined;
    }, 90_000);
    assert.equal(replaced.length, 2);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => create(`after-${i}`)));
    assert.deepEqual(answers.map((a) => a.status), Array(8).fill(201));
    assert.match(server.log, /API worker \d+ exited \(SIGKILL\); starting another/);
  });

  test('stopping the primary stops its workers', { timeout: 60_000 }, async () => {
    const workers = workersOf(server.pid!);
    assert.ok(workers.length > 0);
    await server.stop();
    assert.equal(server.exitStatus, 0);
    for (const pid of workers) assert.throws(() => process.kill(pid, 0), /ESRCH/, `worker ${pid} still runs`);
  });
});
