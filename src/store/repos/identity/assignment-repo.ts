import type { Selectable } from 'kysely';
import type { IdentityAssignmentTable } from '../../schema.ts';
import type { Tx } from '../../store.ts';

export type AssignmentRow = Selectable<IdentityAssignmentTable>;
export type ActorType = AssignmentRow['actor_type'];
export type TargetType = AssignmentRow['target_type'];

export interface AssignmentFilter {
  actors?: ReadonlyArray<{ type: ActorType; id: string }>;
  target_type?: TargetType;
  target_ids?: readonly string[];
  role_ids?: readonly string[];
}

/** Role assignments: (user | group) × (project | domain | system) × role. Every method runs inside the caller's transaction. */
export class AssignmentRepo {
  /** Grants; idempotent. */
  async grant(tx: Tx, row: AssignmentRow): Promise<void> {
    await tx.db.insertInto('identity_assignments').values(row)
      .onConflict((oc) => oc.columns(['actor_type', 'actor_id', 'target_type', 'target_id', 'role_id']).doNothing()).execute();
  }

  /** Revokes; true when the assignment existed. */
  async revoke(tx: Tx, row: AssignmentRow): Promise<boolean> {
    const result = await tx.db.deleteFrom('identity_assignments')
      .where('actor_type', '=', row.actor_type).where('actor_id', '=', row.actor_id)
      .where('target_type', '=', row.target_type).where('target_id', '=', row.target_id)
      .where('role_id', '=', row.role_id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async exists(tx: Tx, row: AssignmentRow): Promise<boolean> {
    const found = await tx.db.selectFrom('identity_assignments').select('role_id')
      .where('actor_type', '=', row.actor_type).where('actor_id', '=', row.actor_id)
      .where('target_type', '=', row.target_type).where('target_id', '=', row.target_id)
      .where('role_id', '=', row.role_id).executeTakeFirst();
    return found !== undefined;
  }

  list(tx: Tx, filter: AssignmentFilter = {}): Promise<AssignmentRow[]> {
    if (filter.actors !== undefined && filter.actors.length === 0) return Promise.resolve([]);
    if (filter.target_ids !== undefined && filter.target_ids.length === 0) return Promise.resolve([]);
    if (filter.role_ids !== undefined && filter.role_ids.length === 0) return Promise.resolve([]);
    let query = tx.db.selectFrom('identity_assignments').selectAll();
    if (filter.actors !== undefined) {
      const actors = filter.actors;
      query = query.where((eb) => eb.or(actors.map((a) => eb.and([eb('actor_type', '=', a.type), eb('actor_id', '=', a.id)]))));
    }
    if (filter.target_type !== undefined) query = query.where('target_type', '=', filter.target_type);
    if (filter.target_ids !== undefined) query = query.where('target_id', 'in', [...filter.target_ids]);
    if (filter.role_ids !== undefined) query = query.where('role_id', 'in', [...filter.role_ids]);
    return query.orderBy('actor_type').orderBy('actor_id').orderBy('target_type').orderBy('target_id').orderBy('role_id').execute();
  }

  /** Removes every assignment of an actor (user or group deleted). */
  async deleteForActor(tx: Tx, type: ActorType, id: string): Promise<void> {
    await tx.db.deleteFrom('identity_assignments').where('actor_type', '=', type).where('actor_id', '=', id).execute();
  }

  /** Removes every assignment on a target (project or domain deleted). */
  async deleteForTarget(tx: Tx, type: TargetType, id: string): Promise<void> {
    await tx.db.deleteFrom('identity_assignments').where('target_type', '=', type).where('target_id', '=', id).execute();
  }
}
