import fc from 'fast-check';
import { resolveResources } from '../../src/definitions/index.ts';
import { ADMIN, MEMBER_A, MEMBER_B, type As } from './api-harness.ts';

/**
 * fast-check arbitraries for hostile HTTP requests (test/api/hostile-input.test.ts).
 *
 * Requests aim at a small "world" of existing resources through placeholders
 * (`@@network@@`, `@@subnet4@@`, `@@subnet6@@`, `@@port@@`, `@@subnetpool@@`,
 * `@@scope@@`) that the test substitutes into the path and the body text just
 * before sending, so a request still aims at live ids after the world is rebuilt.
 */

/** What a hostile request carries: placeholders unresolved, the body already as text. */
export interface HostileRequest {
  readonly method: string;
  readonly path: string;
  /** The exact payload (JSON or not); undefined = no body. */
  readonly body?: string;
  readonly as: As;
  readonly headers: Record<string, string>;
  /** Set when any correct server must refuse the request (4xx), with why. */
  readonly mustReject?: string;
}

/** The world's resources that placeholders name. */
const WORLD_KEYS = ['network', 'subnet4', 'subnet6', 'port', 'subnetpool', 'scope', 'group', 'rule', 'addressGroup', 'reservation', 'block', 'external', 'router', 'fip', 'pfFip', 'pfPort', 'forwarding'] as const;
export type WorldKey = (typeof WORLD_KEYS)[number];
const at = (key: WorldKey) => `@@${key}@@`;

/** Collections, their singular, and the world resource a member path aims at. */
const COLLECTIONS = [
  { collection: 'networks', path: 'networks', singular: 'network', targets: ['network'] },
  { collection: 'subnets', path: 'subnets', singular: 'subnet', targets: ['subnet4', 'subnet6'] },
  { collection: 'ports', path: 'ports', singular: 'port', targets: ['port'] },
  { collection: 'subnetpools', path: 'subnetpools', singular: 'subnetpool', targets: ['subnetpool'] },
  { collection: 'address_scopes', path: 'address-scopes', singular: 'address_scope', targets: ['scope'] },
  { collection: 'security_groups', path: 'security-groups', singular: 'security_group', targets: ['group'] },
  { collection: 'security_group_rules', path: 'security-group-rules', singular: 'security_group_rule', targets: ['rule'] },
  { collection: 'address_groups', path: 'address-groups', singular: 'address_group', targets: ['addressGroup'] },
  { collection: 'ip_reservations', path: 'ip-reservations', singular: 'ip_reservation', targets: ['reservation'] },
  { collection: 'ip_blocks', path: 'ip-blocks', singular: 'ip_block', targets: ['block'] },
  { collection: 'routers', path: 'routers', singular: 'router', targets: ['router'] },
  { collection: 'floatingips', path: 'floatingips', singular: 'floatingip', targets: ['fip'] },
] as const satisfies ReadonlyArray<{ collection: string; path: string; singular: string; targets: readonly WorldKey[] }>;
type Collection = (typeof COLLECTIONS)[number];

const RESOURCES = resolveResources();
const attributeNames = (c: Collection) => Object.keys(RESOURCES.get(c.collection)?.attributes ?? {});
/** Attributes stored or compared as integers: where numeric overflow bites. */
const integerAttributes = (c: Collection) => Object.entries(RESOURCES.get(c.collection)?.attributes ?? {})
  .filter(([name, spec]) => spec.storage === 'integer' || ['mtu', 'provider:segmentation_id', 'prefixlen', 'ip_version'].includes(name)).map(([name]) => name);
const ALL_ATTRIBUTE_NAMES = new Set(COLLECTIONS.flatMap(attributeNames));

/** Keys that are "in" every object through its prototype. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

// --- hostile values --------------------------------------------------------

/** Values that look numeric to someone. */
const hugeNumbers = fc.constantFrom(
  99999999999999999999, 1e308, -1e308, 1e21, -1, 0, -0, 0.5, 4096, 65536, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 99999999999, 2 ** 53 + 2, 2 ** 63,
  Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER,
);
const numericStrings = fc.constantFrom(
  'NaN', 'nan', 'Infinity', '-Infinity', '1e308', '1e400', '1e21', '99999999999999999999', '-99999999999999999999', '2147483648', '99999999999',
  '9223372036854775808', '-1', '0x1F', ' 4 ', '4.0', '1_000', '٣', '+6',
  'True', 'false', 'None', 'null', 'undefined', '', ' ', '[]', '{}',
);
const SPECIAL_CHARS = ['\n', '\r', '\r\n', '\t', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\ud800', '\udfff',
  '\ufeff', '\u200b', '"', '\\', ',', '=', ';', '%', '<', '>', "'", ' ', '/', '*', '?', '#', '&', 'a', 'Z', '0', '.', '-', 'é', 'ß', '𝔘', '🙂', 'İ'];
/** Short strings full of control characters, separators, quotes and astral characters. */
const nastyString = fc.array(fc.constantFrom(...SPECIAL_CHARS), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
const longString = fc.tuple(fc.constantFrom(255, 256, 1000, 70000), fc.constantFrom('a', 'é', '\n', '𝔘', '0')).map(([n, c]) => c.repeat(n));
/** Near-misses of CIDRs, addresses and MACs. */
const malformedNetStrings = fc.constantFrom(
  '10.0.0.0/33', '10.0.0.256', '1.2.3', '1.2.3.4.5', '::/129', '2001:db8::/64/1', 'fe80::1%eth0', '10.0.0.0/24 ', ' 10.0.0.1', '010.000.000.001',
  '0x0a.0.0.1', '1.2.3.4/0', '0.0.0.0/0', '::', '::ffff:1.2.3.4', '10.0.0.1/24', '10.0.0.0/-1', '10.0.0.0/', '/24', '2001:db8:::1', '2001:DB8::/64',
  'fa:16:3e:zz:00:01', 'fa-16-3e-00-00-01', '00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', '01:00:5e:00:00:01', 'fa16.3e00.0001', 'fa:16:3e:00:00:01:02',
  'FA:16:3E:00:00:0A', 'fa:16:3e:0:0:1', '10.0.0.1-10.0.0.5', 'localhost', 'a'.repeat(64) + '.example.org', '-host', 'host-', 'host..name', '1234',
);
const netStrings = fc.oneof(malformedNetStrings, fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), fc.domain());

