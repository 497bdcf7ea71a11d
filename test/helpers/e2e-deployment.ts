import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/sandbox/host-command.ts';
import { plugInstance, type Instance } from '../../src/sandbox/instance.ts';
import { listNetns } from '../../src/sandbox/netns.ts';
import { AgentProcess } from './agent-process.ts';
import type { ProviderNetworkOptions } from '../../src/sandbox/ovn-stack.ts';
import { startTestStack, stopTestStack, type OvnStack } from './ovn-stack.ts';
import { ServerProcess } from './server-process.ts';

export interface E2eOptions {
  /** A provider network in the stack (br-ex on every chassis, an outside namespace): for routers, floating IPs, VLANs. */
  readonly provider?: ProviderNetworkOptions;
  /** Extra environment of `muon serve` (e.g. MUON_NETWORK_VLAN_RANGES). */
  readonly serverEnv?: Readonly<Record<string, string>>;
}

/**
 * What an end-to-end test runs against: a test OVN stack with chassis hv1
 * and hv2 (hv1 may host router gateways), `muon serve` with the OVN driver
 * on a fresh SQLite file, following the southbound chassis to schedule
 * gateways, and a `muon agent` per chassis. A failed step keeps the stack's logs and prints
 * muon's and the agents' output; `stop` checks no namespace is left behind.
 */
export class E2eDeployment {
  /** Set by `run` when a step fails: the logs are then kept and printed. */
  failed = false;

  private constructor(readonly stack: OvnStack, readonly server: ServerProcess, readonly agents: readonly AgentProcess[],
    private readonly dir: string, private readonly headers: Record<string, string>) {}

  /** Starts everything; `tag` names the stack's namespaces, `project` is the project the API calls act in (as admin). */
  static async start(tag: string, project: string, options: E2eOptions = {}): Promise<E2eDeployment> {
    const stack = await startTestStack(tag, ['hv1', 'hv2'], options.provider);
    const dir = mkdtempSync(join(tmpdir(), `muon-e2e-${tag}-`));
    const server = await ServerProcess.start({
      databaseUrl: `sqlite:${join(dir, 'muon.db')}`,
      env: { MUON_OVN_NB_CONNECTION: stack.nbRemote, MUON_OVN_SB_CONNECTION: stack.sbRemote, ...options.serverEnv },
    });
    const agents = ['hv1', 'hv2'].map((host) => AgentProcess.start({ host, url: server.url, ovsRemote: stack.chassis(host).ovsRemote }));
    return new E2eDeployment(stack, server, agents, dir, { 'content-type': 'application/json', 'x-project-id': project, 'x-roles': 'admin' });
  }

  /** An API call as the project's admin; asserts a 2xx answer and returns its body ({} for 204). */
  async api(method: string, path: string, body?: unknown): Promise<any> {
    const response = await fetch(`${this.server.url}/v2.0${path}`, { method, headers: this.headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = response.status === 204 ? {} : await response.json() as any;
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  /**
   * An instance with a static address: its compute port (`device_id` vm-<name>, bound to `host`, the address
   * asked for on `subnetId`, plus `port` attributes such as security groups) and the instance plugged on that
   * chassis with the address set on its interface — DHCP is other tests' subject.
   */
  async bootInstance(spec: { name: string; host: string; networkId: string; subnetId: string; ip: string; prefixLength: number; port?: Record<string, unknown> }): Promise<{ port: any; vm: Instance }> {
    const port = (await this.api('POST', '/ports', { port: {
      network_id: spec.networkId, device_id: `vm-${spec.name}`, device_owner: 'compute:nova', 'binding:host_id': spec.host,
      fixed_ips: [{ subnet_id: spec.subnetId, ip_address: spec.ip }], ...spec.port,
    } })).port;
    const vm = await plugInstance(this.stack, { name: spec.name, chassis: spec.host, portId: port.id, macAddress: port.mac_address, deviceId: `vm-${spec.name}` });
    run('ip', ['-n', vm.netns, 'addr', 'add', `${spec.ip}/${spec.prefixLength}`, 'dev', 'eth0']);
    return { port, vm };
  }

  /** Runs a test step, remembering a failure. */
  async run(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      this.failed = true;
      throw error;
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.agents.map((a) => a.stop()));
    await this.server.stop();
    if (this.failed) console.log(`# logs kept in ${this.stack.dir}\n# muon:\n${this.server.log}\n# agents:\n${this.agents.map((a) => a.log).join('\n')}`);
    const prefix = this.stack.manifest.prefix;
    await stopTestStack(this.stack, { keepLogs: this.failed });
    rmSync(this.dir, { recursive: true, force: true });
    assert.deepEqual(listNetns(prefix), [], 'no namespace left behind');
  }
}
