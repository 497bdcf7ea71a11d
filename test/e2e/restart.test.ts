import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { run, waitFor } from '../../src/sandbox/host-command.ts';
import { plugInstance, type Instance } from '../../src/sandbox/instance.ts';
import { AgentProcess } from '../helpers/agent-process.ts';
import { E2eDeployment } from '../helpers/e2e-deployment.ts';
import { stackSkipReason } from '../helpers/ovn-stack.ts';
import {
  activePorts, addRouterAndGroup, agentFirstPass, assertNbEqualsFreshResync, bindInternalPorts, FlowProbe, MuonServe, NbWriteCounter, nbRowUuids, rowsReplaced, StatusWatch,
} from '../helpers/restart-kit.ts';

const skip = stackSkipReason();

/*
 * Acceptance 6 of the data-plane issue, second half, at small scale (the
 * benchmark bench/restart-converge.ts runs it with 1,000 ports): 20 ports,
 * two of them real instances on different chassis with a TCP connection
 * (a counter every 10 ms, echoed) and a ping between them, the rest bound by
 * OVS internal interfaces. Restarting `muon serve` (the OVN driver resyncs),
 * the agents, and both must leave the connection open and carrying data,
 * rewrite no northbound row (same uuids, no write seen by an independent
 * monitor, the driver's resync sends no transaction) and never show a port
 * other than ACTIVE.
 */

const PORTS = 20;
const IP = { a: '10.74.0.10', b: '10.74.0.20' } as const;