/** A leaf that is wrong wherever it lands. */
const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer(), fc.double(), hugeNumbers, numericStrings,
  fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 }),
  nastyString, longString, netStrings,
);

/** Arrays or objects nested `depth` levels deep; {@link toText} writes them out (JSON.stringify would overflow the stack). */
class Deep {
  constructor(readonly depth: number, readonly kind: 'array' | 'object') {}
  toJSON(): string { return `\u00a7deep:${this.depth}:${this.kind}\u00a7`; }
  [fc.toStringMethod](): string { return `Deep(${this.depth}, ${this.kind})`; }
}
/** JSON text of `value`, with every {@link Deep} expanded. */
function toText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replace(/"\u00a7deep:(\d+):(array|object)\u00a7"/g, (_m, depth: string, kind: string) => {
    const n = Number(depth);
    return kind === 'array' ? `${'['.repeat(n)}"x"${']'.repeat(n)}` : `${'{"a":'.repeat(n)}"x"${'}'.repeat(n)}`;
  });
}
const deep = fc.tuple(fc.constantFrom(20, 200, 2000, 10000), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => new Deep(d, k));

/** An object that may hold prototype keys as own properties, as JSON.parse makes them. */
function ownObject(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}
const hostileKey = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 }), nastyString);

/** Any hostile JSON value: scalars, arrays and objects of them, deep nesting. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: hostileScalar, weight: 6 },
    { arbitrary: fc.array(tie('value'), { maxLength: 4 }), weight: 2 },
    { arbitrary: fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map(ownObject), weight: 2 },
    { arbitrary: deep, weight: 1 },
  ),
})).value;

// --- valid-looking attribute values ------------------------------------------

const cidr4 = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.constantFrom(16, 24, 28, 30, 32)).map(([b, len]) => `10.${b}.0.0/${len}`);
const cidr6 = fc.integer({ min: 0, max: 0xffff }).map((n) => `2001:db8:${n.toString(16)}::/64`);
const ip4 = fc.integer({ min: 0, max: 260 }).map((n) => `10.0.0.${n}`);
const mac = fc.integer({ min: 0, max: 255 }).map((n) => `fa:16:3e:00:00:${n.toString(16).padStart(2, '0')}`);
const bool = fc.constantFrom<unknown>(true, false, 'true', 'False', 'yes', 1, 0);
const name = fc.oneof(fc.constantFrom('x', 'net-1', ''), fc.string({ maxLength: 8 }));
const dnsName = fc.constantFrom('host-1', 'HOST', 'a.b', 'example.org.', '-bad', 'a_b', 'xn--bcher-kva', 'a'.repeat(63), 'a'.repeat(64), '1234');
const deviceOwner = fc.constantFrom('', 'compute:nova', 'network:dhcp', 'network:router_interface', 'network:floatingip', 'compute:', 'baremetal:none');
const dhcpOpt = fc.record({
  opt_name: fc.oneof(fc.constantFrom('mtu', 'router', 'tag:!ipxe,67', 'bootfile-name', '66', 'dns-server'), nastyString),
  opt_value: fc.oneof(fc.constantFrom('1400', '', '10.0.0.1', '"quoted', 'pxelinux.0', null), nastyString, longString),
  ip_version: fc.constantFrom<unknown>(4, 6, '4', 5, 'x'),
}, { requiredKeys: ['opt_name', 'opt_value'] });
const segment = fc.record({
  'provider:network_type': fc.constantFrom('vlan', 'vxlan', 'geneve', 'flat', 'local', 'gre', 'VLAN'),
  'provider:physical_network': fc.constantFrom<unknown>('physnet1', 'physnet2', null, ''),
  'provider:segmentation_id': fc.constantFrom<unknown>(100, 150, 200, 0, 4095, 4096, -1, 16777216, '150', null),
}, { requiredKeys: ['provider:network_type'] });

const ref = (...keys: WorldKey[]) => fc.oneof(fc.constantFrom(...keys.map(at)), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', ''));

/** Per collection: an attribute → a value that might pass validation. */
const PLAUSIBLE: Record<Collection['collection'], Record<string, fc.Arbitrary<unknown>>> = {
  networks: {
    name, description: name, admin_state_up: bool, shared: bool, 'router:external': bool, port_security_enabled: bool,
    mtu: fc.constantFrom<unknown>(1400, 1500, 68, 67, 9000, '1400'), dns_domain: dnsName,
    availability_zone_hints: fc.array(fc.constantFrom('nova', 'az1', ''), { maxLength: 2 }),
    'provider:network_type': segment.map((s) => s['provider:network_type']), 'provider:physical_network': fc.constantFrom('physnet1', 'nope'),
    'provider:segmentation_id': fc.constantFrom<unknown>(101, 150, 4094, 70000, '120'), segments: fc.array(segment, { maxLength: 3 }),
    tenant_id: fc.constantFrom('project-a', 'project-b'), project_id: fc.constantFrom('project-a', 'project-b'),
  },
  subnets: {
    name, description: name, network_id: ref('network'), ip_version: fc.constantFrom<unknown>(4, 6, '4', 5), cidr: fc.oneof(cidr4, cidr6),
    subnetpool_id: fc.oneof(ref('subnetpool'), fc.constant(null)), prefixlen: fc.constantFrom<unknown>(24, 28, 32, 33, 0, '24'),
    gateway_ip: fc.oneof(ip4, fc.constant(null)), allocation_pools: fc.array(fc.record({ start: ip4, end: ip4 }), { maxLength: 2 }),
    dns_nameservers: fc.array(fc.oneof(ip4, fc.constant('8.8.8.8')), { maxLength: 6 }),
    host_routes: fc.array(fc.record({ destination: fc.oneof(cidr4, fc.constant('0.0.0.0/0')), nexthop: ip4 }), { maxLength: 3 }),
    enable_dhcp: bool, ipv6_ra_mode: fc.constantFrom<unknown>('slaac', 'dhcpv6-stateful', 'dhcpv6-stateless', null, 'SLAAC'),
    ipv6_address_mode: fc.constantFrom<unknown>('slaac', 'dhcpv6-stateful', 'dhcpv6-stateless', null),
    service_types: fc.array(deviceOwner, { maxLength: 2 }), use_default_subnetpool: bool, tenant_id: fc.constant('project-a'),
  },
  ports: {
    name, description: name, network_id: ref('network'), admin_state_up: bool, mac_address: fc.oneof(mac, malformedNetStrings),
    fixed_ips: fc.array(fc.record({ subnet_id: ref('subnet4', 'subnet6'), ip_address: fc.oneof(ip4, malformedNetStrings) }, { requiredKeys: [] }), { maxLength: 3 }),
    device_id: name, device_owner: deviceOwner, 'binding:host_id': fc.constantFrom('host1', ''), 'binding:vnic_type': fc.constantFrom('normal', 'direct', 'bogus'),
    'binding:profile': fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
    allowed_address_pairs: fc.array(fc.record({ ip_address: fc.oneof(ip4, cidr4), mac_address: mac }, { requiredKeys: ['ip_address'] }), { maxLength: 12 }),
    dns_name: dnsName, dns_domain: dnsName, extra_dhcp_opts: fc.array(dhcpOpt, { maxLength: 3 }), port_security_enabled: bool,
    tags: fc.array(fc.oneof(fc.constantFrom('a', 'b,c', ''), nastyString), { maxLength: 3 }), tenant_id: fc.constantFrom('project-a', 'project-b'),
    security_groups: fc.oneof(fc.array(ref('group'), { maxLength: 3 }), fc.constant(null)),
  },
  subnetpools: {
    name, description: name, prefixes: fc.array(fc.oneof(cidr4, cidr6, fc.constant('10.200.0.0/16')), { minLength: 1, maxLength: 3 }),
    default_quota: fc.constantFrom<unknown>(null, 0, 10, -1), default_prefixlen: fc.constantFrom<unknown>(24, 8, 64, 129), min_prefixlen: fc.constantFrom<unknown>(8, 16, 0),
    max_prefixlen: fc.constantFrom<unknown>(32, 30, 128), is_default: bool, shared: bool, address_scope_id: fc.oneof(ref('scope'), fc.constant(null)),
  },
  address_scopes: { name, ip_version: fc.constantFrom<unknown>(4, 6, '6', 5), shared: bool, tenant_id: fc.constant('project-a') },
  security_groups: { name: fc.oneof(name, fc.constantFrom('default', 'DEFAULT')), description: name, stateful: bool, tenant_id: fc.constantFrom('project-a', 'project-b') },
  security_group_rules: {
    security_group_id: ref('group'), direction: fc.constantFrom<unknown>('ingress', 'egress', 'INGRESS', null),
    protocol: fc.constantFrom<unknown>('tcp', 'udp', 'icmp', 'ICMP', '6', 17, 'ipv6-icmp', 'icmpv6', 'any', null, 256, '-1', 'gre', true),
    port_range_min: fc.constantFrom<unknown>(1, 22, 0, 65535, 65536, -1, '80', null, 255, 300, true),
    port_range_max: fc.constantFrom<unknown>(1, 22, 0, 65535, 65536, -1, '80', null, 255, 256),
    ethertype: fc.constantFrom<unknown>('IPv4', 'IPv6', 'ipv6', 'IPv5', null, 4),
    remote_ip_prefix: fc.oneof(cidr4, cidr6, malformedNetStrings, fc.constantFrom<unknown>(null, '', 0, [])),
    remote_group_id: fc.oneof(ref('group'), fc.constant(null)), remote_address_group_id: fc.oneof(ref('addressGroup'), fc.constant(null)),
    description: fc.oneof(name, fc.constant(null)), tenant_id: fc.constantFrom('project-a', 'project-b'),
  },
  address_groups: { name, description: name, addresses: fc.array(fc.oneof(cidr4, cidr6, malformedNetStrings), { maxLength: 3 }), tenant_id: fc.constant('project-a') },
  ip_reservations: {
    name, description: name, purpose: name, subnet_id: fc.constantFrom(at('subnet4'), at('subnet6')), tenant_id: fc.constant('project-a'),
    ip_address: fc.oneof(fc.integer({ min: 0, max: 255 }).map((n) => `10.0.0.${n}`), fc.constantFrom('2001:db8::5', '10.0.0.1', '10.0.0.255')),
    cidr: fc.oneof(cidr4, fc.constantFrom('10.0.0.64/28', '10.0.0.0/24', '10.0.0.7/32')),
    start_ip_address: fc.integer({ min: 0, max: 255 }).map((n) => `10.0.0.${n}`), end_ip_address: fc.integer({ min: 0, max: 255 }).map((n) => `10.0.0.${n}`),
    expires_at: fc.oneof(fc.constantFrom<unknown>(null, '2099-01-01T00:00:00Z', '2000-01-01', 'tomorrow', 0), fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString()))),
  },
  ip_blocks: {
    name, description: name, purpose: name, subnetpool_id: ref('subnetpool'), tenant_id: fc.constant('project-a'), port_id: fc.oneof(ref('port'), fc.constant(null)),
    prefixlen: fc.constantFrom<unknown>(8, 16, 24, 28, 30, 32, 33, -1, '28', null), cidr: fc.oneof(cidr4, fc.constantFrom('10.200.1.0/24', '10.200.0.0/16', '2001:db8::/64')),
  },
  routers: {
    name, description: name, admin_state_up: bool, distributed: bool, tenant_id: fc.constantFrom('project-a', 'project-b'),
    availability_zone_hints: fc.array(fc.constantFrom('nova', 'az1', ''), { maxLength: 2 }),
    external_gateway_info: fc.oneof(
      fc.constantFrom<unknown>(null, {}, false, ''),
      fc.record({ network_id: ref('external', 'network'), enable_snat: bool }, { requiredKeys: ['network_id'] }),
      fc.record({ network_id: ref('external'), external_fixed_ips: fc.array(fc.record({
        subnet_id: ref('subnet4'), ip_address: fc.oneof(fc.integer({ min: 0, max: 255 }).map((n) => `100.64.0.${n}`), ip4, malformedNetStrings),
      }, { requiredKeys: [] }), { maxLength: 2 }) }, { requiredKeys: ['network_id'] }),
    ),
    routes: fc.oneof(fc.constant(null), fc.array(fc.record({
      destination: fc.oneof(cidr4, cidr6, fc.constant('0.0.0.0/0')), nexthop: fc.oneof(fc.integer({ min: 0, max: 255 }).map((n) => `10.0.0.${n}`), ip4),
    }), { maxLength: 3 })),
  },
  floatingips: {
    description: name, floating_network_id: ref('external', 'network'), subnet_id: fc.oneof(ref('subnet4'), fc.constant(null)),
    floating_ip_address: fc.oneof(fc.integer({ min: 0, max: 255 }).map((n) => `100.64.0.${n}`), ip4, fc.constant(null)),
    port_id: fc.oneof(ref('port'), fc.constant(null)), fixed_ip_address: fc.oneof(fc.integer({ min: 0, max: 255 }).map((n) => `10.0.0.${n}`), fc.constant(null)),
    dns_name: dnsName, dns_domain: dnsName, tenant_id: fc.constantFrom('project-a', 'project-b'),
  },
};

