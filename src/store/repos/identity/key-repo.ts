import type { Tx } from '../../store.ts';

/** Secrets shared by every API server that uses the database (the token signing key). */
export class KeyRepo {
  /**
   * The secret stored under `id`; when there is none, stores `candidate`
   * first. Safe when several servers start at once: the first insert wins
   * and every server reads the same value back.
   */
  async getOrCreate(tx: Tx, id: string, candidate: string, now: string): Promise<string> {
    await tx.db.insertInto('identity_keys').values({ id, secret: candidate, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing()).execute();
    const row = await tx.db.selectFrom('identity_keys').select('secret').where('id', '=', id).executeTakeFirstOrThrow();
    return row.secret;
  }
}
