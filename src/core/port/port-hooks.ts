import { toSanitizedMac } from '../../definitions/validators/index.ts';
import { eui64Address } from '../../ipam/eui64.ts';
import { formatIpAddress } from '../../ipam/ip-address.ts';
import { generateMacAddress } from '../../ipam/mac-address.ts';
import type { ExtraDhcpOpt, ExtraDhcpOptRepo } from '../../store/repos/extra-dhcp-opt-repo.ts';
import type { FixedIp } from '../../store/repos/ip-allocation-repo.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import { queryRows } from '../../store/fast-sql.ts';
import { readPortCreateContext } from '../../store/repos/port-create-context-repo.ts';
import { quotaLimitsKey } from '../../store/repos/quota-repo.ts';
import { defaultGroupKey } from '../../store/repos/security-group-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { Policy } from '../../policy/policy.ts';
import type { RequestContext } from '../context.ts';
import { Conflict, MacAddressGenerationFailure, MacAddressInUse, NetworkNotFound, SubnetNotFound } from '../errors.ts';
import type { FixedIpRequest, IpAllocator, PortIdentity } from '../ipam/ip-allocator.ts';
import { isAutoAddressSubnet, subnetViewOf, type SubnetView } from '../ipam/subnet-view.ts';
import { networkRowKey, networkRowOf, networkRowsOf } from '../network/network-lookup.ts';
import type { CoreRepos } from '../repos.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { dnsAssignment } from './dns-assignment.ts';
import { parseFixedIpsFilter } from './fixed-ips-filter.ts';

export interface PortSettings { readonly baseMac: string; readonly dnsDomain: string }

/** Port security must be on for allowed address pairs (Neutron's AddressPairAndPortSecurityRequired). */
export class AddressPairAndPortSecurityRequired extends Conflict {
  constructor() { super('Port Security must be enabled in order to have allowed address pairs on a port.'); }
}

/**
 * Ports: MAC generation (unique per network), fixed IPs through IPAM,
 * port-security defaults, extra DHCP options, binding defaults and
 * dns_assignment.
 */