/** A value for `attribute`: plausible, hostile, or a plausible list with hostile items. */
function attributeValue(c: Collection, attribute: string): fc.Arbitrary<unknown> {
  const plausible = PLAUSIBLE[c.collection][attribute] ?? hostileValue;
  return fc.oneof(
    { arbitrary: plausible, weight: 3 },
    { arbitrary: hostileValue, weight: 3 },
    { arbitrary: fc.tuple(plausible, hostileValue).map(([p, h]) => (Array.isArray(p) ? [...p, h] : isPlainObject(p) ? { ...p, junk: h } : h)), weight: 1 },
  );
}
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys that no collection defines (including prototype keys). */
const unknownKey = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'foo', 'NAME', 'name ', 'provider:', 'binding:foo'), fc.string({ minLength: 1, maxLength: 10 }))
  .filter((k) => !ALL_ATTRIBUTE_NAMES.has(k));

/**
 * One resource body (inside the envelope), and the unknown keys it carries:
 * a valid-looking body with one bad attribute (to get past the early checks),
 * a chaotic mix, or a plausible body (successes and conflicts).
 */
function resourceRecord(c: Collection, method: 'POST' | 'PUT'): fc.Arbitrary<{ record: Record<string, unknown>; unknown: string[] }> {
  const specs = RESOURCES.get(c.collection)?.attributes ?? {};
  const plausible = PLAUSIBLE[c.collection];
  const writable = Object.keys(plausible).filter((k) => (method === 'POST' ? specs[k]?.allowPost : specs[k]?.allowPut));
  const names = [...new Set([...Object.keys(plausible), ...attributeNames(c)])];
  const good = (keys: string[]) => fc.tuple(...keys.map((k) => plausible[k]!.map((v) => [k, v] as [string, unknown])));
  const required = method === 'POST' ? requiredDefaults(c) : fc.constant([] as Array<[string, unknown]>);
  const badInteger = fc.tuple(fc.constantFrom(...integerAttributes(c)), fc.oneof(hugeNumbers, numericStrings));
  const badAny = fc.tuple(fc.constantFrom(...names), fc.oneof(hostileValue, hugeNumbers, numericStrings));
  const oneBadApple = fc.tuple(required, fc.subarray(writable, { maxLength: Math.min(3, writable.length) }), fc.oneof({ arbitrary: badAny, weight: 3 }, { arbitrary: badInteger, weight: 1 }))
    .map(([req, keys, [bad, value]]) => [req, keys, bad, value] as const)
    .chain(([req, keys, bad, value]) => good(keys.filter((k) => k !== bad)).map((entries) => ({
      record: ownObject([...req.filter(([k]) => k !== bad), ...entries, [bad, value]]), unknown: [],
    })));
  const chaos = fc.tuple(
    fc.subarray(names, { maxLength: 6 }).chain((keys) => fc.tuple(...keys.map((k) => attributeValue(c, k).map((v) => [k, v] as [string, unknown])))),
    fc.array(fc.tuple(unknownKey, hostileValue), { maxLength: 2 }),
    fc.oneof(required, fc.constant([] as Array<[string, unknown]>)),
  ).map(([known, unknown, req]) => ({ record: ownObject([...req, ...known, ...unknown]), unknown: unknown.map(([k]) => k) }));
  const plausibleOnly = fc.tuple(required, fc.subarray(writable, { maxLength: Math.min(4, writable.length) }).chain(good))
    .map(([req, entries]) => ({ record: ownObject([...req, ...entries]), unknown: [] }));
  return fc.oneof({ arbitrary: oneBadApple, weight: 4 }, { arbitrary: chaos, weight: 3 }, { arbitrary: plausibleOnly, weight: 1 });
}

