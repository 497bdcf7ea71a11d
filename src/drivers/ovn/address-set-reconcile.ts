import { datumEquals } from '../../ovsdb/datum.ts';
import type { ReplicaRow } from '../../ovsdb/replica.ts';
import type { DesiredState } from '../driver.ts';
import { addressGroupIdOf, addressSetName, desiredAddressSets, type AddressSetSpec } from './address-set-model.ts';
import type { NbWriter } from './security-group-reconcile.ts';

/**
 * Address groups' address sets (address-set-model.ts): a group's two sets
 * equal to the group, no set for a group muon no longer has. muon owns these
 * rows whole (their names say whose they are), as ML2/OVN does.
 */
export class AddressSetReconcile {
  constructor(private readonly nb: NbWriter, private readonly state: DesiredState) {}

  /** One group's sets (none when the group is gone). */
  async reconcile(addressGroupId: string): Promise<boolean> {
    const group = await this.state.addressGroup(addressGroupId);
    const rows = this.rowsByName();
    const txn = this.nb.transaction();
    const wanted = group ? desiredAddressSets(group) : [];
    for (const spec of wanted) this.plan(txn, rows.get(spec.name), spec);
    if (!group) for (const family of [4, 6] as const) this.plan(txn, rows.get(addressSetName(addressGroupId, family)), undefined);
    return this.nb.commit(txn);
  }

  /** Every group's sets, and none of a group muon no longer has; returns the transactions sent. */
  async fullResync(): Promise<number> {
    const groups = await this.state.addressGroups();
    const rows = this.rowsByName();
    const txn = this.nb.transaction();
    const wanted = new Set<string>();
    for (const spec of groups.flatMap(desiredAddressSets)) {
      wanted.add(spec.name);
      this.plan(txn, rows.get(spec.name), spec);
    }
    for (const [name, row] of rows) if (addressGroupIdOf(name) !== undefined && !wanted.has(name)) this.plan(txn, row, undefined);
    return (await this.nb.commit(txn)) ? 1 : 0;
  }

  private plan(txn: ReturnType<NbWriter['transaction']>, row: ReplicaRow | undefined, spec: AddressSetSpec | undefined): void {
    if (spec === undefined) {
      if (row) txn.delete('Address_Set', [['_uuid', '==', row._uuid]]);
      return;
    }
    if (row === undefined) {
      // Names are unique in Address_Set (the schema's index): a concurrent writer's insert fails this transaction, which is retried.
      txn.insert('Address_Set', { name: spec.name, addresses: spec.addresses, external_ids: spec.external_ids });
      return;
    }
    const update: Record<string, unknown> = {};
    if (!datumEquals(row.addresses as never, spec.addresses as never)) update.addresses = spec.addresses;
    if (!datumEquals(row.external_ids as never, spec.external_ids as never)) update.external_ids = spec.external_ids;
    if (Object.keys(update).length > 0) txn.update('Address_Set', [['_uuid', '==', row._uuid]], update);
  }

  private rowsByName(): Map<string, ReplicaRow> {
    return new Map([...this.nb.replica().rows('Address_Set').values()].map((row) => [row.name as string, row]));
  }
}
