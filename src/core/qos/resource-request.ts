import { createHash } from 'node:crypto';

/**
 * A port's `resource_request` (port-resource-request, in the
 * port-resource-request-groups format): the Placement request Nova adds to
 * the server's, so that the host it picks can give the port the minimums its
 * QoS policy guarantees. Pure functions, as Neutron's QoS plugin derives it:
 *
 * - minimum bandwidth rules make one group: a resource class per direction
 *   (`NET_BW_EGR_KILOBIT_PER_SEC`, `NET_BW_IGR_KILOBIT_PER_SEC`), required
 *   traits of the network's first segment (`CUSTOM_PHYSNET_<NAME>`, or
 *   `CUSTOM_NETWORK_TUNNEL_PROVIDER` for a tunnelled one, as Neutron since
 *   2023.1; none when the network has no segment: no group) and of the
 *   port's vnic type (`CUSTOM_VNIC_TYPE_<TYPE>`);
 * - minimum packet rate rules make another: `NET_PACKET_RATE_[EGR_|IGR_]KILOPACKET_PER_SEC`,
 *   the vnic trait alone;
 * - each group's id is stable (Nova keeps allocations under it): the v5 UUID
 *   of the rules' ids (joined with ':') in the port id's namespace;
 * - `same_subtree` names every group; no group at all is `null`.
 */

/** A minimum rule of the policy that applies to a port. */
export interface MinimumRule {
  readonly id: string;
  readonly type: 'minimum_bandwidth' | 'minimum_packet_rate';
  readonly direction: string;
  /** min_kbps or min_kpps. */
  readonly amount: number;
}

export interface RequestGroup {
  id: string;
  required: string[];
  resources: Record<string, number>;
}

export interface ResourceRequest {
  request_groups: RequestGroup[];
  same_subtree: string[];
}

/** What a port contributes: its id and `binding:vnic_type`. */
export interface PortForRequest {
  readonly id: string;
  readonly vnicType: string;
}

/**
 * The network's first segment (lowest index): its physical network, '' for a
 * tunnelled one; undefined when the network has no segment.
 */
export type FirstSegment = { readonly physicalNetwork: string } | undefined;

const BANDWIDTH_CLASS: Readonly<Record<string, string>> = {
  egress: 'NET_BW_EGR_KILOBIT_PER_SEC', ingress: 'NET_BW_IGR_KILOBIT_PER_SEC',
};
const PACKET_RATE_CLASS: Readonly<Record<string, string>> = {
  egress: 'NET_PACKET_RATE_EGR_KILOPACKET_PER_SEC', ingress: 'NET_PACKET_RATE_IGR_KILOPACKET_PER_SEC', any: 'NET_PACKET_RATE_KILOPACKET_PER_SEC',
};

/** neutron-lib's TRAIT_NETWORK_TUNNEL: a network without a physical network. */
export const TUNNEL_TRAIT = 'CUSTOM_NETWORK_TUNNEL_PROVIDER';

/** os-traits' normalize_name: runs of characters outside [0-9A-Za-z] become '_', upper case, `CUSTOM_` first. */
export function customTrait(name: string): string {
  return `CUSTOM_${name.replace(/[^0-9A-Za-z]+/g, '_').toUpperCase()}`;
}

export const physnetTrait = (physicalNetwork: string): string => customTrait(`PHYSNET_${physicalNetwork}`);
export const vnicTypeTrait = (vnicType: string): string => customTrait(`VNIC_TYPE_${vnicType}`);

/** The port's resource request, or null when no group applies. */
export function resourceRequestOf(port: PortForRequest, rules: readonly MinimumRule[], firstSegment: FirstSegment): ResourceRequest | null {
  const groups: RequestGroup[] = [];
  const bandwidth = rules.filter((r) => r.type === 'minimum_bandwidth');
  if (bandwidth.length > 0 && firstSegment !== undefined) {
    const network = firstSegment.physicalNetwork === '' ? TUNNEL_TRAIT : physnetTrait(firstSegment.physicalNetwork);
    groups.push(groupOf(port, bandwidth, BANDWIDTH_CLASS, [network, vnicTypeTrait(port.vnicType)]));
  }
  const packetRate = rules.filter((r) => r.type === 'minimum_packet_rate');
  if (packetRate.length > 0) groups.push(groupOf(port, packetRate, PACKET_RATE_CLASS, [vnicTypeTrait(port.vnicType)]));
  if (groups.length === 0) return null;
  return { request_groups: groups, same_subtree: groups.map((g) => g.id) };
}

function groupOf(port: PortForRequest, rules: readonly MinimumRule[], classes: Readonly<Record<string, string>>, required: string[]): RequestGroup {
  const ordered = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const resources: Record<string, number> = {};
  for (const rule of ordered) {
    const resourceClass = classes[rule.direction];
    if (resourceClass !== undefined) resources[resourceClass] = rule.amount;
  }
  return { id: uuid5(port.id, ordered.map((r) => r.id).join(':')), required, resources };
}

/**
 * RFC 4122 name-based UUID (version 5, SHA-1) of `name` in the namespace of
 * the UUID `namespace` (Python's uuid.uuid5). A namespace that is not a UUID
 * (muon's port ids always are) counts as the nil UUID with itself prefixed to
 * the name, so that the result stays stable and distinct.
 */
export function uuid5(namespace: string, name: string): string {
  const hex = namespace.replace(/-/g, '');
  const valid = /^[0-9a-fA-F]{32}$/.test(hex);
  const hash = createHash('sha1')
    .update(Buffer.from(valid ? hex : '0'.repeat(32), 'hex'))
    .update(valid ? name : `${namespace}:${name}`, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const out = hash.subarray(0, 16).toString('hex');
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}-${out.slice(16, 20)}-${out.slice(20)}`;
}
