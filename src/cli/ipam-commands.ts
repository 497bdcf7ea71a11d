import type { Command } from 'commander';
import { buildServer } from '../api/server.ts';
import { loadConfig } from '../config/load.ts';
import { createServices } from '../core/services.ts';
import { migrate, openDatabase } from '../store/db.ts';
import { Store } from '../store/store.ts';

interface DbOption { databaseUrl?: string; json?: boolean }
type Answer = { status: number; body: Record<string, unknown> };
type Call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => Promise<Answer>;

/**
 * `muon ipam …`: reservations, IP blocks, address history and usage reports
 * for operators, straight on the database (MUON_DATABASE_URL or
 * --database-url), no server and no token needed. Each command is one request
 * to the same API routes a client uses, answered in-process as the cloud
 * administrator — so the validation, the rules and the NeutronErrors are
 * exactly the API's, and what a command does is what the API documents.
 */
export function addIpamCommands(program: Command): void {
  const ipam = program.command('ipam').description('IP address management: reservations, blocks, history and usage (as the cloud admin)');
  const withDb = (cmd: Command) => cmd.option('--database-url <url>', 'sqlite:PATH or postgres://… (MUON_DATABASE_URL)').option('--json', 'print the API answer as JSON');

  const reservation = ipam.command('reservation').description('hold addresses of a subnet for a project, without a port');
  withDb(reservation.command('create').description('reserve one address, a range or a prefix of a subnet'))
    .requiredOption('--subnet <id>', 'the subnet').option('--project <id>', 'the project the addresses are held for')
    .option('--ip-address <ip>', 'one address').option('--start <ip>', 'first address of a range').option('--end <ip>', 'last address of a range')
    .option('--cidr <prefix>', 'a prefix inside the subnet').option('--purpose <text>', 'why they are held')
    .option('--expires-at <time>', 'ISO 8601 time at which the reservation ends by itself')
    .action((o: DbOption & { subnet: string; project?: string; ipAddress?: string; start?: string; end?: string; cidr?: string; purpose?: string; expiresAt?: string }) =>
      run(o, (call) => call('POST', '/v2.0/ip-reservations', { ip_reservation: defined({
        subnet_id: o.subnet, project_id: o.project, ip_address: o.ipAddress, start_ip_address: o.start, end_ip_address: o.end,
        cidr: o.cidr, purpose: o.purpose, expires_at: o.expiresAt,
      }) }), RESERVATION_COLUMNS));
  withDb(reservation.command('list').description('list reservations')).option('--subnet <id>', 'of one subnet').option('--project <id>', 'of one project')
    .action((o: DbOption & { subnet?: string; project?: string }) =>
      run(o, (call) => call('GET', `/v2.0/ip-reservations${query({ subnet_id: o.subnet, project_id: o.project })}`), RESERVATION_COLUMNS));
  withDb(reservation.command('delete <id>').description('end a reservation: its addresses return to the pool'))
    .action((id: string, o: DbOption) => run(o, (call) => call('DELETE', `/v2.0/ip-reservations/${encodeURIComponent(id)}`), []));

  const block = ipam.command('block').description('whole prefixes of a subnet pool given to a project');
  withDb(block.command('create').description('carve a block out of a subnet pool'))
    .requiredOption('--subnetpool <id>', 'the pool').option('--prefixlen <n>', 'the size of the block (lowest free fit)').option('--cidr <prefix>', 'a specific block')
    .option('--project <id>', 'the project it is given to').option('--port <id>', 'the port it is routed to').option('--purpose <text>', 'what it is for')
    .action((o: DbOption & { subnetpool: string; prefixlen?: string; cidr?: string; project?: string; port?: string; purpose?: string }) =>
      run(o, (call) => call('POST', '/v2.0/ip-blocks', { ip_block: defined({
        subnetpool_id: o.subnetpool, prefixlen: o.prefixlen === undefined ? undefined : Number(o.prefixlen), cidr: o.cidr,
        project_id: o.project, port_id: o.port, purpose: o.purpose,
      }) }), BLOCK_COLUMNS));
  withDb(block.command('list').description('list blocks')).option('--subnetpool <id>', 'of one pool').option('--project <id>', 'of one project')
    .action((o: DbOption & { subnetpool?: string; project?: string }) =>
      run(o, (call) => call('GET', `/v2.0/ip-blocks${query({ subnetpool_id: o.subnetpool, project_id: o.project })}`), BLOCK_COLUMNS));
  withDb(block.command('delete <id>').description('take a block back into its pool'))
    .action((id: string, o: DbOption) => run(o, (call) => call('DELETE', `/v2.0/ip-blocks/${encodeURIComponent(id)}`), []));

  withDb(ipam.command('history').description('who held an address (or what a project, port or device held), optionally at a time'))
    .option('--address <ip>', 'the address').option('--project <id>', 'a project').option('--port <id>', 'a port').option('--device <id>', 'a device')
    .option('--subnet <id>', 'a subnet').option('--at <time>', 'holdings covering this instant (ISO 8601, UTC)')
    .option('--since <time>', 'holdings overlapping [since, until]').option('--until <time>', 'see --since')
    .action((o: DbOption & { address?: string; project?: string; port?: string; device?: string; subnet?: string; at?: string; since?: string; until?: string }) =>
      run(o, (call) => call('GET', `/v2.0/ip-address-history${query({
        ip_address: o.address, project_id: o.project, port_id: o.port, device_id: o.device, subnet_id: o.subnet, at: o.at, since: o.since, until: o.until,
      })}`), ['ip_address', 'project_id', 'port_id', 'device_id', 'mac_address', 'held_from', 'held_until']));

  withDb(ipam.command('usage <report> [id]').description('utilisation report: subnet | subnetpool | address-scope | project'))
    .action((report: string, id: string | undefined, o: DbOption) => {
      if (!['subnet', 'subnetpool', 'address-scope', 'project'].includes(report)) throw new Error(`unknown report "${report}": subnet, subnetpool, address-scope or project`);
      return run(o, (call) => call('GET', `/v2.0/${report}-ip-usages${id ? `/${encodeURIComponent(id)}` : ''}`),
        [`${report.replace('-', '_')}_id`, 'name', 'cidr', 'total_ips', 'used_ips', 'port_ips', 'reserved_ips', 'free_ips', 'largest_free_block', 'utilization', 'warning']);
    });
}

