import { sql, type Kysely } from 'kysely';
import { cidrFirst, cidrLast, parseCidr } from '../../../ipam/cidr.ts';
import { IntervalSet } from '../../../ipam/interval-set.ts';
import { valueToHex } from '../../../ipam/ip-address.ts';
import { logChangesOf } from '../change-log-triggers.ts';

/**
 * Expand 0008 (issue "Service-provider-grade IPAM", block assignment):
 *
 * - `ip_blocks`: prefixes of a subnet pool given to a project (optionally
 *   routed to a port), the way bare-metal providers assign "elastic" blocks;
 * - the free space of every subnet pool as intervals in `free_ranges`
 *   (pool `subnetpool:<id>`): its prefixes minus the prefixes of its subnets.
 *   From now on subnets and blocks are carved from these intervals, so the
 *   cost of finding room no longer grows with what the pool has given out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('ip_blocks').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('subnetpool_id', 'varchar(36)', (c) => c.notNull().references('subnetpools.id'))
    .addColumn('ip_version', 'integer', (c) => c.notNull())
    .addColumn('cidr', 'varchar(64)', (c) => c.notNull())
    .addColumn('prefixlen', 'integer', (c) => c.notNull())
    .addColumn('first_hex', 'char(32)', (c) => c.notNull())
    .addColumn('last_hex', 'char(32)', (c) => c.notNull())
    // A deleted port stops being the block's route target without a statement of the port delete's own.
    .addColumn('port_id', 'varchar(36)', (c) => c.references('ports.id').onDelete('set null'))
    .addColumn('purpose', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ip_blocks_pool').ifNotExists().on('ip_blocks').columns(['subnetpool_id', 'first_hex']).execute();
  await db.schema.createIndex('ip_blocks_project').ifNotExists().on('ip_blocks').column('project_id').execute();
  await db.schema.createIndex('ip_blocks_port').ifNotExists().on('ip_blocks').column('port_id').execute();
  await logChangesOf(db, 'ip_blocks', 'ip_block');

  const pools = await sql<{ id: string; prefixes: string }>`select "id", "prefixes" from "subnetpools"`.execute(db);
  for (const pool of pools.rows) {
    const key = `subnetpool:${pool.id}`;
    const seeded = await sql`select 1 from "free_ranges" where "pool" = ${key} limit 1`.execute(db);
    if (seeded.rows.length > 0) continue;
    const subnets = await sql<{ cidr: string }>`select "cidr" from "subnets" where "subnetpool_id" = ${pool.id}`.execute(db);
    const range = (text: string) => { const c = parseCidr(text, { strict: false })!; return { first: cidrFirst(c), last: cidrLast(c) }; };
    const free = IntervalSet.of((JSON.parse(pool.prefixes) as string[]).map(range)).subtract(IntervalSet.of(subnets.rows.map((s) => range(s.cidr))));
    for (const r of free.ranges()) {
      await sql`insert into "free_ranges" ("pool", "first_hex", "last_hex") values (${key}, ${valueToHex(r.first)}, ${valueToHex(r.last)})`.execute(db);
    }
  }
}