export function portHooks(repos: CoreRepos, ips: IpAllocator, opts: ExtraDhcpOptRepo, settings: PortSettings, policy: Policy): ResourceHooks {
  // Every port create and delete reads its network's subnets: fixed SQL, not the generic list
  // (a create finds them read ahead: a port create changes no subnet).
  const subnetsOf = async (tx: Tx, networkId: string): Promise<SubnetView[]> =>
    (tx.memo.get(subnetsKey(networkId)) as SubnetView[] | undefined)
      ?? (await queryRows(tx, 'select * from "subnets" where "network_id" = ? order by "created_seq", "id"', [networkId])).map(subnetViewOf);

  /** What the create hooks learnt, for rendering the new port without re-reading it. */
  const created = new WeakMap<ResourceRecord, { fixedIps: FixedIp[]; networkDnsDomain: string }>();

  return {
    readAhead: (tx, _ctx, items) => readCreateContext(tx, items, settings.baseMac),

    async beforeCreate(tx, ctx, values) {
      const network = await networkForPort(tx, repos, String(values.network_id));
      created.set(values, { fixedIps: [], networkDnsDomain: String(network.dns_domain ?? '') });
      values.mac_address = values.mac_address === undefined || values.mac_address === null
        ? await freshMac(tx, network.id as string, settings.baseMac)
        : await checkMac(tx, network.id as string, String(values.mac_address));
      values.status = 'DOWN';
      values.port_security_enabled ??= Number(network.port_security_enabled) === 1;
      values.allowed_address_pairs = withPairMacs(values.allowed_address_pairs, String(values.mac_address));
      if (values.port_security_enabled === false && (values.allowed_address_pairs as unknown[]).length > 0) throw new AddressPairAndPortSecurityRequired();
      values['binding:vif_type'] = 'unbound';
      values['binding:vif_details'] = {};
      values.ip_allocation = 'immediate';
      values.dns_name ??= '';
      values.dns_domain ??= '';
    },

    async afterCreate(tx, ctx, values) {
      const networkId = String(values.network_id);
      const requested = values.fixed_ips as FixedIpRequest[] | undefined;
      const subnets = await subnetsOf(tx, networkId);
      await checkNamedSubnetsExist(tx, ctx, subnets, requested ?? []);
      const fixedIps = await ips.allocate(tx, identity(values), subnets, requested);
      created.get(values)!.fixedIps = fixedIps;
      for (const opt of (values.extra_dhcp_opts as ExtraDhcpOpt[] | undefined) ?? []) {
        if (opt.opt_value !== null) await opts.upsert(tx, String(values.id), normaliseOpt(opt));
      }
    },

    async beforeUpdate(tx, ctx, current, changes) {
      // A new MAC (who may set one is the policy's update_port:mac_address) must be free on the network;
      // null asks for a fresh one (port-mac-address-regenerate).
      if (changes.mac_address === null) changes.mac_address = await freshMac(tx, String(current.network_id), settings.baseMac);
      const newMac = changes.mac_address !== undefined && changes.mac_address !== current.mac_address ? String(changes.mac_address) : undefined;
      if (newMac !== undefined) await checkMac(tx, String(current.network_id), newMac);
      const security = changes.port_security_enabled ?? Number(current.port_security_enabled) === 1;
      if (changes.allowed_address_pairs !== undefined) changes.allowed_address_pairs = withPairMacs(changes.allowed_address_pairs, String(changes.mac_address ?? current.mac_address));
      const pairs = (changes.allowed_address_pairs ?? JSON.parse(String(current.allowed_address_pairs))) as unknown[];
      if (security === false && pairs.length > 0) throw new AddressPairAndPortSecurityRequired();
      const port = { ...identity(current), macAddress: newMac ?? String(current.mac_address) };
      if (changes.fixed_ips !== undefined) await replaceFixedIps(tx, ctx, current, port, changes.fixed_ips as FixedIpRequest[]);
      if (newMac !== undefined) await renumberAutoAddresses(tx, current, port);
      for (const opt of (changes.extra_dhcp_opts as Array<ExtraDhcpOpt & { opt_value: string | null }> | undefined) ?? []) {
        const o = normaliseOpt(opt);
        if (opt.opt_value === null) await opts.remove(tx, String(current.id), o.opt_name, o.ip_version);
        else await opts.upsert(tx, String(current.id), o);
      }
      // A new host unbinds the port until its agent reports it bound; activating a bound binding (binding-extended) brings its own result.
      if (changes['binding:host_id'] !== undefined) changes['binding:vif_type'] ??= 'unbound';
    },

    async beforeDelete(tx, _ctx, current) {
      const subnets = new Map((await subnetsOf(tx, String(current.network_id))).map((s) => [s.id, s]));
      await ips.release(tx, subnets, await repos.allocations.ofPort(tx, String(current.id)));
    },

    async extend(tx, _ctx, records, rows) {
      const [fixedIps, dhcpOpts, networkDomains] = await Promise.all([
        repos.allocations.fixedIpsOf(tx, rows), opts.ofPorts(tx, rows), domainsOf(tx, records),
      ]);
      for (const record of records) {
        const id = String(record.id);
        record.fixed_ips = fixedIps.get(id) ?? [];
        record.extra_dhcp_opts = dhcpOpts.get(id) ?? [];
        record.dns_assignment = dnsAssignment(record.fixed_ips as never, String(record.dns_name ?? ''),
          [String(record.dns_domain ?? ''), networkDomains.get(String(record.network_id)) ?? '', settings.dnsDomain]);
      }
    },

    extendCreated(records, values) {
      records.forEach((record, i) => {
        const known = created.get(values[i]!)!;
        record.fixed_ips = known.fixedIps;
        record.extra_dhcp_opts = ((values[i]!.extra_dhcp_opts as ExtraDhcpOpt[] | undefined) ?? [])
          .filter((o) => o.opt_value !== null).map(normaliseOpt).sort((a, b) => (a.opt_name < b.opt_name ? -1 : a.opt_name > b.opt_name ? 1 : 0));
        record.dns_assignment = dnsAssignment(known.fixedIps, String(record.dns_name ?? ''),
          [String(record.dns_domain ?? ''), known.networkDnsDomain, settings.dnsDomain]);
      });
    },

    filter(name, values) {
      return name === 'fixed_ips' ? parseFixedIpsFilter(values) : undefined;
    },
  };

  /**
   * A fixed_ips entry naming a subnet that is not on the port's network: 404
   * when the caller cannot see such a subnet (Neutron looks it up before
   * answering), else the allocator's 400 "invalid subnet". One read, and
   * only for names that are not the network's.
   */
  async function checkNamedSubnetsExist(tx: Tx, ctx: RequestContext, subnets: readonly SubnetView[], requested: readonly FixedIpRequest[]): Promise<void> {
    const onNetwork = new Set(subnets.map((s) => s.id));
    const foreign = [...new Set(requested.map((e) => e.subnet_id).filter((id): id is string => id !== undefined && !onNetwork.has(id)))];
    if (foreign.length === 0) return;
    const visibility = policy.visibility(ctx, 'subnets');
    const seen = new Set((await repos.subnets.list(tx, { conditions: [{ kind: 'in', column: 'id', values: foreign }], sort: [], ...(visibility ? { visibility } : {}) }))
      .map((row) => String(row.id)));
    const missing = foreign.find((id) => !seen.has(id));
    if (missing !== undefined) throw new SubnetNotFound(missing);
  }

  /**
   * fixed_ips on update: entries matching a current address keep it, the
   * other current addresses are released (SLAAC ones are kept unless their
   * subnet is named), the remaining entries are allocated.
   */
  async function replaceFixedIps(tx: Tx, ctx: RequestContext, current: Row, port: PortIdentity, requested: FixedIpRequest[]): Promise<void> {
    const subnets = await subnetsOf(tx, String(current.network_id));
    await checkNamedSubnetsExist(tx, ctx, subnets, requested);
    const existing = await repos.allocations.ofPort(tx, String(current.id));
    const named = new Set(requested.map((e) => e.subnet_id).filter((id) => id !== undefined));
    const kept = new Set<(typeof existing)[number]>(existing.filter((a) => {
      const subnet = subnets.find((s) => s.id === a.subnet_id);
      return subnet !== undefined && isAutoAddressSubnet(subnet) && !named.has(a.subnet_id);
    }));
    const toAllocate: FixedIpRequest[] = [];
    for (const entry of requested) {
      const match = existing.find((a) => !kept.has(a)
        && (entry.ip_address === undefined || a.ip_address === entry.ip_address)
        && (entry.subnet_id === undefined || a.subnet_id === entry.subnet_id));
      if (match) kept.add(match);
      else toAllocate.push(entry);
    }
    await ips.release(tx, new Map(subnets.map((s) => [s.id, s])), existing.filter((a) => !kept.has(a)));
    const firstOrdinal = existing.reduce((m, a) => Math.max(m, Number(a.ordinal) + 1), 0);
    await ips.allocate(tx, port, subnets, toAllocate, { firstOrdinal, addAutoAddresses: false });
  }

  /**
   * After a MAC change: every EUI-64 address the port holds that was derived
   * from its old MAC is replaced by the one of the new MAC, in the same place
   * of fixed_ips (Neutron's update_port_with_ips with new_mac).
   */
  async function renumberAutoAddresses(tx: Tx, current: Row, port: PortIdentity): Promise<void> {
    const subnets = new Map((await subnetsOf(tx, String(current.network_id))).map((s) => [s.id, s]));
    for (const held of await repos.allocations.ofPort(tx, String(current.id))) {
      const subnet = subnets.get(held.subnet_id);
      if (!subnet || !isAutoAddressSubnet(subnet)) continue;
      if (held.ip_address !== formatIpAddress(eui64Address(subnet.cidr, String(current.mac_address)))) continue;
      await ips.release(tx, subnets, [held]);
      await ips.allocate(tx, port, [subnet], [{ subnet_id: subnet.id }], { firstOrdinal: Number(held.ordinal), addAutoAddresses: false });
    }
  }

  async function domainsOf(tx: Tx, records: ResourceRecord[]): Promise<Map<string, string>> {
    const networkIds = [...new Set(records.map((r) => String(r.network_id)))];
    if (networkIds.length === 0) return new Map();
    const rows = await networkRowsOf(tx, repos.networks, networkIds);
    return new Map([...rows].map(([id, row]) => [id, String(row.dns_domain ?? '')]));
  }
}

