/**
 * Restart with 1,000 ports (issue "Real networking with OVN", acceptance 6,
 * second half): a sandbox OVN stack with two chassis, `muon serve` with the
 * OVN driver, a `muon agent` per chassis; N ports (default 1,000) made through
 * the API (bulk creates), bound alternately to hv1 and hv2. Two of them are
 * real instances (namespaces, hv1 and hv2) with an established TCP connection
 * (a counter every 10 ms, echoed back) and a ping every 50 ms between them;
 * the others are bound by OVS internal interfaces carrying their iface-id
 * (test/helpers/restart-kit.ts says why). Then, `--rounds` times each:
 *   serve   `muon serve` killed by its PID (SIGKILL) and started again;
 *   agents  both agents stopped by their PIDs and started again;
 *   both    all three killed, then started again (serve first).
 * Measured per restart: spawn → API answering → the driver's first full
 * resync done (its converge signal; the northbound DB equals a fresh resync
 * from then on), the transactions that resync sent, spawn → each agent's
 * first pass done (every port of its host looked at) and the status reports
 * it needed, the row changes an
 * independent NB monitor saw, NB rows whose uuid changed (recreated rows drop
 * flows), the fewest ports the API showed ACTIVE while restarting, and how
 * the flow fared (connection open, longest gap between echoes, pings lost).
 * At the start and the end the NB is compared with a full resync into an
 * empty NB (a second `muon serve` on a copy of the database).
 * Root and the packages of scripts/setup-ovn.sh are needed.
 *
 *   npx tsx bench/restart-converge.ts [--ports 1000] [--rounds 3] [--out FILE]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { waitFor } from '../src/sandbox/host-command.ts';
import { plugInstance, type Instance } from '../src/sandbox/instance.ts';
import { OvnStack } from '../src/sandbox/ovn-stack.ts';
import { AgentProcess } from '../test/helpers/agent-process.ts';
import {
  activePorts, addRouterAndGroup, agentFirstPass, assertNbEqualsFreshResync, bindInternalPorts, FlowProbe, MuonServe, NbWriteCounter, nbRowUuids, rowsReplaced, StatusWatch,
} from '../test/helpers/restart-kit.ts';
import { writeResults } from './lib/results.ts';
import { latency, round } from './lib/stats.ts';

const { values: args } = parseArgs({ options: { ports: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' }, out: { type: 'string' } } });
const PORTS = Number(args.ports);
const ROUNDS = Number(args.rounds);
const HOSTS = ['hv1', 'hv2'] as const;
const IP = { a: '10.91.0.10', b: '10.91.0.20' } as const;
const headers = { 'content-type': 'application/json', 'x-project-id': 'bench', 'x-roles': 'admin' };
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

const stack = await OvnStack.start({ prefix: `moe-zb${process.pid}-`, chassis: [...HOSTS] });
// A crash skips `finally`: the namespaces and daemons must not outlive the run.
process.once('exit', () => stack.stopSync());
const dir = mkdtempSync(join(tmpdir(), 'muon-bench-restart-'));
const databasePath = join(dir, 'muon.db');
// With the southbound DB the driver schedules router gateways on the chassis that may host them (hv1).
const serve = await MuonServe.create(`sqlite:${databasePath}`, { MUON_OVN_NB_CONNECTION: stack.nbRemote, MUON_OVN_SB_CONNECTION: stack.sbRemote });
let agents: AgentProcess[] = [];
let flow: FlowProbe | undefined;
let nbWrites: NbWriteCounter | undefined;
/** Starts both agents; resolves with their first passes (spawn → every port of the host looked at). */
const startAgents = () => {
  const spawned = performance.now();
  agents = HOSTS.map((host) => AgentProcess.start({ host, url: serve.url, ovsRemote: stack.chassis(host).ovsRemote, heartbeatS: 30 }));
  return Promise.all(agents.map((agent) => agentFirstPass(agent, spawned, 600_000)));
};
const stopAgents = () => Promise.all(agents.map((a) => a.stop()));
const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${serve.url}/v2.0${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json() as any;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
};

