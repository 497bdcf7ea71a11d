import type { TrunkView } from '../driver.ts';
import type { PortSpec } from './ovn-model.ts';

/*
 * Trunk subports as ML2/OVN's trunk driver writes them: the subport's switch
 * port names the trunk's parent port in `parent_name` and carries the
 * segmentation id in `tag`, so ovn-controller delivers the subport's traffic
 * on the parent's interface tagged with that VLAN. Pure.
 */

export interface SubportBinding {
  readonly parent_name: string;
  readonly tag: number;
}

/** Subport port id → its parent and tag, for every trunk. */
export function subportBindings(trunks: readonly TrunkView[]): Map<string, SubportBinding> {
  const bindings = new Map<string, SubportBinding>();
  for (const trunk of trunks) {
    for (const sub of trunk.sub_ports) bindings.set(sub.port_id, { parent_name: trunk.port_id, tag: sub.segmentation_id });
  }
  return bindings;
}

/** `specs` with the parent and tag of those that are subports (others get none). */
export function withTrunkParents(specs: readonly PortSpec[], bindings: ReadonlyMap<string, SubportBinding>): PortSpec[] {
  return specs.map((spec) => {
    const binding = bindings.get(spec.name);
    return { ...spec, parent_name: binding?.parent_name ?? null, tag: binding?.tag ?? null };
  });
}