/** The `tx.memo` key of a network's subnets (SubnetView[]) during a port create. */
function subnetsKey(networkId: string): string {
  return `port-create/subnets/${networkId}`;
}

/** The `tx.memo` key of whether a MAC is used on a network, read ahead; `macTaken` uses it once. */
function macTakenKey(networkId: string, mac: string): string {
  return `port-create/mac-taken/${networkId}/${mac}`;
}

/** The `tx.memo` key of a generated MAC read ahead for a network's next port; `freshMac` tries it first. */
function macCandidateKey(networkId: string): string {
  return `port-create/mac-candidate/${networkId}`;
}

/**
 * A port create's reads in one statement, for the first item's network and
 * project (four round trips less on PostgreSQL): the network (policy check,
 * hooks), quota overrides, default security group, subnets, and whether the
 * MAC — the requested one, or a freshly generated candidate — is used. Left
 * in `tx.memo` for the steps that would read them. Nothing about who holds
 * an address is read here: IPAM reads that after taking its locks.
 */
async function readCreateContext(tx: Tx, items: readonly ResourceRecord[], baseMac: string): Promise<void> {
  const first = items[0];
  if (first === undefined || typeof first.network_id !== 'string' || typeof first.project_id !== 'string') return;
  const networkId = first.network_id;
  const projectId = first.project_id;
  const requestedMac = first.mac_address === undefined || first.mac_address === null ? undefined : String(first.mac_address);
  const mac = requestedMac ?? generateMacAddress(baseMac);
  const context = await readPortCreateContext(tx, networkId, projectId, mac);
  tx.memo.set(networkRowKey(networkId), context.network);
  if (context.network === undefined) return;
  tx.memo.set(quotaLimitsKey(projectId), context.quotaLimits);
  if (context.defaultSecurityGroup !== undefined) tx.memo.set(defaultGroupKey(projectId), context.defaultSecurityGroup);
  tx.memo.set(subnetsKey(networkId), context.subnets.map(subnetViewOf));
  tx.memo.set(macTakenKey(networkId, mac), context.macTaken);
  if (requestedMac === undefined) tx.memo.set(macCandidateKey(networkId), mac);
}