/** Required attributes with good values, so that validation goes past them. */
function requiredDefaults(c: Collection): fc.Arbitrary<Array<[string, unknown]>> {
  switch (c.collection) {
    case 'subnets': return fc.tuple(fc.integer({ min: 1, max: 250 }), fc.integer({ min: 0, max: 255 }))
      .map(([a, b]) => [['network_id', at('network')], ['ip_version', 4], ['cidr', `10.${a}.${b}.0/24`]]);
    case 'ports': return fc.constant([['network_id', at('network')]]);
    case 'subnetpools': return fc.integer({ min: 0, max: 255 }).map((a) => [['name', 'pool'], ['prefixes', [`172.${16 + (a % 16)}.${a}.0/24`]]]);
    case 'address_scopes': return fc.constant([['name', 'scope'], ['ip_version', 4]]);
    case 'security_group_rules': return fc.constant([['security_group_id', at('group')], ['direction', 'ingress']]);
    case 'ip_reservations': return fc.integer({ min: 2, max: 199 }).map((n) => [['subnet_id', at('subnet4')], ['ip_address', `10.0.0.${n}`]]);
    case 'ip_blocks': return fc.constant([['subnetpool_id', at('subnetpool')]]);
    case 'floatingips': return fc.constant([['floating_network_id', at('external')]]);
    default: return fc.constant([]);
  }
}

