import type { DialectName } from '../db.ts';
import { queryRow } from '../fast-sql.ts';
import type { Tx } from '../store.ts';
import type { Row } from './resource-repo.ts';

/**
 * What a port create reads before it writes, as one statement: its network's
 * row, the project's quota overrides and default security group, the
 * network's subnets (creation order) and whether a MAC is used on the
 * network. Nothing here decides who holds an address (free ranges,
 * reservations, allocations): those are read by IPAM after the statements
 * that lock them.
 */
export interface PortCreateContext {
  /** The network's row as `select *` reads it; undefined when there is no such network (nothing else is read then). */
  readonly network: Row | undefined;
  readonly quotaLimits: ReadonlyMap<string, number>;
  readonly defaultSecurityGroup: string | undefined;
  /** The subnets' columns that IPAM decodes (`SUBNET_COLUMNS`), ordered by creation. */
  readonly subnets: readonly Row[];
  readonly macTaken: boolean;
}

/** The subnet columns core/ipam/subnet-view.ts decodes. */
const SUBNET_COLUMNS = [
  'id', 'network_id', 'project_id', 'ip_version', 'cidr', 'gateway_ip', 'allocation_pools', 'ipv6_address_mode', 'ipv6_ra_mode',
  'service_types', 'enable_dhcp', 'subnetpool_id',
] as const;

/** The statement's columns besides the network's own. */
const EXTRA = ['__quota_limits', '__default_security_group', '__subnets', '__mac_taken'] as const;

/**
 * The statement per dialect: the network's row as any `select *` decodes
 * it, the other tables as scalar subqueries, the lists among them as JSON
 * text (`json_agg` / `json_group_array`).
 */
function statementFor(dialect: DialectName): string {
  const object = dialect === 'postgres' ? 'json_build_object' : 'json_object';
  const subnetObject = `${object}(${SUBNET_COLUMNS.map((c) => `'${c}', s."${c}"`).join(', ')})`;
  const limits = dialect === 'postgres'
    ? 'select json_agg(json_build_array(q."resource", q."limit"))::text from "quotas" q where q."project_id" = ?'
    : 'select json_group_array(json_array(q."resource", q."limit")) from "quotas" q where q."project_id" = ?';
  const subnets = dialect === 'postgres'
    ? `select json_agg(${subnetObject} order by s."created_seq", s."id")::text from "subnets" s where s."network_id" = n."id"`
    : `select json_group_array(json(o)) from (select ${subnetObject} as o from "subnets" s where s."network_id" = n."id" order by s."created_seq", s."id")`;
  return `select n.*, (${limits}) as "${EXTRA[0]}", `
    + `(select d."security_group_id" from "default_security_groups" d where d."project_id" = ?) as "${EXTRA[1]}", `
    + `(${subnets}) as "${EXTRA[2]}", `
    + `(case when exists (select 1 from "ports" p where p."network_id" = n."id" and p."mac_address" = ?) then 1 else 0 end) as "${EXTRA[3]}" `
    + 'from "networks" n where n."id" = ?';
}

const STATEMENTS: Readonly<Record<DialectName, string>> = { postgres: statementFor('postgres'), sqlite: statementFor('sqlite') };

/**
 * Reads a port create's context in one statement instead of five. Plain
 * reads, as stale as the five separate statements would be: what they
 * decide is still guarded by the database at write time (foreign keys, the
 * (network, MAC) unique key, the default group's primary key).
 */
export async function readPortCreateContext(tx: Tx, networkId: string, projectId: string, mac: string): Promise<PortCreateContext> {
  const row = await queryRow(tx, STATEMENTS[tx.dialect], [projectId, projectId, mac, networkId]);
  if (row === undefined) return { network: undefined, quotaLimits: new Map(), defaultSecurityGroup: undefined, subnets: [], macTaken: false };
  const network: Row = { ...row };
  for (const column of EXTRA) delete network[column];
  const limits = JSON.parse(String(row.__quota_limits ?? '[]')) as Array<[string, number]>;
  return {
    network,
    quotaLimits: new Map(limits.map(([resource, limit]) => [resource, Number(limit)])),
    defaultSecurityGroup: (row.__default_security_group as string | null) ?? undefined,
    subnets: JSON.parse(String(row.__subnets ?? '[]')) as Row[],
    macTaken: Number(row.__mac_taken) === 1,
  };
}
