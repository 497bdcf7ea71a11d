/**
 * Port plugged → ACTIVE (issue "Real networking with OVN", acceptance 6,
 * first half): a sandbox OVN stack with two chassis, `muon serve` with the OVN
 * driver, a `muon agent` per chassis; N ports (default 100) made through the
 * API, bound alternately to hv1 and hv2; each is plugged as os-vif would (one
 * at a time) and timed until the API shows it ACTIVE, and until it forwards
 * (the instance pings the first instance, which is plugged first and not
 * timed). Root and the packages of scripts/setup-ovn.sh are needed.
 *
 *   npx tsx bench/port-active.ts [--ports 100]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { execInInstanceAsync, plugInstance } from '../src/sandbox/instance.ts';
import { OvnStack } from '../src/sandbox/ovn-stack.ts';
import { AgentProcess } from '../test/helpers/agent-process.ts';
import { ServerProcess } from '../test/helpers/server-process.ts';
import { latency } from './lib/stats.ts';

const { values: args } = parseArgs({ options: { ports: { type: 'string', default: '100' } } });
const PORTS = Number(args.ports);
const headers = { 'content-type': 'application/json', 'x-project-id': 'bench', 'x-roles': 'admin' };

const stack = await OvnStack.start({ prefix: `moe-b${process.pid}-`, chassis: ['hv1', 'hv2'] });
// A crash skips `finally`: the namespaces and daemons must not outlive the run.
process.once('exit', () => stack.stopSync());
const dir = mkdtempSync(join(tmpdir(), 'muon-bench-active-'));
const agents: AgentProcess[] = [];
let server: ServerProcess | undefined;
try {
  server = await ServerProcess.start({ databaseUrl: `sqlite:${join(dir, 'muon.db')}`, env: { MUON_OVN_NB_CONNECTION: stack.nbRemote } });
  const url = server.url;
  const api = async (method: string, path: string, body?: unknown) =>
    (await fetch(`${url}/v2.0${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })).json() as Promise<any>;
  for (const host of ['hv1', 'hv2']) agents.push(AgentProcess.start({ host, url, ovsRemote: stack.chassis(host).ovsRemote, heartbeatS: 30 }));
  const { network } = await api('POST', '/networks', { network: { name: 'bench' } });
  await api('POST', '/subnets', { subnet: { network_id: network.id, cidr: '10.90.0.0/22', ip_version: 4, enable_dhcp: false } });
  const ports: any[] = [];
  for (let i = 0; i <= PORTS; i++) {
    ports.push((await api('POST', '/ports', { port: { network_id: network.id, device_id: `vm${i}`, 'binding:host_id': `hv${(i % 2) + 1}` } })).port);
  }
  const plug = async (i: number) => {
    const port = ports[i];
    const instance = await plugInstance(stack, { name: `b${i}`, chassis: `hv${(i % 2) + 1}`, portId: port.id, macAddress: port.mac_address });
    await execInInstanceAsync(instance, 'ip', ['addr', 'add', `${port.fixed_ips[0].ip_address}/22`, 'dev', 'eth0']);
    return instance;
  };
  await plug(0);
  const target = ports[0].fixed_ips[0].ip_address;
  const toActive: number[] = [];
  const toForwarding: number[] = [];
  for (let i = 1; i <= PORTS; i++) {
    const start = performance.now();
    const instance = await plug(i);
    let forwarding: number | undefined;
    let active: number | undefined;
    const pinging = (async () => {
      while (forwarding === undefined) {
        if ((await execInInstanceAsync(instance, 'ping', ['-c', '1', '-W', '1', target])).status === 0) forwarding = performance.now() - start;
      }
    })();
    while (active === undefined) {
      if ((await api('GET', `/ports/${ports[i].id}?fields=status`)).port.status === 'ACTIVE') active = performance.now() - start;
      else await new Promise((r) => setTimeout(r, 20));
    }
    await pinging;
    toActive.push(active);
    toForwarding.push(forwarding!);
  }
  console.log(JSON.stringify({ ports: PORTS, plugged_to_active: latency(toActive, 0), plugged_to_forwarding: latency(toForwarding, 0) }));
} finally {
  await Promise.all(agents.map((a) => a.stop()));
  await server?.stop();
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
