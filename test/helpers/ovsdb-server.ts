import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's ovn-central ships the northbound schema here (scripts/setup-ovn.sh installs it). */
export const OVN_NB_SCHEMA_PATH = '/usr/share/ovn/ovn-nb.ovsschema';

function onPath(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Why OVSDB tests cannot run here, or false. With MUON_REQUIRE_OVN=1 (set by
 * .ci/run, which installs the packages) missing binaries fail the run instead.
 */
export function ovsdbSkipReason(): string | false {
  const missing = ['ovsdb-server', 'ovsdb-tool'].filter((b) => !onPath(b));
  if (!existsSync(OVN_NB_SCHEMA_PATH)) missing.push(OVN_NB_SCHEMA_PATH);
  if (missing.length === 0) return false;
  const reason = `OVSDB tests need ${missing.join(', ')}: run scripts/setup-ovn.sh (Debian packages ovn-central, openvswitch-switch)`;
  if (process.env.MUON_REQUIRE_OVN === '1') throw new Error(`${reason} (MUON_REQUIRE_OVN=1)`);
  console.log(`# skipped: ${reason}`);
  return reason;
}

/** A private ovsdb-server: its own directory, database file and Unix socket; stopped by its PID only. */
export interface OvsdbServer {
  /** `unix:<dir>/db.sock`. */
  readonly remote: string;
  readonly dir: string;
  /** SIGTERM and wait; the database file stays (for `start` again). */
  stop(): Promise<void>;
  /** Starts the server again on the same file and socket (after `stop`). */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  destroy(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => { for (const child of running) child.kill('SIGKILL'); });

/**
 * Creates a fresh database from `schemaPath` (a one-server raft cluster when
 * `clustered`, which is what keeps transaction history for
 * monitor_cond_since) and serves it on a Unix socket in a temporary directory.
 */
export async function startOvsdbServer(options: { schemaPath?: string; clustered?: boolean } = {}): Promise<OvsdbServer> {
  const dir = mkdtempSync(join(tmpdir(), 'muon-ovsdb-'));
  const file = join(dir, 'db.db');
  const socket = join(dir, 'db.sock');
  const schema = options.schemaPath ?? OVN_NB_SCHEMA_PATH;
  const create = options.clustered
    ? spawnSync('ovsdb-tool', ['create-cluster', file, schema, `unix:${join(dir, 'raft.sock')}`], { encoding: 'utf8' })
    : spawnSync('ovsdb-tool', ['create', file, schema], { encoding: 'utf8' });
  if (create.status !== 0) throw new Error(`ovsdb-tool failed: ${create.stderr}`);
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    rmSync(socket, { force: true });
    child = spawn('ovsdb-server', [file, `--remote=punix:${socket}`, `--unixctl=${join(dir, 'ctl')}`, `--log-file=${join(dir, 'ovsdb-server.log')}`, '--no-chdir'], { stdio: 'ignore' });
    running.add(child);
    const started = child;
    child.once('exit', () => running.delete(started));
    for (let i = 0; i < 200 && !existsSync(socket); i++) {
      if (started.exitCode !== null) throw new Error(`ovsdb-server exited with ${started.exitCode}; see ${dir}/ovsdb-server.log`);
      await new Promise((r) => setTimeout(r, 25));
    }
    if (!existsSync(socket)) throw new Error('ovsdb-server did not open its socket within 5 s');
  }

  async function stop(): Promise<void> {
    const current = child;
    child = undefined;
    if (current === undefined || current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise((r) => current.once('exit', r));
    current.kill('SIGTERM');
    await exited;
  }

  await start();
  return { remote: `unix:${socket}`, dir, start, stop, destroy: async () => { await stop(); rmSync(dir, { recursive: true, force: true }); } };
}