/** Payloads that are not JSON, or JSON of an odd kind. */
function rawPayload(c: Collection): fc.Arbitrary<string> {
  const s = c.singular;
  return fc.oneof(
    fc.constantFrom('', ' ', '{', '[', '{"', 'null', 'true', '0', '"x"', '[]', '{}', 'undefined', 'NaN', '<network/>', 'network=foo&x=1', '\u0000', '\ufeff{}',
      `{"${s}":`, `{"${s}":{}}garbage`, `{"${s}":{"name":"a","name":{}}}`, `{"${s}":{"name":"a"},"${s}":[]}`, `\ufeff{"${s}":{}}`,
      `{"${s}":{"mtu":1e400}}`, `{"${s}":{"ip_version":4e0}}`, `{"${s}":{"default_quota":123456789012345678901234567890}}`, `{"${s}":{"name":"\\ud800"}}`,
      `{"${s}":{"__proto__":{"allowPost":true}}}`, `{"${s}":{"constructor":{"prototype":{"x":1}}}}`, `{"__proto__":{"${s}":{}}}`, `{"${s}s":{}}`),
    fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }),
  );
}

/** A body for POST/PUT on collection `c`, as text, and whether it must be refused. */
function bodyFor(c: Collection, method: 'POST' | 'PUT'): fc.Arbitrary<{ body?: string; mustReject?: string }> {
  const single = resourceRecord(c, method).map(({ record, unknown }) => ({
    body: toText({ [c.singular]: record }),
    mustReject: unknown.length > 0 ? `unknown attribute(s) ${JSON.stringify(unknown)}` : undefined,
  }));
  const bulk = fc.array(fc.oneof(resourceRecord(c, method).map((r) => r.record), resourceRecord(c, method).map((r) => ({ [c.singular]: r.record })), hostileValue), { minLength: 0, maxLength: 4 })
    .map((items) => ({ body: toText({ [c.collection]: items }), mustReject: undefined }));
  const misplaced = fc.oneof(
    hostileValue.map((v) => ({ [c.singular]: v })), hostileValue.map((v) => ({ [c.collection]: v })), resourceRecord(c, method).map((r) => r.record),
    hostileValue, resourceRecord(c, method).map((r) => ({ [c.singular]: r.record, extra: 1 })),
  ).map((v) => ({ body: toText(v), mustReject: undefined }));
  return fc.oneof(
    { arbitrary: single, weight: method === 'POST' ? 6 : 8 },
    { arbitrary: bulk, weight: method === 'POST' ? 2 : 0 },
    { arbitrary: misplaced, weight: 2 },
    { arbitrary: rawPayload(c).map((body) => ({ body, mustReject: undefined })), weight: 1 },
    { arbitrary: fc.constant({ body: undefined, mustReject: undefined }), weight: 1 },
  );
}

// --- who asks ------------------------------------------------------------------

const garbageHeader = fc.oneof(fc.constantFrom('', ',', ',,admin', 'admin ', 'ADMIN', 'Admin', 'admin,reader', 'reader', 'service', 'advsvc', '*', 'member;admin'),
  fc.string({ maxLength: 20 }), nastyString.filter(isLatin1NoNewline), fc.constantFrom('p'.repeat(300), '../admin'));
/** Header values that Node's HTTP client could carry. */
function isLatin1NoNewline(s: string): boolean { return /^[\u0020-\u007e\u00a0-\u00ff\t]*$/.test(s); }

/** Who asks: the admin, the world's owner, another project, or garbage roles and project. */
const persona: fc.Arbitrary<As> = fc.oneof(
  { arbitrary: fc.constant(ADMIN), weight: 3 },
  { arbitrary: fc.constant(MEMBER_A), weight: 3 },
  { arbitrary: fc.constant(MEMBER_B), weight: 1 },
  { arbitrary: fc.record({ project: garbageHeader, roles: garbageHeader }), weight: 1 },
);

// --- the request families ------------------------------------------------------

const collection = fc.constantFrom(...COLLECTIONS);
/** encodeURIComponent that cannot throw: lone surrogates become U+FFFD (invalid UTF-8 is sent as %E0%A4% garbage instead). */
const pct = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
const oddId = fc.oneof(
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', '..', '.', '%2e%2e', '%00', '%zz', '%', 'x.json', '.json', '%2F', 'a%2Fb', '%20',
    'A'.repeat(1025), '%E0%A4%A', '%C0%AF', '\u00e9', '*', '..%2F..%2Fetc%2Fpasswd', 'null', 'undefined', '-1', '99999999999999999999'),
  fc.string({ maxLength: 12 }).map(pct), nastyString.map(pct),
);
const memberId = (c: Collection) => fc.oneof({ arbitrary: fc.constantFrom(...c.targets.map(at)), weight: 3 }, { arbitrary: oddId, weight: 1 });

/** POST on collections and PUT on members, with hostile bodies. */
export const hostileBodyRequest: fc.Arbitrary<HostileRequest> = collection.chain((c) => fc.oneof(
  fc.record({ b: bodyFor(c, 'POST'), as: persona, json: fc.boolean() }).map(({ b, as, json }) => ({
    method: 'POST', path: `/v2.0/${c.path}${json ? '.json' : ''}`, body: b.body, as, headers: {}, mustReject: b.mustReject,
  })),
  fc.record({ b: bodyFor(c, 'PUT'), as: persona, id: memberId(c), json: fc.boolean() }).map(({ b, as, id, json }) => ({
    method: 'PUT', path: `/v2.0/${c.path}/${id}${json ? '.json' : ''}`, body: b.body, as, headers: {}, mustReject: b.mustReject,
  })),
));

