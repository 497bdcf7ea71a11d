import type { LogView } from '../driver.ts';
import { LOG_METER, STATELESS_LOG_METER } from './log-model.ts';

/*
 * The meters that rate-limit ACL log lines, as ML2/OVN's log driver makes
 * them (create_ovn_fair_meter, pure): `acl_log_meter`, a fair packets-per-
 * second meter with one drop band at Neutron's `[network_log]` defaults
 * (rate_limit 100, burst_limit 25), and `acl_log_meter_stateless` at half
 * those (stateless groups' packets are metered differently by the kernel,
 * ML2/OVN halves them). ML2/OVN makes them with a log and removes them with
 * the last one; here they exist while an enabled log does.
 */

export const LOG_RATE_LIMIT = 100;
export const LOG_BURST_LIMIT = 25;
/** external_ids of the meters (ML2/OVN's device owner: the logging plugin). */
export const LOG_METER_EXTERNAL_IDS: Readonly<Record<string, string>> = { 'neutron:device_owner': 'logging-plugin' };

export interface MeterSpec {
  readonly name: string;
  readonly unit: 'pktps';
  readonly fair: true;
  readonly rate: number;
  readonly burst_size: number;
  readonly external_ids: Readonly<Record<string, string>>;
}

/** Is this a meter of network logs (muon's to write)? */
export function isLogMeter(name: unknown): boolean {
  return name === LOG_METER || name === STATELESS_LOG_METER;
}

/** The meters wanted: both while an enabled log exists, none otherwise. */
export function desiredMeters(logs: readonly LogView[]): MeterSpec[] {
  if (!logs.some((log) => log.enabled)) return [];
  const meter = (name: string, rate: number, burst: number): MeterSpec => ({ name, unit: 'pktps', fair: true, rate, burst_size: burst, external_ids: LOG_METER_EXTERNAL_IDS });
  return [meter(LOG_METER, LOG_RATE_LIMIT, LOG_BURST_LIMIT), meter(STATELESS_LOG_METER, Math.floor(LOG_RATE_LIMIT / 2), Math.floor(LOG_BURST_LIMIT / 2))];
}
