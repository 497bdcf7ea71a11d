import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execInInstanceAsync, type Instance } from './instance.ts';

/** What the DHCP server handed out, as the client applied it. */
export interface DhcpLease {
  readonly ip: string;
  readonly prefixLength: number;
  readonly router?: string;
  readonly mtu?: number;
  readonly dns: string[];
  readonly staticRoutes: string[];
}

/*
 * busybox udhcpc calls a script with the lease in its environment. Ours
 * applies address, MTU, default route and option-121 routes and prints them
 * on one line the caller parses. It never touches /etc/resolv.conf (the
 * host's, as a namespace has none of its own).
 */
const SCRIPT = `#!/bin/sh
case "$1" in
  deconfig) ip addr flush dev "$interface"; ip link set "$interface" up ;;
  bound|renew)
    ip addr flush dev "$interface"; ip addr add "$ip/\${mask:-24}" dev "$interface"
    [ -n "$mtu" ] && ip link set "$interface" mtu "$mtu"
    [ -n "$router" ] && ip route replace default via "\${router%% *}" dev "$interface"
    set -- $staticroutes; while [ $# -ge 2 ]; do ip route replace "$1" via "$2" dev "$interface"; shift 2; done
    echo "muon-lease ip=$ip mask=\${mask:-24} router=\${router%% *} mtu=$mtu dns=$(echo $dns | tr ' ' ,) routes=$(echo $staticroutes | tr ' ' ,)" ;;
esac
`;

/**
 * Runs a real DHCP client (busybox udhcpc) in the instance until it has a
 * lease, asking also for the MTU and classless static routes (udhcpc asks only
 * for what it is told to, and OVN answers only what is asked). Rejects with
 * the client's output when no lease comes within `tries` seconds.
 */
export async function acquireLease(instance: Instance, scriptDir: string, tries = 10): Promise<DhcpLease> {
  const script = join(scriptDir, 'udhcpc.script');
  writeFileSync(script, SCRIPT, { mode: 0o755 });
  const result = await execInInstanceAsync(instance, 'busybox', ['udhcpc', '-i', 'eth0', '-n', '-q', '-f', '-t', String(tries), '-T', '1', '-O', 'mtu', '-O', 'staticroutes', '-s', script], (tries + 5) * 1000);
  const line = result.stdout.split('\n').find((l) => l.startsWith('muon-lease '));
  if (result.status !== 0 || line === undefined) throw new Error(`no DHCP lease for ${instance.name}: ${result.stdout}${result.stderr}`.trim());
  return parseLease(line);
}

/** Parses the script's `muon-lease k=v …` line. */
export function parseLease(line: string): DhcpLease {
  const fields = new Map(line.split(' ').slice(1).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const list = (key: string) => (fields.get(key) ?? '').split(',').filter(Boolean);
  const mtu = fields.get('mtu');
  return {
    ip: fields.get('ip') ?? '',
    prefixLength: maskLength(fields.get('mask') ?? '24'),
    router: fields.get('router') || undefined,
    mtu: mtu ? Number(mtu) : undefined,
    dns: list('dns'),
    staticRoutes: list('routes'),
  };
}

/** udhcpc gives the mask as a prefix length; older ones as dotted quad. */
function maskLength(mask: string): number {
  if (/^\d+$/.test(mask)) return Number(mask);
  return mask.split('.').reduce((n, octet) => n + (Number(octet) >>> 0).toString(2).replace(/0/g, '').length, 0);
}