/** A query-string component, encoded properly or not. */
const encoding = fc.oneof({ arbitrary: fc.constant('proper'), weight: 6 }, { arbitrary: fc.constant('raw'), weight: 2 }, { arbitrary: fc.constant('garbled'), weight: 1 });
const encoded = (text: fc.Arbitrary<string>) => fc.tuple(text, encoding).map(([t, how]) => {
  if (how === 'proper') return pct(t);
  if (how === 'raw') return t.replace(/[&#=\s]/g, '');
  return pct(t).replace(/%[0-9A-F]{2}/, '%zz') + '%E0%A4%';
});
const queryValue = fc.oneof(
  fc.constantFrom('', '-1', '0', '1', 'abc', '1e3', '99999999999999999999', ' 1', '+1', '1.5', '٣', 'true', 'True', 'None', 'asc', 'desc', 'ASC', 'id', 'name', '4', '6'),
  numericStrings,
  fc.constantFrom(...WORLD_KEYS.map(at)), hostileScalar.map(String), nastyString, malformedNetStrings,
  fc.constantFrom('ip_address=', 'ip_address=10.0.0.%', 'subnet_id=junk', 'ip_address_substr=%', 'ip_address_substr=_', 'ip_address_substr=\\', '=', 'foo',
    'ip_address=10.0.0.1=2', `subnet_id=${at('subnet4')}`, 'ip_address=10.0.0.2', 'ip_address=::1', 'a,b,,c', ','),
);
function queryKey(c: Collection): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...attributeNames(c)), weight: 4 },
    { arbitrary: fc.constantFrom('limit', 'marker', 'sort_key', 'sort_dir', 'page_reverse', 'fields', 'fixed_ips', 'tags', 'tags-any', 'not-tags', 'not-tags-any'), weight: 4 },
    { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, 'tenant_id', 'project_id', 'shared', 'fields[]', 'limit[]'), weight: 1 },
    { arbitrary: fc.string({ maxLength: 10 }), weight: 1 },
  );
}
const pair = (c: Collection) => fc.oneof(
  { arbitrary: fc.tuple(queryKey(c), fc.oneof(queryValue, fc.constantFrom(...attributeNames(c)))), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom(...integerAttributes(c), 'limit'), numericStrings), weight: 1 },
);
/** Sorting and pagination parameters that mostly agree with each other (sort_key and sort_dir paired). */
const paging = (c: Collection) => fc.record({
  sort: fc.array(fc.tuple(fc.constantFrom(...attributeNames(c), ...PROTOTYPE_KEYS, 'bogus'), fc.constantFrom('asc', 'desc', 'ASC', '', 'up')), { maxLength: 3 }),
  extraDir: fc.option(fc.constantFrom('asc', 'desc')),
  limit: fc.option(fc.oneof(fc.constantFrom('1', '2', '0', '-1', 'abc', ''), numericStrings)),
  marker: fc.option(fc.oneof(fc.constantFrom(...WORLD_KEYS.map(at)), oddId)),
  reverse: fc.option(fc.constantFrom('true', 'True', '1', 'false', 'yes')),
}).map(({ sort, extraDir, limit, marker, reverse }) => [
  ...sort.flatMap(([key, dir]) => [['sort_key', key], ['sort_dir', dir]] as Array<[string, string]>),
  ...(extraDir === null ? [] : [['sort_dir', extraDir] as [string, string]]),
  ...(limit === null ? [] : [['limit', limit] as [string, string]]),
  ...(marker === null ? [] : [['marker', marker] as [string, string]]),
  ...(reverse === null ? [] : [['page_reverse', reverse] as [string, string]]),
]);

/** A query string, and the unknown filter it carries if any. */
function queryString(c: Collection): fc.Arbitrary<{ query: string; mustReject?: string }> {
  const pairs = fc.tuple(fc.oneof(fc.constant([] as Array<[string, string]>), paging(c)), fc.array(pair(c), { maxLength: 4 })).map(([a, b]) => [...a, ...b]);
  return pairs.chain((pairs) => fc.tuple(...pairs.map(([k, v]) => fc.tuple(encoded(fc.constant(k)), encoded(fc.constant(v))))).map((parts) => {
    const query = parts.map(([k, v]) => `${k}=${v}`).join('&');
    const parsed = new URLSearchParams(query);
    const known = new Set([...attributeNames(c), 'limit', 'marker', 'sort_key', 'sort_dir', 'page_reverse', 'fields', 'tags', 'tags-any', 'not-tags', 'not-tags-any']);
    const unknown = [...parsed.keys()].filter((k) => !known.has(k) && !ALL_ATTRIBUTE_NAMES.has(k));
    return { query, mustReject: unknown.length > 0 ? `unknown filter(s) ${JSON.stringify(unknown)}` : undefined };
  }));
}

/** GET lists (and shows) with hostile query strings. */
export const hostileQueryRequest: fc.Arbitrary<HostileRequest> = fc.oneof(
  collection.chain((c) => fc.record({ q: queryString(c), as: persona }).map(({ q, as }) => ({
    method: 'GET', path: `/v2.0/${c.path}?${q.query}`, as, headers: {}, mustReject: q.mustReject,
  }))),
  collection.chain((c) => fc.record({ q: queryString(c), as: persona, id: memberId(c) }).map(({ q, as, id }) => ({
    method: 'GET', path: `/v2.0/${c.path}/${id}?${q.query}`, as, headers: {},
  }))),
  fc.record({ q: queryString(COLLECTIONS[0]), as: persona }).map(({ q, as }) => ({ method: 'GET', path: `/v2.0/network-ip-availabilities?${q.query}`, as, headers: {} })),
  fc.record({
    q: queryString(COLLECTIONS[1]), as: persona,
    report: fc.constantFrom('subnet-ip-usages', 'subnetpool-ip-usages', 'address-scope-ip-usages', 'project-ip-usages', 'ip-address-history'),
    id: fc.oneof(fc.constant(''), fc.constantFrom(...WORLD_KEYS.map(at), 'project-a').map((s) => `/${s}`), oddId.map((s) => `/${s}`)),
  }).map(({ q, as, report, id }) => ({ method: 'GET', path: `/v2.0/${report}${report === 'ip-address-history' ? '' : id}?${q.query}`, as, headers: {} })),
);

