import type { Tx } from '../store.ts';
import { childRows, type Rows } from './row-set.ts';

export interface ExtraDhcpOpt { opt_name: string; opt_value: string; ip_version: number }

/** extra_dhcp_opts of ports, one row per (port, name, ip_version). */
export class ExtraDhcpOptRepo {
  async ofPorts(tx: Tx, ports: Rows): Promise<Map<string, ExtraDhcpOpt[]>> {
    const out = new Map<string, ExtraDhcpOpt[]>();
    const rows = await childRows<{ port_id: string; opt_name: string; opt_value: string; ip_version: number }>(tx, '"port_id"', ports,
      (where) => `select * from "extra_dhcp_opts" where ${where} order by "opt_name"`, { exclusive: true });
    for (const row of rows) {
      const list = out.get(row.port_id) ?? [];
      list.push({ opt_name: row.opt_name, opt_value: row.opt_value, ip_version: Number(row.ip_version) });
      out.set(row.port_id, list);
    }
    return out;
  }

  async upsert(tx: Tx, portId: string, opt: ExtraDhcpOpt): Promise<void> {
    await tx.db.insertInto('extra_dhcp_opts').values({ port_id: portId, ...opt })
      .onConflict((oc) => oc.columns(['port_id', 'opt_name', 'ip_version']).doUpdateSet({ opt_value: opt.opt_value })).execute();
  }

  async remove(tx: Tx, portId: string, optName: string, ipVersion: number): Promise<void> {
    await tx.db.deleteFrom('extra_dhcp_opts').where('port_id', '=', portId).where('opt_name', '=', optName).where('ip_version', '=', ipVersion).execute();
  }
}
