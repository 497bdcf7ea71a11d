import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../change-log-triggers.ts';

/**
 * Expand 0004 (PostgreSQL only): `muon_hex_pred(hex)`, the predecessor of a
 * free_ranges key (32 lower-case hex digits, a 128-bit value). With it,
 * taking an address from the top of a free chunk is one statement
 * (`UPDATE … SET last_hex = muon_hex_pred(last_hex) … RETURNING`) instead of
 * a locking SELECT and an UPDATE: one round trip less per port create.
 * SQLite runs in-process, where a round trip costs nothing, and keeps the
 * two statements.
 *
 * Decrementing hex text: the last non-zero digit goes down by one, the zeros
 * after it become f's (…3a00 → …39ff). Keys of 0 are never decremented
 * (the caller only shrinks chunks whose last is above their first).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql.raw(`
create or replace function muon_hex_pred(h text) returns text immutable strict language sql as $$
  select substr(h, 1, length(rtrim(h, '0')) - 1)
      || translate(substr(h, length(rtrim(h, '0')), 1), '123456789abcdef', '0123456789abcde')
      || repeat('f', length(h) - length(rtrim(h, '0')))
$$`).execute(db);
}
