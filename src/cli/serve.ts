import pino from 'pino';
import { buildServer } from '../api/server.ts';
import type { Config } from '../config/schema.ts';
import { coreDesiredState } from '../core/driver-state.ts';
import { createServices } from '../core/services.ts';
import { createOvnDriver } from '../drivers/ovn/index.ts';
import { migrate, openDatabase } from '../store/db.ts';
import { Store } from '../store/store.ts';
import { bootstrapAndWriteClouds, identityFor } from './identity-setup.ts';

/** Opens the store, migrates (expand), syncs segment ranges, listens; stops cleanly on SIGINT/SIGTERM. */
export async function startServer(config: Readonly<Config>): Promise<void> {
  const logger = pino({ level: config.logLevel });
  const database = openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize, onIdleError: (error) => logger.warn({ err: error }, 'database connection lost; reconnecting on demand') });
  await migrate(database.db, 'expand');
  const store = new Store(database);
  const services = createServices(store, config);
  await store.transaction((tx) => services.segments.sync(tx));
  const identity = config.auth === 'embedded' ? identityFor(store, config) : undefined;
  if (identity) await bootstrapAndWriteClouds(identity, config, (line) => console.log(line));
  if (config.auth === 'noauth') logger.warn('MUON_AUTH=noauth: requests are trusted as their X-Project-Id and X-Roles headers say. Listen on loopback only.');
  const app = buildServer(config, { services, identity, logger: { level: config.logLevel } });
  const [host, port] = splitListen(config.listen);
  await app.listen({ host, port });
  logger.info(`muon serving the Networking API on http://${config.listen} (database ${redact(config.databaseUrl)})`);
  services.ipamMaintenance.start((error) => logger.warn({ err: error }, 'IPAM sweep failed; retrying at the next interval'));
  const ovn = config.ovnNbConnection === undefined ? undefined : createOvnDriver(config.ovnNbConnection, coreDesiredState(services), (event) => {
    if (event.type === 'reconcile-failed' || event.type === 'feed-failed') logger.warn({ err: event.error, key: 'key' in event ? event.key : undefined }, `OVN driver: ${event.type}`);
    else logger.info(`OVN driver: ${event.type}${event.detail ? ` (${event.detail})` : ''}`);
  }, { gatewayChassis: config.ovnGatewayChassis?.split(',') ?? [], sbConnection: config.ovnSbConnection });
  // The first resync runs in the background: the API serves while OVN is still unreachable.
  ovn?.start().catch((error) => logger.error({ err: error }, 'OVN driver failed to start'));
  const stop = async () => {
    await ovn?.stop();
    services.ipamMaintenance.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function splitListen(listen: string): [string, number] {
  const at = listen.lastIndexOf(':');
  return [listen.slice(0, at).replace(/^\[|\]$/g, ''), Number(listen.slice(at + 1))];
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
