import type { Subport, TrunkRepo } from '../../store/repos/trunk-repo.ts';
import type { Tx } from '../../store/store.ts';
import { bumpRevision } from '../resource/revision.ts';

/** What subports become while in a trunk (the OVN trunk driver's device_owner). */
export const TRUNK_SUBPORT_OWNER = 'trunk:subport';

/*
 * What trunk membership does to a subport, as ML2/OVN's trunk driver does
 * it. Joining: device_owner `trunk:subport`, `parent_name` and `tag` in its
 * binding:profile, vif_type `ovs` and its parent's status (the subport has
 * no interface of its own: it is bound wherever the parent is). Leaving (the
 * subport removed or its trunk deleted): device_owner '', those two profile
 * keys gone, vif_type `unbound` and DOWN (ML2/OVN marks the switch port
 * down). Either way the port's revision goes up, so the change feed carries
 * it to the drivers. Other profile keys are the user's and stay.
 */

/** Marks `subports` as members of the trunk whose parent is `parentId`. */
export async function joinSubports(tx: Tx, repo: TrunkRepo, parentId: string, subports: readonly Subport[]): Promise<void> {
  const ports = await repo.bindings(tx, [parentId, ...subports.map((s) => s.port_id)]);
  const status = ports.get(parentId)?.status ?? 'DOWN';
  for (const subport of subports) {
    const profile = { ...ports.get(subport.port_id)?.profile, parent_name: parentId, tag: subport.segmentation_id };
    await repo.setSubportBinding(tx, subport.port_id, { device_owner: TRUNK_SUBPORT_OWNER, profile, binding_vif_type: 'ovs', status });
    await bumpRevision(tx, 'ports', subport.port_id);
  }
}

/** Releases `subports` from their trunk. */
export async function leaveSubports(tx: Tx, repo: TrunkRepo, subports: readonly Subport[]): Promise<void> {
  const ports = await repo.bindings(tx, subports.map((s) => s.port_id));
  for (const subport of subports) {
    const profile = { ...ports.get(subport.port_id)?.profile };
    delete profile.parent_name;
    delete profile.tag;
    await repo.setSubportBinding(tx, subport.port_id, { device_owner: '', profile, binding_vif_type: 'unbound', status: 'DOWN' });
    await bumpRevision(tx, 'ports', subport.port_id);
  }
}

/** A trunk's status for its parent's: ACTIVE once the parent is bound and up (ML2/OVN's rule), else DOWN. */
export function trunkStatusFor(parentStatus: string | undefined): 'ACTIVE' | 'DOWN' {
  return parentStatus === 'ACTIVE' ? 'ACTIVE' : 'DOWN';
}