const RESERVATION_COLUMNS = ['id', 'subnet_id', 'project_id', 'start_ip_address', 'end_ip_address', 'purpose', 'expires_at'];
const BLOCK_COLUMNS = ['id', 'subnetpool_id', 'cidr', 'project_id', 'port_id', 'purpose'];

/** Opens the database, answers one admin request in-process, prints it; exit code 1 on an error answer. */
async function run(options: DbOption, request: (call: Call) => Promise<Answer>, columns: readonly string[]): Promise<void> {
  const config = loadConfig({ databaseUrl: options.databaseUrl, auth: 'noauth' });
  const database = openDatabase(config.databaseUrl);
  try {
    await migrate(database.db, 'expand');
    const services = createServices(new Store(database), config);
    const app = buildServer(config, { services, logger: { level: 'fatal' } });
    const call: Call = async (method, url, body) => {
      const answer = await app.inject({
        method, url, payload: body === undefined ? undefined : JSON.stringify(body),
        headers: { 'x-project-id': 'admin', 'x-roles': 'admin,member,reader', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      });
      return { status: answer.statusCode, body: answer.body === '' ? {} : JSON.parse(answer.body) as Record<string, unknown> };
    };
    const answer = await request(call);
    await app.close();
    if (answer.status >= 400) {
      const error = (answer.body.NeutronError ?? {}) as { type?: string; message?: string };
      console.error(`muon: ${error.type ?? answer.status}: ${error.message ?? ''}`);
      process.exitCode = 1;
    } else if (options.json) {
      console.log(JSON.stringify(answer.body, null, 2));
    } else {
      printRecords(answer.body, columns);
    }
  } finally {
    await database.close();
  }
}

/** Prints the one record or the list of records of an answer as aligned columns. */
function printRecords(body: Record<string, unknown>, columns: readonly string[]): void {
  const value = Object.values(body).find((v) => typeof v === 'object' && v !== null);
  if (value === undefined) return;
  const records = (Array.isArray(value) ? value : [value]) as Array<Record<string, unknown>>;
  const shown = columns.filter((c) => records.some((r) => c in r));
  const cells = [shown, ...records.map((r) => shown.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))))];
  const widths = shown.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  for (const row of cells) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}

function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined));
  return params.size > 0 ? `?${params.toString()}` : '';
}