const ifMatch = fc.oneof(
  fc.constantFrom('revision_number=abc', 'revision_number=-1', 'revision_number=', 'revision_number=99999999999999999999', 'revision_number=1, revision_number=2',
    '*', 'W/"x"', '"etag"', 'revision_number=0x1', 'revision_number=1.0', 'revision_number= 1', 'revision_number=٣', 'revision_number=1e3', 'revision_number=0',
    'revision_number=9999', ',', 'revision_number', 'REVISION_NUMBER=1', 'revision_number=1 revision_number=2'),
  garbageHeader,
);
const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '', '*/*', 'application/xml');
const headerBag = fc.record({
  'if-match': ifMatch, 'x-roles': garbageHeader, 'x-project-id': garbageHeader, 'x-tenant-id': garbageHeader, 'x-user-id': garbageHeader,
  'content-type': contentType, accept: fc.constantFrom('application/xml', '*/*', 'text/html', ''), 'x-forwarded-proto': fc.constantFrom('https', 'javascript', '', 'a b'),
  'x-openstack-request-id': garbageHeader,
}, { requiredKeys: [] });

/** Ordinary operations on the world with hostile headers (If-Match, roles, project, content type). */
export const hostileHeaderRequest: fc.Arbitrary<HostileRequest> = collection.chain((c) => fc.record({
  method: fc.constantFrom('GET', 'PUT', 'DELETE', 'POST'),
  id: memberId(c), headers: headerBag, as: persona, b: bodyFor(c, 'PUT'), nameOnly: fc.boolean(), limit: fc.boolean(),
}).map(({ method, id, headers, as, b, nameOnly, limit }) => {
  const body = method === 'PUT' || method === 'POST' ? (nameOnly ? toText({ [c.singular]: { name: 'renamed' } }) : b.body) : undefined;
  const path = method === 'POST' || (method === 'GET' && limit) ? `/v2.0/${c.path}${method === 'GET' ? '?limit=1' : ''}` : `/v2.0/${c.path}/${id}`;
  return { method, path, body, as, headers };
}));

const unknownResource = fc.constantFrom('networkz', 'NETWORKS', 'no-such-resource', 'port', 'net%20works', 'subnet-pools', 'address_scopes', '%00');
const segmentPath = fc.oneof(
  fc.constantFrom(...COLLECTIONS.map((c) => c.path), 'quotas', 'network-ip-availabilities', 'availability_zones', 'extensions', '',
    'subnet-ip-usages', 'project-ip-usages', 'ip-address-history'),
);
const tail = fc.oneof(
  fc.constant(''), fc.constantFrom('/tags', '/tags/a', '/tags/%2C', '/tags/' + 'a'.repeat(300), '/details', '/default', '/junk', '/tags/x/y', '/'),
  nastyString.map((s) => `/tags/${pct(s)}`),
);
const idSegment = fc.oneof(fc.constant(''), fc.constantFrom(...WORLD_KEYS.map(at), 'project-a', 'admin-project').map((s) => `/${s}`), oddId.map((s) => `/${s}`));
const smallBody = fc.oneof(
  fc.constant(undefined),
  hostileValue.map((v) => toText({ tags: v })), hostileValue.map((v) => toText({ quota: v })),
  fc.array(fc.tuple(fc.constantFrom('network', 'port', 'subnet', 'force', 'bogus', '__proto__'), hostileValue), { maxLength: 3 }).map((q) => toText({ quota: ownObject(q) })),
  hostileValue.map(toText), rawPayload(COLLECTIONS[0]),
);

/** Random paths under /v2.0 (and near it) with any method. */
export const hostilePathRequest: fc.Arbitrary<HostileRequest> = fc.oneof(
  fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'), resource: segmentPath, id: idSegment, tail, json: fc.constantFrom('', '.json', '.xml'),
    body: smallBody, as: persona,
  }).map(({ method, resource, id, tail, json, body, as }) => ({
    method, path: `/v2.0/${resource}${id}${tail}${json}`, body: method === 'GET' || method === 'OPTIONS' ? undefined : body, as, headers: {},
  })),
  // Ids here avoid dot segments: URL parsing resolves "/x/%2e%2e" to "/" before the server sees it.
  fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), resource: unknownResource, id: fc.constantFrom('', '/x', `/${at('network')}`, '/%20', '/x.json'), as: persona })
    .map(({ method, resource, id, as }) => ({
    method, path: `/v2.0/${resource}${id}`, as, headers: {}, mustReject: `unknown resource ${resource}`,
  })),
  fc.record({ method: fc.constantFrom('GET', 'POST', 'DELETE'), path: fc.constantFrom('/', '/v2.0', '/v2', '/v3/networks', '//v2.0/networks', '/v2.0//networks', '/v2.0/networks/', '/V2.0/networks', '/v2.0/networks?', '/v2.0/networks#x', '/v2.0/networks/' + 'x'.repeat(9000)), as: persona })
    .map(({ method, path, as }) => ({ method, path, as, headers: {} })),
);

// --- hand-written sub-resources: quotas, tags, IP availability ---------------------

const projectSegment = fc.oneof(
  fc.constantFrom('project-a', 'admin-project', 'p'.repeat(255), 'p'.repeat(256), 'p'.repeat(1000), '%00', 'a%00b', '%20', '%C3%A9', '.json', 'x.json'),
  nastyString.map(pct), fc.string({ maxLength: 12 }).map(pct),
);
const QUOTA_RESOURCES = ['network', 'subnet', 'port', 'subnetpool', 'address_scope'];
const quotaNumber = fc.constantFrom<unknown>(-2, -1, 0, 10, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 99999999999, 2 ** 53, 1.5, '5', '-1', '2147483648', '99999999999', true, null);
/** A quota body; keys outside the quota resources (and force) must be refused. */
const quotaBody = fc.array(fc.tuple(fc.constantFrom(...QUOTA_RESOURCES, 'force', 'bogus', ...PROTOTYPE_KEYS), fc.oneof(quotaNumber, hostileValue)), { maxLength: 3 })
  .map((entries) => {
    const unknown = entries.map(([k]) => k).filter((k) => !QUOTA_RESOURCES.includes(k) && k !== 'force');
    return { body: toText({ quota: ownObject(entries) }), mustReject: unknown.length > 0 ? `unknown quota resource(s) ${JSON.stringify(unknown)}` : undefined };
  });
const tagName = fc.oneof(fc.constantFrom('a', 'blue', 'world', '', 'a,b', 't'.repeat(255), 't'.repeat(256), ...PROTOTYPE_KEYS), nastyString, fc.string({ maxLength: 8 }));
const tagBody = fc.oneof(
  { arbitrary: fc.array(tagName, { maxLength: 12 }).map((tags) => toText({ tags })), weight: 4 },
  { arbitrary: hostileValue.map((tags) => toText({ tags })), weight: 1 },
  { arbitrary: hostileValue.map(toText), weight: 1 },
);
const taggable = fc.constantFrom(...COLLECTIONS.flatMap((c) => c.targets.map((t) => `/v2.0/${c.path}/${at(t)}`)));

