import { cidrContainsAddress, cidrFirst, cidrLast, formatCidr, parseCidr } from '../../ipam/cidr.ts';
import type { Range } from '../../ipam/interval-set.ts';
import { formatIpAddress, parseIpAddress, valueToHex } from '../../ipam/ip-address.ts';
import { inValueList, queryRows, valueList } from '../../store/fast-sql.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { InvalidInput, SubnetNotFound } from '../errors.ts';
import type { CoreRepos } from '../repos.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import type { IpamDriver } from './ipam-driver.ts';
import { isAutoAddressSubnet, subnetViewOf, type SubnetView } from './subnet-view.ts';

/**
 * IP reservations: the requested addresses (one of ip_address, cidr,
 * start/end) are checked against the subnet and taken out of its free space
 * by the IPAM driver in the request's transaction — so a reservation either
 * holds all its addresses or fails with 409 and holds none. Deleting one
 * gives back the addresses no port borrowed.
 */
export function ipReservationHooks(repos: CoreRepos, ipam: IpamDriver): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      const subnet = await subnetFor(tx, repos, ctx, String(values.subnet_id));
      const range = requestedRange(subnet, values);
      if (values.expires_at !== null && values.expires_at !== undefined && String(values.expires_at) <= tx.now) {
        throw new InvalidInput(`expires_at ${String(values.expires_at)} is not in the future`);
      }
      await ipam.reserve(tx, subnet, range);
      values.ip_version = subnet.ipVersion;
      values.start_ip_address = formatIpAddress({ version: subnet.ipVersion, value: range.first });
      values.end_ip_address = formatIpAddress({ version: subnet.ipVersion, value: range.last });
      values.cidr ??= null;
      values.first_hex = valueToHex(range.first);
      values.last_hex = valueToHex(range.last);
      delete values.ip_address;
    },

    async beforeUpdate(tx, _ctx, _current, changes) {
      if (changes.expires_at !== undefined && changes.expires_at !== null && String(changes.expires_at) <= tx.now) {
        throw new InvalidInput(`expires_at ${String(changes.expires_at)} is not in the future`);
      }
    },

    async beforeDelete(tx, _ctx, current) {
      const row = await repos.subnets.get(tx, String(current.subnet_id));
      if (row) await ipam.unreserve(tx, subnetViewOf(row), rangeOf(current));
    },

    async extend(tx, _ctx, records) {
      const lent = await lentAddresses(tx, records.map((r) => String(r.id)));
      for (const record of records) {
        record.total_ips = sizeOf(record);
        record.used_ips = lent.get(String(record.id)) ?? 0;
      }
    },

    extendCreated(records) {
      for (const record of records) {
        record.total_ips = sizeOf(record);
        record.used_ips = 0;
      }
    },
  };
}

/** The reservation's addresses from its stored keys. */
export function rangeOf(row: { readonly first_hex?: unknown; readonly last_hex?: unknown }): Range {
  return { first: BigInt(`0x${String(row.first_hex)}`), last: BigInt(`0x${String(row.last_hex)}`) };
}

/** The subnet a reservation is for, locked (pools cannot change meanwhile); 404 for subnets of other projects unless admin. */
async function subnetFor(tx: Tx, repos: CoreRepos, ctx: RequestContext, subnetId: string): Promise<SubnetView> {
  const row = await repos.subnets.get(tx, subnetId, { forUpdate: true });
  if (!row || !(ctx.isAdmin || row.project_id === ctx.projectId)) throw new SubnetNotFound(subnetId);
  const subnet = subnetViewOf(row);
  if (isAutoAddressSubnet(subnet)) {
    throw new InvalidInput(`subnet ${subnet.id} has ${String(subnet.ipv6AddressMode)} address mode: its addresses derive from MACs and cannot be reserved`);
  }
  return subnet;
}

/** Exactly one of ip_address, cidr, start_ip_address[+end_ip_address], as a range inside the subnet. */
function requestedRange(subnet: SubnetView, values: ResourceRecord): Range {
  const given = ['ip_address', 'cidr', 'start_ip_address'].filter((k) => values[k] !== undefined && values[k] !== null);
  if (given.length !== 1) throw new InvalidInput('give exactly one of ip_address, cidr or start_ip_address (with end_ip_address)');
  if (values.end_ip_address !== undefined && values.start_ip_address === undefined) throw new InvalidInput('end_ip_address needs start_ip_address');
  let range: Range;
  if (values.cidr !== undefined && values.cidr !== null) {
    const cidr = parseCidr(String(values.cidr), { strict: false })!;
    values.cidr = formatCidr(cidr);
    range = { first: cidrFirst(cidr), last: cidrLast(cidr) };
    checkVersion(subnet, cidr.version, String(values.cidr));
  } else {
    const first = address(subnet, String(values.ip_address ?? values.start_ip_address));
    const last = values.end_ip_address === undefined ? first : address(subnet, String(values.end_ip_address));
    if (last < first) throw new InvalidInput(`end_ip_address ${String(values.end_ip_address)} is below start_ip_address ${String(values.start_ip_address)}`);
    range = { first, last };
  }
  const inside = (value: bigint) => cidrContainsAddress(subnet.cidr, { version: subnet.ipVersion, value });
  if (!inside(range.first) || !inside(range.last)) throw new InvalidInput(`the reserved addresses must be inside subnet ${subnet.id} (${formatCidr(subnet.cidr)})`);
  return range;
}

function address(subnet: SubnetView, text: string): bigint {
  const ip = parseIpAddress(text)!;
  checkVersion(subnet, ip.version, text);
  return ip.value;
}

function checkVersion(subnet: SubnetView, version: number, text: string): void {
  if (version !== subnet.ipVersion) throw new InvalidInput(`${text} is not an IPv${subnet.ipVersion} address of subnet ${subnet.id}`);
}

function sizeOf(record: ResourceRecord): number {
  const { first, last } = rangeOf(record);
  return Number(last - first + 1n);
}

/** How many addresses of each reservation ports hold (one statement for the whole list). */
async function lentAddresses(tx: Tx, ids: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (ids.length === 0) return out;
  const rows = await queryRows<{ id: string; n: number | string }>(tx,
    `select r."id", count(*) as n from "ip_reservations" r join "ip_allocations" a
      on a."subnet_id" = r."subnet_id" and a."ip_hex" >= r."first_hex" and a."ip_hex" <= r."last_hex"
      where ${inValueList(tx, 'r."id"')} group by r."id"`, [valueList(tx, ids)]);
  for (const row of rows) out.set(row.id, Number(row.n));
  return out;
}
