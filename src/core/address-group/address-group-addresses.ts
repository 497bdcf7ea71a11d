import { formatNetaddrNetwork, networkValue, parseNetaddrNetwork } from '../../definitions/validators/netaddr.ts';

/**
 * An address group member as Neutron stores it: the network address and
 * prefix length ("192.168.0.10/24" → "192.168.0.0/24", "10.0.0.1" →
 * "10.0.0.1/32"); undefined when netaddr would not read it. Pure.
 */
export function normaliseAddress(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const network = parseNetaddrNetwork(text);
  if (network === undefined) return undefined;
  return formatNetaddrNetwork({ ip: { version: network.ip.version, value: networkValue(network) }, prefixLength: network.prefixLength });
}

/** The distinct normalised forms of `addresses`, in first-seen order; `bad` is the first unreadable one. */
export function normaliseAddresses(addresses: readonly unknown[]): { addresses: string[]; bad?: unknown } {
  const out = new Set<string>();
  for (const address of addresses) {
    const normalised = normaliseAddress(address);
    if (normalised === undefined) return { addresses: [], bad: address };
    out.add(normalised);
  }
  return { addresses: [...out] };
}
