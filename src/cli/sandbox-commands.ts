import type { Command } from 'commander';
import { acquireLease } from '../sandbox/dhcp-client.ts';
import { execInInstance, findInstance, listInstances, plugInstance, unplugInstance } from '../sandbox/instance.ts';
import { DEFAULT_STACK_DIR, loadStack } from './ovn-commands.ts';

/**
 * `muon sandbox plug|exec|unplug|list`: instances without a compute service.
 * An instance is a network namespace plugged into a muon port on a chassis
 * of the `muon ovn start` stack, as Nova and os-vif would plug a VM.
 */
export function addSandboxCommands(program: Command): void {
  const sandbox = program.command('sandbox').description('namespace "instances" plugged into muon ports on the OVN stack\'s chassis (root)');
  const withDir = (cmd: Command) => cmd.option('--dir <path>', 'the OVN stack\'s directory (muon ovn start)', DEFAULT_STACK_DIR);

  withDir(sandbox.command('plug <name>').description('plug a new instance into a port on a chassis'))
    .requiredOption('--port <id>', 'the muon port').requiredOption('--mac <mac>', 'the port\'s mac_address')
    .requiredOption('--host <chassis>', 'the chassis (the port\'s binding:host_id)')
    .option('--device-id <id>', 'the instance id (Nova\'s device_id)')
    .option('--dhcp', 'run a DHCP client in it once plugged and print the lease')
    .action(async (name: string, o: { dir: string; port: string; mac: string; host: string; deviceId?: string; dhcp?: boolean }) => {
      const stack = loadStack(o.dir);
      const instance = await plugInstance(stack, { name, chassis: o.host, portId: o.port, macAddress: o.mac, deviceId: o.deviceId });
      console.log(`instance ${name} plugged into port ${o.port} on ${o.host} (netns ${instance.netns})`);
      if (o.dhcp) {
        const lease = await acquireLease(instance, stack.dir, 20);
        console.log(`lease ${lease.ip}/${lease.prefixLength} router ${lease.router ?? '-'} mtu ${lease.mtu ?? '-'}`);
      }
    });

  withDir(sandbox.command('exec <name> <command...>').description('run a command in the instance (put -- before the command)'))
    .action((name: string, command: string[], o: { dir: string }) => {
      const [cmd, ...args] = command;
      const result = execInInstance(findInstance(loadStack(o.dir), name), cmd!, args, 600_000);
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      process.exitCode = result.status ?? 1;
    });

  withDir(sandbox.command('dhcp <name>').description('run a DHCP client in the instance and print the lease'))
    .action(async (name: string, o: { dir: string }) => {
      const stack = loadStack(o.dir);
      const lease = await acquireLease(findInstance(stack, name), stack.dir, 20);
      console.log(`lease ${lease.ip}/${lease.prefixLength} router ${lease.router ?? '-'} mtu ${lease.mtu ?? '-'}`);
    });

  withDir(sandbox.command('unplug <name>').description('unplug the instance and delete it'))
    .action(async (name: string, o: { dir: string }) => {
      const stack = loadStack(o.dir);
      await unplugInstance(stack, findInstance(stack, name));
      console.log(`instance ${name} removed`);
    });

  withDir(sandbox.command('list').description('the instances of the stack'))
    .action((o: { dir: string }) => {
      for (const i of listInstances(loadStack(o.dir))) console.log(`${i.name}\t${i.chassis}\t${i.portId}\t${i.macAddress}\t${i.netns}`);
    });
}