/** A router member action with a body that may or may not make sense. */
const interfaceBody = fc.oneof(
  fc.record({ subnet_id: ref('subnet4', 'subnet6'), port_id: ref('port') }, { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom('subnet_id', 'port_id', 'router', ...PROTOTYPE_KEYS), hostileValue, { maxKeys: 2 }),
  hostileValue,
);
const routesBody = fc.oneof(
  fc.array(fc.record({ destination: fc.oneof(cidr4, fc.constant('0.0.0.0/0')), nexthop: fc.integer({ min: 0, max: 255 }).map((n) => `10.0.0.${n}`) }), { maxLength: 3 })
    .map((routes) => ({ router: { routes } })),
  hostileValue.map((routes) => ({ router: { routes } })), hostileValue.map((router) => ({ router })), hostileValue,
);
const routerAction = fc.oneof(
  fc.tuple(fc.constantFrom('add_router_interface', 'remove_router_interface'), interfaceBody),
  fc.tuple(fc.constantFrom('add_extraroutes', 'remove_extraroutes'), routesBody),
).chain(([name, body]) => fc.oneof(
  { arbitrary: fc.constant({ name, body: toText(body) }), weight: 6 },
  { arbitrary: rawPayload(COLLECTIONS[0]).map((raw) => ({ name, body: raw })), weight: 1 },
  { arbitrary: fc.constant({ name, body: undefined as string | undefined }), weight: 1 },
));

/** A port forwarding body: plausible values, hostile ones, and keys nobody defines. */
const portValue = fc.oneof(fc.constantFrom<unknown>(22, 80, 2222, 1, 65535, 0, 65536, -1, '22', null), hugeNumbers, numericStrings);
const rangeValue = fc.oneof(fc.constantFrom<unknown>('1000:1009', '2000:2009', '22', '10:1', '1:2:3', 'a:b', '0:5', '65535:65536', ':', '', 5, null), hostileScalar);
const forwardingBody = fc.oneof(
  fc.record({
    protocol: fc.constantFrom<unknown>('tcp', 'udp', 'TCP', '6', 'gre', 'icmp', null, 17),
    internal_port_id: ref('pfPort', 'port'), internal_ip_address: fc.oneof(fc.integer({ min: 0, max: 255 }).map((n) => `10.0.0.${n}`), malformedNetStrings),
    internal_port: portValue, external_port: portValue, internal_port_range: rangeValue, external_port_range: rangeValue,
    description: fc.oneof(name, hostileValue),
  }, { requiredKeys: [] }).map((r) => ({ port_forwarding: r })),
  fc.dictionary(fc.oneof(unknownKey, fc.constantFrom('floatingip_id', 'project_id', 'id')), hostileValue, { maxKeys: 2 }).map((r) => ({ port_forwarding: r })),
  hostileValue,
);
const forwardingRequest = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
  fip: fc.oneof({ arbitrary: fc.constantFrom(at('pfFip'), at('fip')), weight: 4 }, { arbitrary: oddId, weight: 1 }),
  member: fc.oneof(fc.constant(undefined), fc.constant(at('forwarding')), oddId),
  body: forwardingBody.map(toText), as: persona,
}).map(({ method, fip, member, body, as }) => {
  const collection = `/v2.0/floatingips/${fip}/port_forwardings`;
  const path = method === 'POST' || member === undefined ? collection : `${collection}/${member}`;
  return { method, path, body: method === 'POST' || method === 'PUT' ? body : undefined, as, headers: {} };
});

/** Quotas, tags, IP availability, router actions and port forwardings with hostile ids, bodies and names. */
export const hostileSubresourceRequest: fc.Arbitrary<HostileRequest> = fc.oneof(
  fc.record({ method: fc.constantFrom('GET', 'PUT', 'DELETE'), project: projectSegment, tail: fc.constantFrom('', '/default', '/details', '.json'), b: quotaBody, as: persona })
    .map(({ method, project, tail, b, as }) => ({
      method, path: `/v2.0/quotas/${project}${method === 'GET' ? tail : ''}`, body: method === 'PUT' ? b.body : undefined, as, headers: {},
      mustReject: method === 'PUT' ? b.mustReject : undefined,
    })),
  fc.record({ method: fc.constantFrom('PUT', 'POST', 'DELETE', 'GET'), base: fc.oneof(taggable, oddId.map((id) => `/v2.0/networks/${id}`)), body: tagBody, as: persona })
    .map(({ method, base, body, as }) => ({ method, path: `${base}/tags`, body: method === 'PUT' || method === 'POST' ? body : undefined, as, headers: {} })),
  fc.record({ method: fc.constantFrom('PUT', 'DELETE', 'GET'), base: taggable, tag: tagName.map(pct), as: persona })
    .map(({ method, base, tag, as }) => ({ method, path: `${base}/tags/${tag}`, as, headers: {} })),
  fc.record({ id: fc.oneof(fc.constantFrom(at('network'), at('port')), oddId), as: persona })
    .map(({ id, as }) => ({ method: 'GET', path: `/v2.0/network-ip-availabilities/${id}`, as, headers: {} })),
  fc.record({ id: fc.oneof({ arbitrary: fc.constant(at('router')), weight: 4 }, { arbitrary: oddId, weight: 1 }), action: routerAction, as: persona })
    .map(({ id, action, as }) => ({ method: 'PUT', path: `/v2.0/routers/${id}/${action.name}`, body: action.body, as, headers: {} })),
  forwardingRequest,
  fc.record({ as: persona, fields: fc.array(fc.constantFrom('subnet_id', 'cidr', 'bogus', '__proto__'), { maxLength: 2 }) })
    .map(({ as, fields }) => ({ method: 'GET', path: `/v2.0/floatingip_pools${fields.length > 0 ? `?${fields.map((f) => `fields=${f}`).join('&')}` : ''}`, as, headers: {} })),
);
