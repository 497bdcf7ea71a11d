import cluster, { type Worker } from 'node:cluster';
import pino, { type Logger } from 'pino';
import { buildServer } from '../api/server.ts';
import type { Config } from '../config/schema.ts';
import { coreDesiredState } from '../core/driver-state.ts';
import { createServices, type Services } from '../core/services.ts';
import { createOvnDriver } from '../drivers/ovn/index.ts';
import { migrate, openDatabase, type StoreDatabase } from '../store/db.ts';
import { Store } from '../store/store.ts';
import type { Identity } from '../identity/identity.ts';
import { bootstrapAndWriteClouds, identityFor } from './identity-setup.ts';

/** One process's muon: its database, store, services and (embedded auth) identity service. */
interface Runtime {
  readonly logger: Logger;
  readonly database: StoreDatabase;
  readonly store: Store;
  readonly services: Services;
  readonly identity: Identity | undefined;
}

/**
 * Runs the server; stops cleanly on SIGINT/SIGTERM. One process by default. With
 * `apiWorkers` > 1 (PostgreSQL only) this process becomes the primary: it prepares the database
 * and runs the once-per-server duties (IPAM sweeps, the OVN driver), and N worker processes
 * serve the API on the shared socket — the way Neutron runs `api_workers`.
 */
export async function startServer(config: Readonly<Config>): Promise<void> {
  if (config.apiWorkers > 1) return cluster.isPrimary ? startPrimary(config) : startWorker(config);
  const runtime = open(config);
  await prepareDatabase(runtime, config);
  const app = await serveApi(runtime, config);
  runtime.logger.info(`muon serving the Networking API on http://${config.listen} (database ${redact(config.databaseUrl)})`);
  const stopDuties = startDuties(runtime, config);
  onStopSignal(async () => {
    await stopDuties();
    await app.close();
    await runtime.database.close();
  });
}

/** The primary of a multi-process server: prepares, forks the workers, replaces any that dies. */
async function startPrimary(config: Readonly<Config>): Promise<void> {
  const runtime = open(config);
  await prepareDatabase(runtime, config);
  let stopping = false;
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.once('exit', (code, signal) => {
      // A clean exit is a worker told to stop (e.g. Ctrl-C reaches the whole process group).
      if (stopping || code === 0) return;
      runtime.logger.error(`API worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
      fork();
    });
    return worker;
  };
  const workers = Array.from({ length: config.apiWorkers }, fork);
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('listening', resolve))));
  runtime.logger.info(`muon serving the Networking API on http://${config.listen} with ${config.apiWorkers} worker processes (database ${redact(config.databaseUrl)})`);
  const stopDuties = startDuties(runtime, config);
  onStopSignal(async () => {
    stopping = true;
    const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    await Promise.all(live.map((worker) => new Promise((resolve) => {
      worker.once('exit', resolve);
      worker.process.kill('SIGTERM');
    })));
    await stopDuties();
    await runtime.database.close();
  });
}

/** A worker of a multi-process server: only the API (the primary migrated and runs the duties). */
async function startWorker(config: Readonly<Config>): Promise<void> {
  const runtime = open(config);
  const app = await serveApi(runtime, config);
  onStopSignal(async () => {
    await app.close();
    await runtime.database.close();
  });
}

function open(config: Readonly<Config>): Runtime {
  const logger = pino({ level: config.logLevel });
  const database = openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize, onIdleError: (error) => logger.warn({ err: error }, 'database connection lost; reconnecting on demand') });
  const store = new Store(database);
  const identity = config.auth === 'embedded' ? identityFor(store, config) : undefined;
  return { logger, database, store, services: createServices(store, config), identity };
}

/** Once per start, before anything serves: migrations (expand), segment ranges, the identity bootstrap. */
async function prepareDatabase({ logger, database, store, services, identity }: Runtime, config: Readonly<Config>): Promise<void> {
  await migrate(database.db, 'expand');
  await store.transaction((tx) => services.segments.sync(tx));
  if (identity) await bootstrapAndWriteClouds(identity, config, (line) => console.log(line));
  if (config.auth === 'noauth') logger.warn('MUON_AUTH=noauth: requests are trusted as their X-Project-Id and X-Roles headers say. Listen on loopback only.');
}

async function serveApi({ services, identity }: Runtime, config: Readonly<Config>): Promise<ReturnType<typeof buildServer>> {
  const app = buildServer(config, { services, identity, logger: { level: config.logLevel } });
  const [host, port] = splitListen(config.listen);
  await app.listen({ host, port });
  return app;
}

/** What one server does besides the API, once: IPAM sweeps and the OVN driver. Returns how to stop them. */
function startDuties({ logger, services }: Runtime, config: Readonly<Config>): () => Promise<void> {
  services.ipamMaintenance.start((error) => logger.warn({ err: error }, 'IPAM sweep failed; retrying at the next interval'));
  const ovn = config.ovnNbConnection === undefined ? undefined : createOvnDriver(config.ovnNbConnection, coreDesiredState(services), (event) => {
    if (event.type === 'reconcile-failed' || event.type === 'feed-failed') logger.warn({ err: event.error, key: 'key' in event ? event.key : undefined }, `OVN driver: ${event.type}`);
    else logger.info(`OVN driver: ${event.type}${event.detail ? ` (${event.detail})` : ''}`);
  }, { gatewayChassis: config.ovnGatewayChassis?.split(',') ?? [], sbConnection: config.ovnSbConnection });
  // The first resync runs in the background: the API serves while OVN is still unreachable.
  ovn?.start().catch((error) => logger.error({ err: error }, 'OVN driver failed to start'));
  return async () => {
    await ovn?.stop();
    services.ipamMaintenance.stop();
  };
}

function onStopSignal(stop: () => Promise<void>): void {
  const once = async () => {
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', once);
  process.once('SIGTERM', once);
}

function splitListen(listen: string): [string, number] {
  const at = listen.lastIndexOf(':');
  return [listen.slice(0, at).replace(/^\[|\]$/g, ''), Number(listen.slice(at + 1))];
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