function identity(values: ResourceRecord | Row) {
  return {
    id: String(values.id), networkId: String(values.network_id), macAddress: String(values.mac_address), deviceOwner: String(values.device_owner ?? ''),
    projectId: String(values.project_id),
  };
}

/** Allowed address pairs as Neutron stores them: the MAC defaults to the port's, and is shown canonical. */
function withPairMacs(pairs: unknown, portMac: string): Array<{ ip_address: string; mac_address: string }> {
  return ((pairs ?? []) as Array<{ ip_address: string; mac_address?: string | null }>).map((pair) => ({
    ip_address: pair.ip_address,
    mac_address: String(toSanitizedMac(pair.mac_address ?? portMac)),
  }));
}

function normaliseOpt(opt: { opt_name: string; opt_value: string | null; ip_version?: number | string }): ExtraDhcpOpt {
  return { opt_name: opt.opt_name, opt_value: opt.opt_value ?? '', ip_version: Number(opt.ip_version ?? 4) };
}

/** A port's network: visible to the caller, and not another project's unless shared (admin and service may use any). */
/** The network a port goes on (read once per transaction; who may use it was the policy's check). */
async function networkForPort(tx: Tx, repos: CoreRepos, networkId: string): Promise<Row> {
  const network = await networkRowOf(tx, repos.networks, networkId);
  if (!network) throw new NetworkNotFound(networkId);
  return network;
}

async function macTaken(tx: Tx, networkId: string, mac: string): Promise<boolean> {
  // Read ahead for this create: used once, as the port about to be inserted will hold the MAC.
  const key = macTakenKey(networkId, mac);
  const known = tx.memo.get(key) as boolean | undefined;
  if (known !== undefined) {
    tx.memo.delete(key);
    return known;
  }
  // On every port create: fixed SQL like the rest of the create path (store/fast-sql.ts).
  return (await queryRows(tx, 'select "id" from "ports" where "network_id" = ? and "mac_address" = ? limit 1', [networkId, mac])).length > 0;
}

async function checkMac(tx: Tx, networkId: string, mac: string): Promise<string> {
  if (await macTaken(tx, networkId, mac)) throw new MacAddressInUse(mac, networkId);
  return mac;
}

/**
 * A random MAC from the base that no port of the network has yet. The check
 * matters at scale: with n ports on a network a random pick collides with
 * probability n / 16.7 million, so a 500-port bulk create on a 30,000-port
 * network would almost always hit one. A collision between two concurrent
 * transactions is still caught by the (network, MAC) unique key and retried.
 */
async function freshMac(tx: Tx, networkId: string, base: string): Promise<string> {
  const candidate = tx.memo.get(macCandidateKey(networkId)) as string | undefined;
  tx.memo.delete(macCandidateKey(networkId));
  for (let attempt = 0; attempt < 16; attempt++) {
    const mac = attempt === 0 && candidate !== undefined ? candidate : generateMacAddress(base);
    if (!(await macTaken(tx, networkId, mac))) return mac;
  }
  throw new MacAddressGenerationFailure(networkId);
}
