import { Command } from 'commander';
import { loadConfig, type ConfigError } from '../config/load.ts';
import { addIdentityCommands } from './identity-commands.ts';
import { addAgentCommand } from './agent-command.ts';
import { addIpamCommands } from './ipam-commands.ts';
import { addOvnCommands } from './ovn-commands.ts';
import { addSandboxCommands } from './sandbox-commands.ts';
import { startServer } from './serve.ts';
import { openDatabase, migrate } from '../store/db.ts';

/** `muon <command>`: the single entry point (DESIGN.md §1). */
const program = new Command('muon').description('OpenStack Networking API v2.0 service');

program.command('serve')
  .description('run the API server (migrates the database forward first)')
  .option('--listen <host:port>', 'address to listen on (MUON_LISTEN)')
  .option('--database-url <url>', 'sqlite:PATH or postgres://… (MUON_DATABASE_URL)')
  .option('--auth <mode>', 'embedded | noauth | keystone:<url> (MUON_AUTH)')
  .option('--workers <n>', 'API server processes sharing the port; more than 1 needs PostgreSQL (MUON_API_WORKERS)')
  .action(async (options: { listen?: string; databaseUrl?: string; auth?: string; workers?: string }) => {
    const apiWorkers = options.workers === undefined ? undefined : Number(options.workers);
    const config = loadConfig({ listen: options.listen, databaseUrl: options.databaseUrl, auth: options.auth, apiWorkers });
    await startServer(config);
  });

program.command('migrate')
  .description('apply database migrations: expand (default, safe while old servers run) or contract')
  .option('--database-url <url>', 'sqlite:PATH or postgres://… (MUON_DATABASE_URL)')
  .option('--contract', 'run the contract phase (only once every server runs this release)')
  .action(async (options: { databaseUrl?: string; contract?: boolean }) => {
    const config = loadConfig({ databaseUrl: options.databaseUrl });
    const database = openDatabase(config.databaseUrl);
    const result = await migrate(database.db, options.contract ? 'contract' : 'expand');
    for (const r of result.results ?? []) console.log(`${r.direction} ${r.migrationName}: ${r.status}`);
    if ((result.results ?? []).length === 0) console.log('nothing to migrate');
    await database.close();
  });

addIdentityCommands(program);
addIpamCommands(program);
addOvnCommands(program);
addAgentCommand(program);
addSandboxCommands(program);

program.parseAsync().catch((error: Error | ConfigError) => {
  console.error(`muon: ${error.message}`);
  process.exit(1);
});
