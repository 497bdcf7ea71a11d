import { readFileSync } from 'node:fs';
import { CompiledQuery } from 'kysely';

/** Anything that runs a compiled query (a Kysely instance, a transaction). */
export interface QueryRunner { executeQuery: (q: CompiledQuery) => Promise<{ rows: unknown[] }> }

/**
 * CPU seconds so far of the PostgreSQL backends whose `application_name` is `application`, read
 * from /proc (the benchmarks run PostgreSQL on this machine). Backends that ended are not counted.
 */
export async function backendCpu(db: QueryRunner, application: string): Promise<number> {
  const result = await db.executeQuery(CompiledQuery.raw('select pid from pg_stat_activity where application_name = $1', [application]));
  let seconds = 0;
  for (const { pid } of result.rows as Array<{ pid: number }>) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      seconds += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch { /* a backend that ended */ }
  }
  return seconds;
}
