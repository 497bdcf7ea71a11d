import { datumEquals } from '../../ovsdb/datum.ts';
import type { ReplicaRow } from '../../ovsdb/replica.ts';
import type { DesiredState } from '../driver.ts';
import { desiredMeters, isLogMeter, type MeterSpec } from './log-meter-model.ts';
import { groupsOfLog, logName } from './log-model.ts';
import { DROP_PORT_GROUP } from './security-group-model.ts';
import { securityKeysOf } from './security-group-plan.ts';
import type { NbWriter } from './security-group-reconcile.ts';

/**
 * Network logs in the northbound DB besides the ACLs' own columns (those
 * are written with their port groups, security-group-reconcile.ts): the log
 * meters, and which port groups a log's change must be looked at again in.
 */
export class LogReconcile {
  constructor(private readonly nb: NbWriter, private readonly state: DesiredState) {}

  /** The log meters equal to desiredMeters (log-meter-model.ts); returns whether it wrote. */
  async reconcileMeters(): Promise<boolean> {
    const wanted = desiredMeters(await this.state.logs());
    const replica = this.nb.replica();
    const bands = replica.rows('Meter_Band');
    const txn = this.nb.transaction();
    const rows = [...replica.rows('Meter').values()].filter((row) => isLogMeter(row.name));
    wanted.forEach((spec, i) => planMeter(txn, rows.find((row) => row.name === spec.name), spec, bands, `band${i}`));
    for (const row of rows) if (!wanted.some((spec) => spec.name === row.name)) txn.delete('Meter', [['_uuid', '==', row._uuid]]);
    return this.nb.commit(txn);
  }

  /**
   * The keys a log's change brings: the meters, the port groups the log
   * covers now, and those whose ACLs still log for it (a log deleted,
   * disabled, or whose port changed groups). Its ACLs may also go to another
   * log then: the groups' reconcile decides, from every log.
   */
  async keysOfLog(logId: string): Promise<string[]> {
    const logs = await this.state.logs();
    const log = logs.find((l) => l.id === logId);
    const keys = new Set(['log_meter:all']);
    if (log?.enabled) {
      const target = !log.resource_id && log.target_id ? await this.state.port(log.target_id) : undefined;
      const scoped = groupsOfLog(log, new Map(target ? [[target.id, target.security_groups ?? []]] : []));
      if (log.resource_id || log.target_id) for (const id of scoped) keys.add(`security_group:${id}`);
      else {
        if (log.event !== 'DROP') for (const group of await this.state.securityGroups()) keys.add(`security_group:${group.id}`);
        if (log.event !== 'ACCEPT') keys.add(`port_group:${DROP_PORT_GROUP}`);
      }
    }
    const name = logName(logId);
    const groups = [...this.nb.replica().rows('Port_Group').values()];
    for (const acl of this.nb.replica().rows('ACL').values()) {
      if (acl.name === name) for (const key of securityKeysOf('ACL', acl, groups)) keys.add(key);
    }
    return [...keys];
  }
}

/** Adds what makes meter `row` equal `spec` (a changed band is replaced: bands belong to their meter). */
function planMeter(txn: ReturnType<NbWriter['transaction']>, row: ReplicaRow | undefined, spec: MeterSpec, bands: ReadonlyMap<string, ReplicaRow>, bandName: string): void {
  const band = { action: 'drop' as const, rate: spec.rate, burst_size: spec.burst_size };
  if (row === undefined) {
    txn.insert('Meter_Band', band, bandName);
    txn.insert('Meter', { name: spec.name, unit: spec.unit, fair: spec.fair, external_ids: { ...spec.external_ids }, bands: [bandName] });
    return;
  }
  const update: Record<string, unknown> = {};
  if (row.unit !== spec.unit) update.unit = spec.unit;
  if (row.fair !== spec.fair) update.fair = spec.fair;
  if (!datumEquals(row.external_ids as never, spec.external_ids as never)) update.external_ids = { ...spec.external_ids };
  const current = (row.bands as string[]).map((uuid) => bands.get(uuid));
  const bandMatches = current.length === 1 && current[0] !== undefined && current[0].action === 'drop' && current[0].rate === spec.rate && current[0].burst_size === spec.burst_size;
  if (!bandMatches) {
    txn.insert('Meter_Band', band, bandName);
    update.bands = [bandName];
  }
  if (Object.keys(update).length > 0) txn.update('Meter', [['_uuid', '==', row._uuid]], update);
}
