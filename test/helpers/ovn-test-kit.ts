import { spawnSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import type { DesiredState } from '../../src/drivers/driver.ts';
import { createOvnDriver } from '../../src/drivers/ovn/index.ts';
import { assertSameNb, dumpNb } from './nb-dump.ts';
import { startOvsdbServer, type OvsdbServer } from './ovsdb-server.ts';

/** ovn-nbctl or ovn-sbctl against a private server; throws with its stderr on failure. */
export function ovnctl(tool: 'ovn-nbctl' | 'ovn-sbctl', server: OvsdbServer, ...args: string[]): string {
  const run = spawnSync(tool, [`--db=${server.remote}`, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${tool} ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

/** ovn-nbctl against a private server; throws with its stderr on failure. */
export function nbctl(server: OvsdbServer, ...args: string[]): string {
  return ovnctl('ovn-nbctl', server, ...args);
}

/** Polls `check` until it holds (drift repair is asynchronous). */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls until `read()` deep-equals `wanted`. */
export async function eventuallyEqual(what: string, read: () => Promise<unknown>, wanted: unknown, timeoutMs?: number): Promise<void> {
  await eventually(what, async () => isDeepStrictEqual(await read(), wanted), timeoutMs);
}

/**
 * The check every OVN driver test ends with: a driver started on an empty
 * northbound database (a full resync) writes exactly the rows the stream of
 * incremental reconciles left behind (`incremental`, a dump of `tables`).
 */
export async function assertFreshResyncEquals(state: DesiredState, incremental: Record<string, unknown[]>, tables?: readonly string[]): Promise<void> {
  const fresh = await startOvsdbServer();
  const resynced = createOvnDriver(fresh.remote, state);
  try {
    await resynced.start();
    assertSameNb(incremental, await dumpNb(fresh.remote, tables));
  } finally {
    await resynced.stop();
    await fresh.destroy();
  }
}
