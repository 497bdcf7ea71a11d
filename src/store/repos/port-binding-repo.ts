import type { Tx } from '../store.ts';

/** One inactive binding as stored (profile and vif_details decoded). */
export interface StoredBinding {
  readonly host: string;
  readonly vnic_type: string;
  readonly profile: Record<string, unknown>;
  readonly vif_type: string;
  readonly vif_details: Record<string, unknown>;
}

/**
 * The INACTIVE bindings of ports (binding-extended), one row per (port, host);
 * the ACTIVE binding is the port's own row. All methods run inside the given
 * transaction.
 */
export class PortBindingRepo {
  /** A port's inactive bindings, oldest first. */
  async ofPort(tx: Tx, portId: string): Promise<StoredBinding[]> {
    const rows = await tx.db.selectFrom('port_bindings').selectAll().where('port_id', '=', portId).orderBy('created_at').orderBy('host').execute();
    return rows.map(decode);
  }

  /** The inactive binding of `portId` on `host`, or undefined. */
  async get(tx: Tx, portId: string, host: string): Promise<StoredBinding | undefined> {
    const row = await tx.db.selectFrom('port_bindings').selectAll().where('port_id', '=', portId).where('host', '=', host).executeTakeFirst();
    return row && decode(row);
  }

  /** Stores an inactive binding; one already there for the host is replaced. */
  async put(tx: Tx, portId: string, binding: StoredBinding): Promise<void> {
    const values = { vnic_type: binding.vnic_type, profile: JSON.stringify(binding.profile), vif_type: binding.vif_type, vif_details: JSON.stringify(binding.vif_details) };
    await tx.db.insertInto('port_bindings').values({ port_id: portId, host: binding.host, ...values, created_at: tx.now })
      .onConflict((oc) => oc.columns(['port_id', 'host']).doUpdateSet(values)).execute();
  }

  /** Removes the inactive binding of `portId` on `host` and returns it (undefined when there was none, also when a concurrent request took it first). */
  async take(tx: Tx, portId: string, host: string): Promise<StoredBinding | undefined> {
    const row = await tx.db.deleteFrom('port_bindings').where('port_id', '=', portId).where('host', '=', host).returningAll().executeTakeFirst();
    return row && decode(row);
  }

  /** Locks the port's row until the transaction ends (PostgreSQL; SQLite serialises writers anyway), so binding changes of one port queue up. */
  async lockPort(tx: Tx, portId: string): Promise<void> {
    if (tx.dialect === 'postgres') await tx.db.selectFrom('ports').select('id').where('id', '=', portId).forUpdate().execute();
  }

  /** Whether some agent has reported from `host` (a chassis muon knows). */
  async hostHasAgent(tx: Tx, host: string): Promise<boolean> {
    return (await tx.db.selectFrom('agents').select('id').where('host', '=', host).limit(1).executeTakeFirst()) !== undefined;
  }
}

function decode(row: { host: string; vnic_type: string; profile: string; vif_type: string; vif_details: string }): StoredBinding {
  return { host: row.host, vnic_type: row.vnic_type, profile: JSON.parse(row.profile) as Record<string, unknown>, vif_type: row.vif_type, vif_details: JSON.parse(row.vif_details) as Record<string, unknown> };
}
