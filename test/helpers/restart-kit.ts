import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { MONITORED_NB } from '../../src/drivers/ovn/ovn-driver.ts';
import { OvsdbClient, type Monitor } from '../../src/ovsdb/ovsdb-client.ts';
import { sleep } from '../../src/sandbox/host-command.ts';
import type { Instance } from '../../src/sandbox/instance.ts';
import type { OvnStack } from '../../src/sandbox/ovn-stack.ts';
import { assertSameNb, dumpNb, SWITCH_TABLES } from './nb-dump.ts';
import type { AgentProcess } from './agent-process.ts';
import { startOvsdbServer } from './ovsdb-server.ts';

/*
 * What restart tests and the restart benchmark share (issue 5, acceptance 6):
 * a `muon serve` that can be killed and started again on the same address
 * (the agents keep their --url), an established TCP flow and a ping between
 * two instances whose interruptions are measured, and the northbound checks
 * that tell a restart that rewrote nothing from one that recreated rows (a
 * recreated switch port or ACL is a new uuid, and its flows are dropped and
 * reinstalled by ovn-controller).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROCESSES = new Set<ChildProcess>();
process.once('exit', () => { for (const child of PROCESSES) child.kill('SIGKILL'); });

/** One incarnation's milestones, in ms since it was spawned. */
export interface ServeTimes {
  /** `GET /` answered 200. */
  readonly apiMs: number;
  /** The OVN driver's first full resync finished: the northbound DB equals muon's state again. */
  readonly resyncedMs: number;
  /** Transactions that resync sent (the driver's own count; 0 when nothing had to change). */
  readonly resyncTransactions: number;
}

/**
 * `muon serve` with the OVN driver on a fixed loopback port, started again
 * on the same port after a kill. Logs at info so the driver's "resynced"
 * line (the converge signal) can be timed; requests are not logged.
 */
export class MuonServe {
  private child: ChildProcess | undefined;
  private output = '';

  /** `args`: `muon serve`'s arguments (with --listen 127.0.0.1:PORT); `env`: its environment (MUON_OVN_NB_CONNECTION…). */
  constructor(private readonly args: readonly string[], private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** A new server on `databaseUrl` and a free loopback port, noauth. */
  static async create(databaseUrl: string, env: Readonly<Record<string, string>>): Promise<MuonServe> {
    return new MuonServe(['--listen', `127.0.0.1:${await freePort()}`, '--database-url', databaseUrl, '--auth', 'noauth'], { ...process.env, ...env });
  }

  /**
   * The `muon serve` running as `pid` (e.g. a test deployment's), to be
   * started again as a supervisor would: its command line and environment,
   * read from /proc. Kill the original first.
   */
  static of(pid: number): MuonServe {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const env = Object.fromEntries(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean).map((e) => e.split(/=(.*)/s).slice(0, 2)));
    return new MuonServe(argv.slice(argv.indexOf('serve') + 1), env);
  }

  /** http://127.0.0.1:PORT, from --listen. */
  get url(): string { return `http://${this.args[this.args.indexOf('--listen') + 1]}`; }

  /** The server's PID while it runs. */
  get pid(): number | undefined { return this.child?.pid; }
  /** Its output so far (the tail), for diagnostics. */
  get log(): string { return this.output; }

