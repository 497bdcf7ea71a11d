import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, runAsync, tryRun, type RunResult } from './host-command.ts';
import { addNetns, deleteNetns } from './netns.ts';
import type { OvnStack } from './ovn-stack.ts';

/*
 * Sandbox instances: what Nova and os-vif do for a VM, with a network
 * namespace as the VM. The instance's eth0 is one end of a veth carrying the
 * port's MAC; the other end, tap<port id prefix> as Nova names it, sits in the
 * chassis namespace as an OVS port of br-int with external_ids:iface-id=<port
 * id>, which is what makes ovn-controller bind the logical port there.
 *
 * The netdev datapath reads the veth through AF_PACKET and sees packets whose
 * checksums the kernel left for the NIC to fill: TCP is dropped unless the
 * instance turns transmit offload off, so plug always does.
 */

export interface InstanceSpec {
  /** Instance name: [a-z0-9-], unique in the stack; the namespace is `<prefix>i-<name>`. */
  readonly name: string;
  /** Chassis (host) to plug into. */
  readonly chassis: string;
  /** The muon port id (OVN logical switch port name). */
  readonly portId: string;
  /** The port's MAC. */
  readonly macAddress: string;
  /** Nova's device id, recorded as vm-uuid. */
  readonly deviceId?: string;
}

export interface Instance extends InstanceSpec {
  readonly netns: string;
  /** The chassis-side veth / OVS port. */
  readonly tap: string;
}

const INSTANCES = 'instances';

/** The namespace of instance `name` in a stack with prefix `prefix`. */
export function instanceNetns(prefix: string, name: string): string {
  return `${prefix}i-${name}`;
}

/**
 * Plugs a new instance into a port on a chassis: namespace, veth with the
 * port's MAC, OVS port with os-vif's external_ids, tx offload off, link up.
 * Returns once plugged (binding by ovn-controller follows asynchronously).
 * On failure removes what it made and rethrows.
 */
export async function plugInstance(stack: OvnStack, spec: InstanceSpec): Promise<Instance> {
  if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(spec.name)) throw new Error(`instance name must be [a-z0-9-], 1-31 characters, not ${spec.name}`);
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(spec.macAddress)) throw new Error(`bad MAC ${spec.macAddress}`);
  const chassis = stack.chassis(spec.chassis);
  const instance: Instance = { ...spec, netns: instanceNetns(stack.manifest.prefix, spec.name), tap: `tap${spec.portId.replace(/-/g, '').slice(0, 11)}` };
  if (existsSync(manifestPath(stack, spec.name))) throw new Error(`instance ${spec.name} exists`);
  addNetns(instance.netns);
  try {
    run('ip', ['link', 'add', 'eth0', 'netns', instance.netns, 'address', spec.macAddress, 'type', 'veth', 'peer', 'name', instance.tap, 'netns', chassis.netns]);
    run('ip', ['netns', 'exec', instance.netns, 'ethtool', '-K', 'eth0', 'tx', 'off']);
    run('ip', ['-n', instance.netns, 'link', 'set', 'eth0', 'up']);
    run('ip', ['-n', chassis.netns, 'link', 'set', instance.tap, 'up']);
    stack.vsctl(spec.chassis, '--may-exist', 'add-port', 'br-int', instance.tap, '--', 'set', 'interface', instance.tap,
      `external_ids:iface-id=${spec.portId}`, `external_ids:attached-mac=${spec.macAddress.toLowerCase()}`,
      'external_ids:iface-status=active', `external_ids:vm-uuid=${spec.deviceId ?? spec.name}`);
    mkdirSync(join(stack.dir, INSTANCES), { recursive: true });
    writeFileSync(manifestPath(stack, spec.name), JSON.stringify(instance, null, 2));
    return instance;
  } catch (error) {
    await deleteNetns(instance.netns);
    throw error;
  }
}

/** The instance `name` of the stack (from its manifest); throws when there is none. */
export function findInstance(stack: OvnStack, name: string): Instance {
  const path = manifestPath(stack, name);
  if (!existsSync(path)) throw new Error(`no instance ${name}`);
  return JSON.parse(readFileSync(path, 'utf8')) as Instance;
}

/** Every instance of the stack. */
export function listInstances(stack: OvnStack): Instance[] {
  const dir = join(stack.dir, INSTANCES);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => findInstance(stack, f.slice(0, -5))) : [];
}

/** Runs a command inside the instance; never throws (look at status). */
export function execInInstance(instance: Instance, command: string, args: readonly string[], timeoutMs = 30_000): RunResult {
  return tryRun('ip', ['netns', 'exec', instance.netns, command, ...args], { timeoutMs });
}

/** Runs a command inside the instance without blocking the event loop (for commands that talk to servers in this process). */
export function execInInstanceAsync(instance: Instance, command: string, args: readonly string[], timeoutMs = 30_000): Promise<RunResult> {
  return runAsync('ip', ['netns', 'exec', instance.netns, command, ...args], { timeoutMs });
}

/** Unplugs: removes the OVS port, ends the instance's processes and deletes its namespace (and veth). Idempotent. */
export async function unplugInstance(stack: OvnStack, instance: Instance): Promise<void> {
  tryRun('ovs-vsctl', [`--db=${stack.chassis(instance.chassis).ovsRemote}`, '--if-exists', 'del-port', 'br-int', instance.tap]);
  await deleteNetns(instance.netns);
  rmSync(manifestPath(stack, instance.name), { force: true });
}

function manifestPath(stack: OvnStack, name: string): string {
  return join(stack.dir, INSTANCES, `${name}.json`);
}