describe('e2e: restarting muon serve and the agents keeps established flows and NB rows', { skip, timeout: 300_000 }, () => {
  let e2e: E2eDeployment;
  let serve: MuonServe | undefined;
  let agents: AgentProcess[] = [];
  let flow: FlowProbe | undefined;
  let nbWrites: NbWriteCounter | undefined;
  let uuids: Map<string, Set<string>>;
  let databasePath: string;
  let unplugged: { id: string; mac_address: string };
  const ids = new Set<string>();
  const headers = { 'content-type': 'application/json', 'x-project-id': 'project-e2e-restart', 'x-roles': 'admin' };
  const step = (fn: () => Promise<void>) => () => e2e.run(fn);

  before(async () => {
    e2e = await E2eDeployment.start('z', 'project-e2e-restart');
    agents = [...e2e.agents];
  });
  after(async () => {
    flow?.stop();
    await nbWrites?.stop();
    await Promise.all(agents.map((a) => a.stop()));
    await serve?.kill('SIGTERM');
    if (e2e?.failed && serve) console.log(`# restarted muon:\n${serve.log}`);
    await e2e?.stop();
  });

  /**
   * New agents with the deployment's flags (the old ones stopped by PID
   * first), once each has looked at every port of its host: with nothing
   * changed meanwhile they must have sent no status report (`reports`: per
   * agent, hv1 and hv2, when something did change).
   */
  const startAgents = async (reports = [0, 0]) => {
    const spawned = performance.now();
    agents = ['hv1', 'hv2'].map((host) => AgentProcess.start({ host, url: e2e.server.url, ovsRemote: e2e.stack.chassis(host).ovsRemote }));
    const passes = await Promise.all(agents.map((agent) => agentFirstPass(agent, spawned)));
    assert.equal(passes.reduce((n, p) => n + p.ports, 0), PORTS, 'the agents looked at every port');
    assert.deepEqual(passes.map((p) => p.reports), reports, 'restarted agents report only what changed');
  };

  /**
   * What every restart must leave: no row replaced, none written (but
   * `writes`), every watched port ACTIVE throughout, the connection open and
   * carrying data.
   */
  const assertUndisturbed = async (watch: StatusWatch, what: string, writes: Record<string, number> = {}) => {
    await watch.untilAllActive(60_000);
    assert.equal(watch.fewestActive, watch.ids.size, `${what}: no port left ACTIVE in the API (fewest ACTIVE seen: ${watch.fewestActive})`);
    assert.deepEqual(rowsReplaced(uuids, await nbRowUuids(e2e.stack.nbRemote)), {}, `${what}: northbound rows deleted or recreated`);
    assert.deepEqual(nbWrites!.take(), writes, `${what}: northbound rows written`);
    const during = await flow!.window();
    assert.ok(during.open, `${what}: the TCP connection survived (${JSON.stringify(during)})`);
    flow!.mark();
    // Data keeps flowing after the restart: echoes arrive in the next second (bounded retries for a loaded machine).
    await waitFor(`${what}: echoes after the restart`, async () => (await flow!.window()).echoed > 20, 20_000);
    console.log(`# ${what}: ${JSON.stringify(during)}`);
    flow!.mark();
  };

  test(`${PORTS} ports bound on two chassis and ACTIVE; a TCP connection between instances on hv1 and hv2`, step(async () => {
    const network = (await e2e.api('POST', '/networks', { network: { name: 'e2e-restart' } })).network;
    const subnet = (await e2e.api('POST', '/subnets', { subnet: { network_id: network.id, cidr: '10.74.0.0/24', ip_version: 4 } })).subnet;
    const vm = {} as Record<'a' | 'b', Instance>;
    for (const [name, host] of [['a', 'hv1'], ['b', 'hv2']] as const) {
      const port = (await e2e.api('POST', '/ports', { port: {
        network_id: network.id, device_id: `vm-${name}`, device_owner: 'compute:nova', 'binding:host_id': host, fixed_ips: [{ subnet_id: subnet.id, ip_address: IP[name] }],
      } })).port;
      ids.add(port.id);
      vm[name] = await plugInstance(e2e.stack, { name, chassis: host, portId: port.id, macAddress: port.mac_address, deviceId: `vm-${name}` });
      run('ip', ['-n', vm[name].netns, 'addr', 'add', `${IP[name]}/24`, 'dev', 'eth0']);
    }
    const rest = (await e2e.api('POST', '/ports', { ports: Array.from({ length: PORTS - 2 }, (_, i) => ({
      network_id: network.id, device_id: `vm-${i}`, device_owner: 'compute:nova', 'binding:host_id': `hv${(i % 2) + 1}`,
    })) })).ports as Array<{ id: string; mac_address: string; 'binding:host_id': string }>;
    for (const port of rest) ids.add(port.id);
    for (const host of ['hv1', 'hv2']) bindInternalPorts(e2e.stack, host, rest.filter((p) => p['binding:host_id'] === host), host === 'hv1' ? 0 : PORTS);
    // rest[0] is on hv1 as interface q0 (bindInternalPorts names them from 0).
    unplugged = rest[0]!;
    await addRouterAndGroup((method, path, body) => e2e.api(method, path, body), subnet.id, vm.b.portId, rest.slice(0, 5).map((p) => p.id));
    await waitFor(`${PORTS} ports ACTIVE`, async () => (await activePorts(e2e.server.url, headers, ids)) === PORTS, 60_000);
    // a and b share the default group: its remote-group rule admits the connection.
    flow = await FlowProbe.start(vm.a, vm.b, IP.b);
    databasePath = /--database-url\0sqlite:([^\0]+)/.exec(readFileSync(`/proc/${e2e.server.pid!}/cmdline`, 'utf8'))![1]!;
    await assertNbEqualsFreshResync(databasePath, e2e.stack.nbRemote);
    uuids = await nbRowUuids(e2e.stack.nbRemote);
    for (const table of ['ACL', 'Logical_Router', 'Logical_Router_Port', 'NAT']) assert.ok(uuids.get(table)!.size > 0, `${table} rows to watch`);
    assert.ok(uuids.get('Logical_Switch_Port')!.size >= PORTS, 'switch ports to watch');
    nbWrites = await NbWriteCounter.start(e2e.stack.nbRemote);
  }));

  test('muon serve stopped by its PID and started again: resync writes nothing, flow and ports undisturbed', step(async () => {
    serve = MuonServe.of(e2e.server.pid!);
    await e2e.server.stop();
    const watch = new StatusWatch(serve.url, headers, ids);
    const times = await serve.start();
    assert.equal(times.resyncTransactions, 0, 'the resync after a restart sends no transaction');
    await assertUndisturbed(watch, 'serve restart');
  }));

  test('the agents restarted: no port flaps DOWN, flow undisturbed; a port unplugged while they were down is reported DOWN', step(async () => {
    const watch = new StatusWatch(serve!.url, headers, new Set([...ids].filter((id) => id !== unplugged.id)));
    await Promise.all(agents.map((a) => a.stop()));
    e2e.stack.vsctl('hv1', 'del-port', 'br-int', 'q0');
    await startAgents([1, 0]);
    assert.equal((await e2e.api('GET', `/ports/${unplugged.id}`)).port.status, 'DOWN', 'the port unplugged meanwhile is DOWN');
    // Its status (and so its revision) changed: one switch port's external_ids, updated in place.
    await assertUndisturbed(watch, 'agent restart', { Logical_Switch_Port: 1 });
    bindInternalPorts(e2e.stack, 'hv1', [unplugged], 0);
    await waitFor(`${PORTS} ports ACTIVE again`, async () => (await activePorts(serve!.url, headers, ids)) === PORTS, 60_000);
    await waitFor('the replug written', () => Object.keys(nbWrites!.take()).length > 0, 20_000);
  }));

  test('both killed (SIGKILL) and started again: the same, and the NB still equals a fresh resync', step(async () => {
    await Promise.all([serve!.kill('SIGKILL'), ...agents.map((a) => a.stop())]);
    const watch = new StatusWatch(serve!.url, headers, ids);
    const times = await serve!.start();
    assert.equal(times.resyncTransactions, 0, 'the resync after a crash sends no transaction');
    await startAgents();
    await assertUndisturbed(watch, 'serve and agents killed');
    await assertNbEqualsFreshResync(databasePath, e2e.stack.nbRemote);
  }));
});

