import { execute, inValueList, queryRow, queryRows, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/**
 * Flavor ↔ service profile associations. All methods run inside the given
 * `Tx`; none checks that the flavor or the profile exists (core does).
 */
export class FlavorBindingRepo {
  /** Associates; false when the pair was associated already (also when a concurrent request just did). */
  async add(tx: Tx, flavorId: string, profileId: string): Promise<boolean> {
    const inserted = await execute(tx, 'insert into "flavor_service_profile_bindings" ("flavor_id", "service_profile_id") values (?, ?) on conflict do nothing', [flavorId, profileId]);
    return inserted > 0;
  }

  /** Dissociates; false when the pair was not associated. */
  async remove(tx: Tx, flavorId: string, profileId: string): Promise<boolean> {
    return (await execute(tx, 'delete from "flavor_service_profile_bindings" where "flavor_id" = ? and "service_profile_id" = ?', [flavorId, profileId])) > 0;
  }

  async exists(tx: Tx, flavorId: string, profileId: string): Promise<boolean> {
    return (await queryRow(tx, 'select 1 as "found" from "flavor_service_profile_bindings" where "flavor_id" = ? and "service_profile_id" = ?', [flavorId, profileId])) !== undefined;
  }

  /** Whether any flavor uses the profile. */
  async profileInUse(tx: Tx, profileId: string): Promise<boolean> {
    return (await queryRow(tx, 'select 1 as "found" from "flavor_service_profile_bindings" where "service_profile_id" = ? limit 1', [profileId])) !== undefined;
  }

  /** flavor id → its profiles' ids, sorted (one statement for any number of flavors). */
  async profilesOf(tx: Tx, flavorIds: readonly string[]): Promise<Map<string, string[]>> {
    const byFlavor = new Map<string, string[]>();
    if (flavorIds.length === 0) return byFlavor;
    const rows = await queryRows<{ flavor_id: string; service_profile_id: string }>(tx,
      `select "flavor_id", "service_profile_id" from "flavor_service_profile_bindings" where ${inValueList(tx, '"flavor_id"')} order by "service_profile_id"`,
      [valueList(tx, flavorIds)]);
    for (const row of rows) {
      const list = byFlavor.get(row.flavor_id);
      if (list) list.push(row.service_profile_id);
      else byFlavor.set(row.flavor_id, [row.service_profile_id]);
    }
    return byFlavor;
  }
}
