import type { Kysely } from 'kysely';
import { logChangesOf } from '../change-log-triggers.ts';

/**
 * Expand 0003: the change log is written by triggers on the resource tables
 * (see change-log-triggers.ts). Additive: servers of the previous release
 * still insert their own `changes` rows, so while they run a change they make
 * may be logged twice — harmless for watchers, which re-read the resource
 * (level-triggered), and gone once every server runs this release.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, resourceType] of [
    ['networks', 'network'], ['subnets', 'subnet'], ['ports', 'port'],
    ['subnetpools', 'subnetpool'], ['address_scopes', 'address_scope'],
  ] as const) {
    await logChangesOf(db, table, resourceType);
  }
}
