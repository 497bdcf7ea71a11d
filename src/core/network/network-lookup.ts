import type { ResolvedResource } from '../../definitions/index.ts';
import type { ResourceRepo, Row } from '../../store/repos/resource-repo.ts';
import type { Tx } from '../../store/store.ts';
import { rowToRecord, type ResourceRecord } from '../resource/record-codec.ts';
import type { NetworkLookup } from '../resource/resource-service.ts';

/**
 * The network row of a subnet or port being created or changed, read once per
 * transaction: the policy check and the resource's hooks both need it, and a
 * port create must not pay for it twice.
 */
export async function networkRowOf(tx: Tx, networks: ResourceRepo, id: string): Promise<Row | undefined> {
  const key = networkRowKey(id);
  if (tx.memo.has(key)) return tx.memo.get(key) as Row | undefined;
  const row = await networks.get(tx, id);
  tx.memo.set(key, row);
  return row;
}

/** The `tx.memo` key of a network's row (undefined: no such network), as `networkRowOf` keeps it or a read-ahead leaves it. */
export function networkRowKey(id: string): string {
  return `network/${id}`;
}

/**
 * The network rows of many ports or subnets (a listing), read in one query and
 * remembered like `networkRowOf`: the policy check of the listing and the
 * hooks that extend its records (DNS domains, QoS network policies) share them.
 */
export async function networkRowsOf(tx: Tx, networks: ResourceRepo, ids: readonly string[]): Promise<Map<string, Row>> {
  const wanted = [...new Set(ids)];
  const missing = wanted.filter((id) => !tx.memo.has(networkRowKey(id)));
  const read = new Map((await networks.getMany(tx, missing)).map((row) => [String(row.id), row]));
  for (const id of missing) tx.memo.set(networkRowKey(id), read.get(id));
  const out = new Map<string, Row>();
  for (const id of wanted) {
    const row = tx.memo.get(networkRowKey(id)) as Row | undefined;
    if (row !== undefined) out.set(id, row);
  }
  return out;
}

/** Networks as policy targets (wire names: `shared`, `router:external`, `project_id`). */
export function networkLookup(networks: ResourceRepo, resource: ResolvedResource): NetworkLookup {
  return {
    async one(tx, id) {
      const row = await networkRowOf(tx, networks, id);
      return row === undefined ? undefined : rowToRecord(resource, row);
    },
    async many(tx, ids) {
      const out = new Map<string, ResourceRecord>();
      for (const [id, row] of await networkRowsOf(tx, networks, ids)) out.set(id, rowToRecord(resource, row));
      return out;
    },
  };
}