try {
  const load = [loadavg()[0]!];
  await serve.start();
  void startAgents();
  const ids = new Set<string>();
  const setupStart = performance.now();
  const vm = await placeInstancesAndPorts(ids);
  const created = performance.now();
  await waitFor(`${PORTS} ports ACTIVE`, async () => (await activePorts(serve.url, headers, ids)) === PORTS, 600_000);
  log(`${PORTS} ports made in ${round((created - setupStart) / 1000, 1)} s, all ACTIVE ${round((performance.now() - created) / 1000, 1)} s later`);
  flow = await FlowProbe.start(vm.a, vm.b, IP.b);
  await assertNbEqualsFreshResync(databasePath, stack.nbRemote);
  log('the northbound DB equals a fresh full resync');
  const uuids = await nbRowUuids(stack.nbRemote);
  nbWrites = await NbWriteCounter.start(stack.nbRemote);

  const results: Record<string, unknown>[] = [];
  for (let round_ = 1; round_ <= ROUNDS; round_++) {
    for (const kind of ['serve', 'agents', 'both'] as const) {
      flow.mark();
      nbWrites.take();
      const watch = new StatusWatch(serve.url, headers, ids);
      const restarted = await restart(kind);
      // The flow is watched a little longer than the restart itself.
      await new Promise((r) => setTimeout(r, 3_000));
      await watch.untilAllActive();
      const window = await flow.window();
      const result = {
        round: round_, kind, ...restarted, all_active_after_ms: round(watch.allActiveMs ?? NaN, 0), fewest_active: watch.fewestActive,
        nb_row_changes: nbWrites.take(), nb_rows_replaced: rowsReplaced(uuids, await nbRowUuids(stack.nbRemote)),
        tcp_open: window.open, tcp_longest_gap_ms: window.maxGapMs, tcp_echoes: window.echoed, pings_sent: window.pingsSent, pings_lost: window.pingsLost,
      };
      log(JSON.stringify(result));
      results.push(result);
      load.push(loadavg()[0]!);
    }
  }
  await assertNbEqualsFreshResync(databasePath, stack.nbRemote);
  log('the northbound DB still equals a fresh full resync');
  const serveRuns = results.filter((r) => r.kind !== 'agents');
  const agentRuns = results.filter((r) => r.kind !== 'serve');
  const summary = {
    ports: PORTS, rounds: ROUNDS, src: execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim(), at: new Date().toISOString(),
    load_average_1m: { min: round(Math.min(...load), 2), max: round(Math.max(...load), 2) },
    serve_spawn_to_api: latency(serveRuns.map((r) => r.api_ms as number), 0),
    serve_spawn_to_resynced: latency(serveRuns.map((r) => r.resynced_ms as number), 0),
    resync_transactions_max: Math.max(...serveRuns.map((r) => r.resync_transactions as number)),
    agents_spawn_to_first_pass: latency(agentRuns.map((r) => r.agents_first_pass_ms as number), 0),
    agents_reports_sent_max: Math.max(...agentRuns.map((r) => r.agents_reports_sent as number)),
    nb_row_changes_total: results.reduce((n, r) => n + Object.values(r.nb_row_changes as Record<string, number>).reduce((a, b) => a + b, 0), 0),
    nb_rows_replaced_total: results.reduce((n, r) => n + Object.values(r.nb_rows_replaced as Record<string, number>).reduce((a, b) => a + b, 0), 0),
    fewest_active: Math.min(...results.map((r) => r.fewest_active as number)),
    tcp_connection_survived: results.every((r) => r.tcp_open),
    tcp_longest_gap_ms: Math.max(...results.map((r) => r.tcp_longest_gap_ms as number)),
    pings_lost: results.reduce((n, r) => n + (r.pings_lost as number), 0), pings_sent: results.reduce((n, r) => n + (r.pings_sent as number), 0),
    nb_rows: Object.fromEntries([...uuids].map(([table, set]) => [table, set.size])),
  };
  console.log(JSON.stringify(summary));
  writeResults('restart-converge', args.out, { summary, restarts: results });
} finally {
  flow?.stop();
  await nbWrites?.stop();
  await stopAgents();
  await serve.kill('SIGTERM');
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}

/** The network, two instances (a on hv1, b on hv2) with static addresses, and PORTS − 2 ports bound by internal interfaces. */
async function placeInstancesAndPorts(ids: Set<string>): Promise<Record<'a' | 'b', Instance>> {
  await api('PUT', '/quotas/bench', { quota: { port: -1 } });
  const { network } = await api('POST', '/networks', { network: { name: 'bench-restart' } });
  const { subnet } = await api('POST', '/subnets', { subnet: { network_id: network.id, cidr: '10.91.0.0/20', ip_version: 4 } });
  const vm = {} as Record<'a' | 'b', Instance>;
  for (const [name, host] of [['a', 'hv1'], ['b', 'hv2']] as const) {
    const { port } = await api('POST', '/ports', { port: {
      network_id: network.id, device_id: `vm-${name}`, device_owner: 'compute:nova', 'binding:host_id': host, fixed_ips: [{ subnet_id: subnet.id, ip_address: IP[name] }],
    } });
    ids.add(port.id);
    vm[name] = await plugInstance(stack, { name, chassis: host, portId: port.id, macAddress: port.mac_address, deviceId: `vm-${name}` });
    execFileSync('ip', ['-n', vm[name].netns, 'addr', 'add', `${IP[name]}/20`, 'dev', 'eth0']);
  }
  for (let first = 0; first < PORTS - 2; first += 100) {
    const { ports } = await api('POST', '/ports', { ports: Array.from({ length: Math.min(100, PORTS - 2 - first) }, (_, i) => ({
      network_id: network.id, device_id: `vm-${first + i}`, device_owner: 'compute:nova', 'binding:host_id': HOSTS[(first + i) % 2],
    })) });
    for (const port of ports) ids.add(port.id);
    for (const host of HOSTS) bindInternalPorts(stack, host, ports.filter((p: any) => p['binding:host_id'] === host), first);
  }
  const others = [...ids].filter((id) => id !== vm.a.portId && id !== vm.b.portId);
  await addRouterAndGroup(api, subnet.id, vm.b.portId, others.filter((_, i) => i % 10 === 0));
  return vm;
}

/** One restart; the serve milestones when the server was restarted. */
async function restart(kind: 'serve' | 'agents' | 'both'): Promise<Record<string, number>> {
  await Promise.all([kind === 'agents' ? undefined : serve.kill('SIGKILL'), kind === 'serve' ? undefined : stopAgents()]);
  const times = kind === 'agents' ? undefined : await serve.start();
  const passes = kind === 'serve' ? undefined : await startAgents();
  return {
    ...(times && { api_ms: round(times.apiMs, 0), resynced_ms: round(times.resyncedMs, 0), resync_transactions: times.resyncTransactions }),
    ...(passes && { agents_first_pass_ms: round(Math.max(...passes.map((p) => p.spawnToDoneMs)), 0), agents_pass_alone_ms: Math.max(...passes.map((p) => p.passMs)), agents_ports_looked_at: passes.reduce((n, p) => n + p.ports, 0),
      agents_reports_sent: passes.reduce((n, p) => n + p.reports, 0) }),
  };
}
