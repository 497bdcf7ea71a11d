import { existsSync } from 'node:fs';
import { onPath } from './host-command.ts';

/** Where Debian's ovn-central and openvswitch-common put the schemas (scripts/setup-ovn.sh installs them). */
export const SCHEMAS = {
  nb: '/usr/share/ovn/ovn-nb.ovsschema',
  sb: '/usr/share/ovn/ovn-sb.ovsschema',
  vswitch: '/usr/share/openvswitch/vswitch.ovsschema',
} as const;

/** What a sandbox stack and its instances run: OVN central and host daemons, Open vSwitch, iproute2, busybox (udhcpc), ethtool, ping, curl. */
export const STACK_BINARIES = ['ovsdb-server', 'ovsdb-tool', 'ovs-vsctl', 'ovs-vswitchd', 'ovn-northd', 'ovn-controller', 'ovn-nbctl', 'ovn-sbctl', 'ip', 'ethtool', 'busybox', 'ping', 'curl'] as const;

/**
 * What is missing to run a sandbox stack here (binaries, schemas, root), or
 * an empty list. Callers decide whether that skips or fails.
 */
export function missingForStack(): string[] {
  const missing: string[] = STACK_BINARIES.filter((b) => !onPath(b));
  for (const schema of Object.values(SCHEMAS)) if (!existsSync(schema)) missing.push(schema);
  if (process.getuid?.() !== 0) missing.push('root (network namespaces)');
  return missing;
}