  /** Spawns the server; resolves with its milestones once the driver has resynced (or throws after `timeoutMs`). */
  async start(timeoutMs = 120_000): Promise<ServeTimes> {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...this.args],
      { cwd: ROOT, env: { ...this.env, MUON_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    PROCESSES.add(child);
    child.once('exit', () => PROCESSES.delete(child));
    child.stderr!.on('data', (chunk: Buffer) => { this.output = (this.output + chunk.toString()).slice(-64 * 1024); });
    const resynced = new Promise<{ at: number; transactions: number }>((resolve, reject) => {
      child.once('exit', (code, signal) => reject(new Error(`muon serve exited (${code ?? signal}) before its resync:\n${this.output}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        this.output = (this.output + line + '\n').slice(-64 * 1024);
        const found = /OVN driver: resynced \((\d+) transaction/.exec(line);
        if (found) resolve({ at: performance.now(), transactions: Number(found[1]) });
      });
    });
    resynced.catch(() => {});
    const apiAt = await this.waitApi(started + timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no OVN resync within ${timeoutMs} ms:\n${this.output}`)), Math.max(0, started + timeoutMs - performance.now()));
    });
    const { at, transactions } = await Promise.race([resynced, deadline]).finally(() => clearTimeout(timer));
    return { apiMs: apiAt - started, resyncedMs: at - started, resyncTransactions: transactions };
  }

  /** Kills the server by its PID (SIGKILL: a crash; SIGTERM: a clean stop) and waits for it to exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  private async waitApi(deadline: number): Promise<number> {
    while (performance.now() < deadline) {
      const ok = await fetch(`${this.url}/`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
      if (ok) return performance.now();
      if (this.child?.exitCode !== null) throw new Error(`muon serve exited before answering:\n${this.output}`);
      await sleep(20);
    }
    throw new Error(`muon serve did not answer within the timeout:\n${this.output}`);
  }
}

/*
 * Binding ports without an instance: an OVS internal interface on br-int
 * with os-vif's external_ids is all ovn-controller needs to claim a port and
 * install its flows (and mark it ovn-installed, which the agent reports as
 * ACTIVE). No namespace, veth or process per port: 1,000 of them are cheap
 * on two cores, where 1,000 namespace instances are not.
 */
export function bindInternalPorts(stack: OvnStack, chassis: string, ports: ReadonlyArray<{ id: string; mac_address: string }>, firstIndex: number): void {
  for (let i = 0; i < ports.length; i += 100) {
    const args = ports.slice(i, i + 100).flatMap((port, j) => {
      const name = `q${firstIndex + i + j}`;
      return ['--', '--may-exist', 'add-port', 'br-int', name, '--', 'set', 'interface', name, 'type=internal',
        `external_ids:iface-id=${port.id}`, `external_ids:attached-mac=${port.mac_address}`, 'external_ids:iface-status=active'];
    });
    stack.vsctl(chassis, '--timeout=60', ...args);
  }
}

/** An API call as an admin that throws unless 2xx (E2eDeployment.api, the bench's). */
export type AdminApi = (method: string, path: string, body?: unknown) => Promise<any>;

/**
 * More for a restart to leave alone: an external network, a router with its
 * gateway there and an interface on `subnetId` (router ports, gateway chassis,
 * SNAT, a default route), a floating IP on `floatingPortId`, and a second
 * security group (a CIDR rule and a remote-group rule) on `groupPortIds`.
 */
export async function addRouterAndGroup(api: AdminApi, subnetId: string, floatingPortId: string, groupPortIds: readonly string[]): Promise<void> {
  const external = (await api('POST', '/networks', { network: { name: 'restart-public', 'router:external': true } })).network;
  await api('POST', '/subnets', { subnet: { network_id: external.id, cidr: '172.24.90.0/24', ip_version: 4, enable_dhcp: false } });
  const router = (await api('POST', '/routers', { router: { name: 'restart-router', external_gateway_info: { network_id: external.id } } })).router;
  await api('PUT', `/routers/${router.id}/add_router_interface`, { subnet_id: subnetId });
  await api('POST', '/floatingips', { floatingip: { floating_network_id: external.id, port_id: floatingPortId } });
  const group = (await api('POST', '/security-groups', { security_group: { name: 'restart-web' } })).security_group;
  for (const rule of [{ protocol: 'tcp', port_range_min: 80, port_range_max: 80, remote_ip_prefix: '0.0.0.0/0' }, { protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_group_id: group.id }]) {
    await api('POST', '/security-group-rules', { security_group_rule: { security_group_id: group.id, direction: 'ingress', ethertype: 'IPv4', ...rule } });
  }
  for (const id of groupPortIds) await api('PUT', `/ports/${id}`, { port: { security_groups: [group.id] } });
}

/** The uuids of the rows muon owns in the northbound DB, per table. */
export async function nbRowUuids(remote: string): Promise<Map<string, Set<string>>> {
  const client = new OvsdbClient({ remote, database: 'OVN_Northbound' });
  await client.start();
  try {
    const monitor = await client.monitor(MONITORED_NB);
    return new Map(Object.keys(MONITORED_NB).map((table) => [table, new Set(monitor.replica.rows(table).keys())]));
  } finally {
    await client.stop();
  }
}

/** Rows present in `before` and gone from `after` (deleted or recreated under a new uuid), counted per table; {} when none. */
export function rowsReplaced(before: Map<string, Set<string>>, after: Map<string, Set<string>>): Record<string, number> {
  const replaced: Record<string, number> = {};
  for (const [table, uuids] of before) {
    const gone = [...uuids].filter((uuid) => !after.get(table)?.has(uuid)).length;
    if (gone > 0) replaced[table] = gone;
  }
  return replaced;
}

/**
 * Counts row changes (inserts, updates, deletes) in the rows and columns
 * muon owns, as an independent observer: the driver's own count says how
 * many transactions it sent; this says what they changed.
 */
export class NbWriteCounter {
  private constructor(private readonly client: OvsdbClient, private readonly monitor: Monitor, private readonly seen: { ready: boolean; changes: Record<string, number> }) {}

  static async start(remote: string): Promise<NbWriteCounter> {
    const client = new OvsdbClient({ remote, database: 'OVN_Northbound' });
    await client.start();
    const seen = { ready: false, changes: {} as Record<string, number> };
    const monitor = await client.monitor(MONITORED_NB, (changes) => {
      // The initial contents arrive as inserts before the monitor is ready: not writes.
      if (seen.ready) for (const change of changes) seen.changes[change.table] = (seen.changes[change.table] ?? 0) + 1;
    });
    seen.ready = true;
    return new NbWriteCounter(client, monitor, seen);
  }

  /** Changes per table since the last `take` (or the start), and resets them. */
  take(): Record<string, number> {
    const taken = this.seen.changes;
    this.seen.changes = {};
    return taken;
  }

  async stop(): Promise<void> {
    await this.monitor.cancel();
    await this.client.stop();
  }
}

/** How the flow between two instances fared since the last `mark`. */
export interface FlowWindow {
  /** Counters echoed back over the TCP connection in the window. */
  readonly echoed: number;
  /** The longest time without an echo (ms); the sender writes every 10 ms. */
  readonly maxGapMs: number;
  /** The connection is still open (no reset, no error). */
  readonly open: boolean;
  readonly error?: string;
  /** Pings (every 50 ms) sent and answered. */
  readonly pingsSent: number;
  readonly pingsLost: number;
}

/*
 * The established flow: an echo server in one instance, and in the other a
 * sender writing a counter every 10 ms over one TCP connection and timing the
 * echoes. Every 100 ms the sender prints its status; "mark" on its stdin
 * restarts the gap measurement. A ping every 50 ms runs beside it.
 */
const ECHO_SERVER = `require('net').createServer((s) => { s.on('error', () => {}); s.pipe(s); }).listen(Number(process.argv[2]), process.argv[1]);`;
const SENDER = `
const [host, port] = process.argv.slice(1);
let n = 0, echoed = 0, last = Date.now(), maxGap = 0, open = false, error, buffered = '';
const socket = require('net').connect(Number(port), host, () => { open = true; last = Date.now(); setInterval(() => socket.write(n++ + '\\n'), 10); });
socket.setNoDelay(true);
socket.on('data', (d) => { buffered += d; const lines = buffered.split('\\n'); buffered = lines.pop(); const now = Date.now();
  if (lines.length) { maxGap = Math.max(maxGap, now - last); last = now; echoed += lines.length; } });
socket.on('error', (e) => { error = e.message; });
socket.on('close', () => { open = false; });
process.stdin.on('data', () => { maxGap = 0; echoed = 0; });
setInterval(() => { maxGap = Math.max(maxGap, Date.now() - last); console.log(JSON.stringify({ echoed, maxGap, open, error })); }, 100);`;

export class FlowProbe {
  private status = { echoed: 0, maxGap: 0, open: false, error: undefined as string | undefined };
  private pings = { highestSeq: 0, replies: 0, markSeq: 0, markReplies: 0 };

  private constructor(private readonly server: ChildProcess, private readonly sender: ChildProcess, private readonly ping: ChildProcess) {
    createInterface({ input: sender.stdout! }).on('line', (line) => { try { this.status = JSON.parse(line); } catch { /* partial line */ } });
    createInterface({ input: ping.stdout! }).on('line', (line) => {
      const seq = Number(/icmp_seq=(\d+)/.exec(line)?.[1]);
      if (Number.isFinite(seq)) this.pings.highestSeq = Math.max(this.pings.highestSeq, seq);
      if (/bytes from/.test(line)) this.pings.replies++;
    });
  }

  /** Starts the flow from `client` to `server` (listening on `serverIp`) and waits until echoes come back. */
  static async start(client: Instance, server: Instance, serverIp: string, port = 5001): Promise<FlowProbe> {
    const inNetns = (instance: Instance, args: string[]) => {
      const child = spawn('ip', ['netns', 'exec', instance.netns, ...args], { stdio: ['pipe', 'pipe', 'ignore'] });
      child.on('error', () => {});
      PROCESSES.add(child);
      child.once('exit', () => PROCESSES.delete(child));
      return child;
    };
    const echo = inNetns(server, [process.execPath, '-e', ECHO_SERVER, serverIp, String(port)]);
    await sleep(1_000);
    const sender = inNetns(client, [process.execPath, '-e', SENDER, serverIp, String(port)]);
    // -O: a ping left unanswered is printed with its icmp_seq, so the highest sequence is known either way.
    const ping = inNetns(client, ['ping', '-O', '-i', '0.05', serverIp]);
    const probe = new FlowProbe(echo, sender, ping);
    const end = Date.now() + 20_000;
    while (probe.status.echoed === 0 || probe.pings.replies === 0) {
      if (Date.now() > end) throw new Error(`the flow to ${serverIp}:${port} does not start: ${JSON.stringify(probe.status)}, ${probe.pings.replies} ping replies`);
      await sleep(100);
    }
    probe.mark();
    return probe;
  }

  /** Starts a new window (gap, echoes and pings counted from now). */
  mark(): void {
    this.sender.stdin!.write('mark\n');
    this.status = { ...this.status, echoed: 0, maxGap: 0 };
    this.pings.markSeq = this.pings.highestSeq;
    this.pings.markReplies = this.pings.replies;
  }

  /** The window since the last mark (waits for the sender's next status line first). */
  async window(): Promise<FlowWindow> {
    await sleep(250);
    const pingsSent = this.pings.highestSeq - this.pings.markSeq;
    const answered = this.pings.replies - this.pings.markReplies;
    return { echoed: this.status.echoed, maxGapMs: this.status.maxGap, open: this.status.open, error: this.status.error, pingsSent, pingsLost: Math.max(0, pingsSent - answered) };
  }

  /** Ends the three processes (by PID). */
  stop(): void {
    for (const child of [this.ping, this.sender, this.server]) if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

/** An agent's first pass after its start (its converge signal): when it ended, how many ports it looked at, how many reports it sent. */
export interface AgentPass { readonly spawnToDoneMs: number; readonly passMs: number; readonly ports: number; readonly reports: number }

/** Waits (bounded) for the agent's "first pass done" line; `spawnedAt` is performance.now() when it was started. */
export async function agentFirstPass(agent: AgentProcess, spawnedAt: number, timeoutMs = 120_000): Promise<AgentPass> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const found = /first pass done in (\d+) ms: (\d+) port\(s\) looked at, (\d+) status report/.exec(agent.log);
    if (found) return { spawnToDoneMs: performance.now() - spawnedAt, passMs: Number(found[1]), ports: Number(found[2]), reports: Number(found[3]) };
    if (performance.now() > end) throw new Error(`no first pass of the agent within ${timeoutMs} ms:\n${agent.log}`);
    await sleep(20);
  }
}

/** Port statuses in the API: how many ports are ACTIVE (undefined when the API does not answer). */
export async function activePorts(url: string, headers: Record<string, string>, ids: ReadonlySet<string>): Promise<number | undefined> {
  try {
    const response = await fetch(`${url}/v2.0/ports?fields=id&fields=status`, { headers, signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return undefined;
    const { ports } = await response.json() as { ports: Array<{ id: string; status: string }> };
    return ports.filter((p) => ids.has(p.id) && p.status === 'ACTIVE').length;
  } catch {
    return undefined;
  }
}

/**
 * Watches the API's port statuses every `intervalMs` while a restart runs:
 * the fewest ACTIVE ports any answer showed (a flap shows as fewer than all)
 * and when all were ACTIVE again (ms since the watch began).
 */
export class StatusWatch {
  fewestActive = Number.POSITIVE_INFINITY;
  allActiveMs: number | undefined;
  private readonly started = performance.now();
  private stopped = false;
  private readonly loop: Promise<void>;

  /** `ids`: the ports watched. */
  constructor(url: string, headers: Record<string, string>, readonly ids: ReadonlySet<string>, intervalMs = 100) {
    this.loop = (async () => {
      while (!this.stopped) {
        const active = await activePorts(url, headers, ids);
        if (active !== undefined) {
          this.fewestActive = Math.min(this.fewestActive, active);
          if (active === ids.size) this.allActiveMs ??= performance.now() - this.started;
          else this.allActiveMs = undefined;
        }
        await sleep(intervalMs);
      }
    })();
  }

  /** Waits (bounded) until every port is ACTIVE, then stops watching. */
  async untilAllActive(timeoutMs = 120_000): Promise<void> {
    const end = performance.now() + timeoutMs;
    while (this.allActiveMs === undefined && performance.now() < end) await sleep(50);
    this.stopped = true;
    await this.loop;
  }
}

/**
 * Fails unless the live northbound DB holds what a full resync writes into
 * an empty one: a copy of muon's SQLite database (an online backup) served by
 * a second `muon serve` whose driver starts on a fresh ovsdb-server. Only
 * the columns muon owns are compared (ovn-northd writes `up` and others).
 */
export async function assertNbEqualsFreshResync(databasePath: string, liveNb: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'muon-fresh-resync-'));
  const fresh = await startOvsdbServer();
  let serve: MuonServe | undefined;
  try {
    const source = new Database(databasePath, { readonly: true, fileMustExist: true });
    try { await source.backup(join(dir, 'copy.db')); } finally { source.close(); }
    serve = await MuonServe.create(`sqlite:${join(dir, 'copy.db')}`, { MUON_OVN_NB_CONNECTION: fresh.remote });
    await serve.start();
    assertSameNb(ownColumns(await dumpNb(liveNb)), ownColumns(await dumpNb(fresh.remote)));
  } finally {
    await serve?.kill('SIGTERM');
    await fresh.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A dump of SWITCH_TABLES restricted to the columns muon writes. */
function ownColumns(dump: Record<string, unknown[]>): Record<string, unknown[]> {
  return Object.fromEntries(SWITCH_TABLES.map((table) => {
    const columns = (MONITORED_NB as Record<string, { columns?: readonly string[] }>)[table]?.columns;
    const rows = (dump[table] ?? []) as Array<Record<string, unknown>>;
    return [table, columns ? rows.map((row) => Object.fromEntries(columns.filter((c) => c in row).map((c) => [c, row[c]]))) : rows];
  }));
}

/** A loopback port that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
