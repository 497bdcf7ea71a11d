import type { TrunkSubportTable } from '../schema.ts';
import { inValues, ROWS_AS_ARRAYS } from '../fast-sql.ts';
import type { Tx } from '../store.ts';
import { childRows, type Rows } from './row-set.ts';

/** A subport as the API shows it. */
export interface Subport { port_id: string; segmentation_type: string; segmentation_id: number }

/** A port as the trunk rules need it: its project, device and the network it is on. */
export interface TrunkPortView {
  id: string;
  project_id: string;
  network_id: string;
  device_id: string;
  mac_address: string;
  /** The network's MTU. */
  mtu: number;
  /** The network's segments (provider:* of a single-segment network), for `inherit`. */
  segments: Array<{ network_type: string; segmentation_id: number }>;
}

/** Trunks' subports and the port lookups of the trunk rules. All methods run inside the given transaction. */
export class TrunkRepo {
  /** Subports per trunk, in a stable order (type, id, port). */
  async subportsOf(tx: Tx, trunkIds: readonly string[]): Promise<Map<string, Subport[]>> {
    const out = new Map<string, Subport[]>();
    if (trunkIds.length === 0) return out;
    const rows = await tx.db.selectFrom('trunk_subports').selectAll().where(inValues(tx, 'trunk_id', trunkIds))
      .orderBy('segmentation_type').orderBy('segmentation_id').orderBy('port_id').execute();
    for (const row of rows) {
      const list = out.get(row.trunk_id) ?? [];
      list.push({ port_id: row.port_id, segmentation_type: row.segmentation_type, segmentation_id: Number(row.segmentation_id) });
      out.set(row.trunk_id, list);
    }
    return out;
  }

  /** The trunk a port is a subport of. */
  async trunkOfSubport(tx: Tx, portId: string): Promise<string | undefined> {
    return (await tx.db.selectFrom('trunk_subports').select('trunk_id').where('port_id', '=', portId).executeTakeFirst())?.trunk_id;
  }

  /** The trunks whose parent is one of `ports`: parent port id → trunk id. */
  async trunksOfParents(tx: Tx, ports: Rows): Promise<Map<string, string>> {
    const rows = await childRows<[string, string]>(tx, '"port_id"', ports,
      (where) => `${ROWS_AS_ARRAYS}select "port_id", "id" from "trunks" where ${where}`, { exclusive: true });
    return new Map(rows);
  }

  /** Is (type, id) already used on the trunk? */
  async segmentationUsed(tx: Tx, trunkId: string, type: string, id: number): Promise<boolean> {
    const row = await tx.db.selectFrom('trunk_subports').select('port_id').where('trunk_id', '=', trunkId)
      .where('segmentation_type', '=', type).where('segmentation_id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  async add(tx: Tx, trunkId: string, subports: readonly Subport[]): Promise<void> {
    if (subports.length === 0) return;
    const rows: TrunkSubportTable[] = subports.map((s) => ({ trunk_id: trunkId, ...s }));
    await tx.db.insertInto('trunk_subports').values(rows).execute();
  }

  async remove(tx: Tx, trunkId: string, portIds: readonly string[]): Promise<void> {
    if (portIds.length === 0) return;
    await tx.db.deleteFrom('trunk_subports').where('trunk_id', '=', trunkId).where('port_id', 'in', [...portIds]).execute();
  }

  /** Ports with their network's MTU and segments; missing ports are absent from the map. */
  async ports(tx: Tx, portIds: readonly string[]): Promise<Map<string, TrunkPortView>> {
    const out = new Map<string, TrunkPortView>();
    if (portIds.length === 0) return out;
    const rows = await tx.db.selectFrom('ports').innerJoin('networks', 'networks.id', 'ports.network_id')
      .select(['ports.id', 'ports.project_id', 'ports.network_id', 'ports.device_id', 'ports.mac_address', 'networks.mtu'])
      .where('ports.id', 'in', [...portIds]).execute();
    const segments = rows.length === 0 ? [] : await tx.db.selectFrom('network_segments').select(['network_id', 'network_type', 'segmentation_id'])
      .where('network_id', 'in', [...new Set(rows.map((r) => r.network_id))]).orderBy('segment_index').execute();
    for (const row of rows) {
      out.set(row.id, {
        ...row, mtu: Number(row.mtu),
        segments: segments.filter((s) => s.network_id === row.network_id).map((s) => ({ network_type: s.network_type, segmentation_id: Number(s.segmentation_id) })),
      });
    }
    return out;
  }

  /** Each port's status and parsed `binding:profile`; missing ports are absent. */
  async bindings(tx: Tx, portIds: readonly string[]): Promise<Map<string, SubportBindingRow>> {
    if (portIds.length === 0) return new Map();
    const rows = await tx.db.selectFrom('ports').select(['id', 'status', 'binding_profile']).where('id', 'in', [...portIds]).execute();
    return new Map(rows.map((r) => [r.id, { status: r.status, profile: parseProfile(r.binding_profile) }]));
  }

  /** Writes what a subport's trunk membership decides about it (subport-binding.ts); the caller bumps its revision. */
  async setSubportBinding(tx: Tx, portId: string, values: SubportBindingUpdate): Promise<void> {
    const { profile, ...rest } = values;
    await tx.db.updateTable('ports').set({ ...rest, binding_profile: JSON.stringify(profile) }).where('id', '=', portId).execute();
  }

  /** Sets the status of ports (subports following their parent). */
  async setStatus(tx: Tx, portIds: readonly string[], status: string): Promise<void> {
    if (portIds.length === 0) return;
    await tx.db.updateTable('ports').set({ status }).where('id', 'in', [...portIds]).execute();
  }

  /** Sets a trunk's status; true when it changed. */
  async setTrunkStatus(tx: Tx, trunkId: string, status: string): Promise<boolean> {
    const result = await tx.db.updateTable('trunks').set({ status }).where('id', '=', trunkId).where('status', '!=', status).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

/** A port's status and binding profile, as a subport's binding reads them. */
export interface SubportBindingRow { status: string; profile: Record<string, unknown> }

/** The columns a subport's trunk membership sets. */
export interface SubportBindingUpdate {
  device_owner: string;
  profile: Record<string, unknown>;
  binding_vif_type: string;
  status: string;
}

function parseProfile(text: string): Record<string, unknown> {
  const parsed: unknown = text === '' ? {} : JSON.parse(text);
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, unknown> : {};
}
