import type { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingForStack } from '../sandbox/ovn-paths.ts';
import { OvnStack } from '../sandbox/ovn-stack.ts';

const SETUP_SCRIPT = fileURLToPath(new URL('../../scripts/setup-ovn.sh', import.meta.url));
/** Where `muon ovn start` keeps the stack: beside the default SQLite database. */
export const DEFAULT_STACK_DIR = './var/ovn';

/**
 * `muon ovn install|start|stop|status`: a single-machine OVN deployment for
 * trying muon's networking (src/sandbox/ovn-stack.ts) — central databases and
 * northd plus chassis namespaces, on private sockets under --dir. `start`
 * prints MUON_OVN_NB_CONNECTION and MUON_OVN_SB_CONNECTION (gateway chassis) for `muon serve`.
 */
export function addOvnCommands(program: Command): void {
  const ovn = program.command('ovn').description('install, start and stop a single-machine OVN stack for trying muon (root)');

  ovn.command('install').description('install OVN, Open vSwitch, busybox and ethtool from Debian packages (scripts/setup-ovn.sh)')
    .action(() => {
      const result = spawnSync('bash', [SETUP_SCRIPT], { stdio: 'inherit' });
      process.exitCode = result.status ?? 1;
    });

  ovn.command('start').description('start central OVN and chassis namespaces (the first one gateway-capable); prints the connections for muon serve')
    .option('--dir <path>', 'where databases, sockets and logs live', DEFAULT_STACK_DIR)
    .option('--chassis <names>', 'comma-separated chassis (host) names', 'hv1,hv2')
    .option('--prefix <prefix>', 'prefix of the namespace names', 'muon-')
    .option('--provider <physnet>', 'add a provider network: br-ex on every chassis mapped to this physical network, joined in an outside namespace')
    .option('--outside <cidr>', 'the outside host\'s address on the provider network (make it the external subnet\'s gateway)', '172.24.4.1/24')
    .action(async (o: { dir: string; chassis: string; prefix: string; provider?: string; outside: string }) => {
      const missing = missingForStack();
      if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: run \`muon ovn install\` as root`);
      const dir = resolve(o.dir);
      if (existsSync(`${dir}/stack.json`)) throw new Error(`a stack already runs from ${dir}: \`muon ovn stop --dir ${o.dir}\` first`);
      const provider = o.provider === undefined ? undefined : { physnet: o.provider, hostCidr: o.outside };
      const stack = await OvnStack.start({ prefix: o.prefix, chassis: o.chassis.split(',').filter(Boolean), dir, provider });
      console.log(`OVN stack running: chassis ${stack.manifest.chassis.map((c) => `${c.name} (netns ${c.netns})`).join(', ')}; logs in ${dir}`);
      const { provider: net } = stack.manifest;
      if (net) console.log(`provider network ${net.physnet}: the outside host ${net.hostCidr} is netns ${net.netns} (ip netns exec ${net.netns} ping …)`);
      console.log(`export MUON_OVN_NB_CONNECTION=${stack.nbRemote} MUON_OVN_SB_CONNECTION=${stack.sbRemote}`);
    });

  ovn.command('status').description('the stack\'s chassis as the southbound database sees them')
    .option('--dir <path>', 'the stack\'s directory', DEFAULT_STACK_DIR)
    .action((o: { dir: string }) => {
      const stack = loadStack(o.dir);
      console.log(`MUON_OVN_NB_CONNECTION=${stack.nbRemote}`);
      console.log(stack.sbctl('show'));
    });

  ovn.command('stop').description('stop every daemon and instance of the stack and delete its namespaces and directory')
    .option('--dir <path>', 'the stack\'s directory', DEFAULT_STACK_DIR)
    .option('--keep-logs', 'keep the directory')
    .action(async (o: { dir: string; keepLogs?: boolean }) => {
      await loadStack(o.dir).stop({ keepDir: o.keepLogs });
      console.log('OVN stack stopped');
    });
}

/** The stack started from `dir`; a readable error when there is none. */
export function loadStack(dir: string): OvnStack {
  const path = resolve(dir);
  if (!existsSync(`${path}/stack.json`)) throw new Error(`no OVN stack in ${path}: \`muon ovn start\` first`);
  return OvnStack.load(path);
}
