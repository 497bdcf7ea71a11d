import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Api, type ApiResponse, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/*
 * The policy acceptance matrix (issue 3): six personas × every operation of
 * every resource muon serves → what Neutron's default rules (2023+ "secure
 * RBAC", see src/policy/defaults/) answer. Data first, one test per cell.
 *
 * Status conventions (semantics.md §2): an object the caller may not even
 * see answers 404 (also for creating on such a network, and for /tags);
 * a visible object the caller may not change answers 403; lists drop what
 * the caller may not read; attributes the caller may not read are absent.
 *
 * Every cell is a real test: the policy engine (src/policy) decides each
 * request, so a cell that fails is a policy bug.
 */

const PERSONAS = {
  admin: { project: 'admin-project', roles: 'admin,member,reader' },
  member: { project: 'project-a', roles: 'member,reader' },
  reader: { project: 'project-a', roles: 'reader' },
  otherMember: { project: 'project-b', roles: 'member,reader' },
  otherReader: { project: 'project-b', roles: 'reader' },
  service: { project: 'service-project', roles: 'service' },
} as const satisfies Record<string, As>;
type Persona = keyof typeof PERSONAS;
const PERSONA_NAMES = Object.keys(PERSONAS) as Persona[];
const OTHERS: readonly Persona[] = ['otherMember', 'otherReader'];

/** An HTTP status, or for lists / attributes: 200 and whether the fixture's item (attribute) is there. */
type Expect = number | 'listed' | 'unlisted' | 'shown' | 'stripped';
interface Outcome { readonly response: ApiResponse; readonly present?: boolean }
interface Row {
  readonly resource: string;
  readonly op: string;
  readonly expect: Readonly<Record<Persona, Expect>>;
  run(t: Ctx, as: As): Promise<Outcome>;
}

/** Expectations in persona order: admin, member, reader (project A), member and reader of project B, service. */
function e(admin: Expect, member: Expect, reader: Expect, otherMember: Expect, otherReader: Expect, service: Expect): Record<Persona, Expect> {
  return { admin, member, reader, otherMember, otherReader, service };
}

const A = PERSONAS.member;
const ADMIN = PERSONAS.admin;
const B = PERSONAS.otherMember;

/** The fixtures every read row uses, made once per database; write rows make their own. */
interface Fixtures {
  netA: any; sharedNet: any; extNet: any;
  subnetA: any; sharedSubnet: any; extSubnet: any;
  portA: any; portB: any;
  poolA: any; sharedPool: any; scopeA: any; sharedScope: any;
  /** Project A's security group with a rule of its member's and one of the admin's; project A's address group. */
  groupA: any; ruleA: any; adminRuleInA: any; addressGroupA: any;
  /** A rule template (cloud-wide). */
  template: any;
  /** Project A's router (gateway on extNet, interface on subnetA), an unassociated floating IP of project A, and a port forwarding of project A. */
  routerA: any; fipA: any; pfA: { fip: any; pf: any };
  /** Project A's policy sharing its network with a bystander; an admin network shared with project B (RBAC), its subnet, and B's port on it. */
  policyA: any; netToB: any; subnetToB: any; shareToB: any;
}

class Ctx {
  private counter = 0;
  constructor(readonly api: Api, readonly fx: Fixtures) {}
  next(): number { return ++this.counter; }
  /** A fresh private network of project A (made by its member). */
  network(attributes: Record<string, unknown> = {}, as: As = A) { return this.api.network({ name: `n${this.next()}`, ...attributes }, as); }
  sharedNetwork() { return this.network({ shared: true, project_id: 'project-a' }, ADMIN); }
  /** A subnet with a CIDR no other subnet of this database uses. */
  subnet(networkId: string, as: As = A, attributes: Record<string, unknown> = {}) { return this.api.subnet(networkId, this.cidr(), attributes, as); }
  cidr(): string { const n = this.next(); return `10.${100 + Math.floor(n / 250)}.${n % 250}.0/24`; }
  /** An address of the shared network's subnet no one holds yet. */
  sharedIp(): string { return `192.168.50.${10 + this.next() % 240}`; }
  port(networkId: string, as: As = A, attributes: Record<string, unknown> = {}) { return this.api.port(networkId, attributes, as); }
  pool(attributes: Record<string, unknown> = {}, as: As = A) {
    const n = this.next();
    return this.api.create('subnetpools', 'subnetpool', { name: `p${n}`, prefixes: [`172.${16 + Math.floor(n / 250)}.${n % 250}.0/24`], ...attributes }, as);
  }
  scope(attributes: Record<string, unknown> = {}, as: As = A) { return this.api.create('address-scopes', 'address_scope', { name: `s${this.next()}`, ip_version: 4, ...attributes }, as); }
  group(as: As = A) { return this.api.create('security-groups', 'security_group', { name: `g${this.next()}` }, as); }
  rule(groupId: string, as: As = A) {
    return this.api.create('security-group-rules', 'security_group_rule', { security_group_id: groupId, direction: 'ingress', protocol: 'tcp', port_range_min: this.next(), port_range_max: 65000 }, as);
  }
  addressGroup(as: As = A) { return this.api.create('address-groups', 'address_group', { name: `ag${this.next()}`, addresses: ['10.9.0.0/16'] }, as); }
  router(attributes: Record<string, unknown> = {}, as: As = A) { return this.api.create('routers', 'router', { name: `r${this.next()}`, ...attributes }, as); }
  floatingip(as: As = A) { return this.api.create('floatingips', 'floatingip', { floating_network_id: this.fx.extNet.id }, as); }
  /** A floating IP of project A forwarding one port to a fresh port on netA (behind routerA). */
  async portForwarding(): Promise<{ fip: any; pf: any }> {
    const fip = await this.floatingip();
    const port = await this.port(this.fx.netA.id);
    const created = await this.api.post(`/v2.0/floatingips/${fip.id}/port_forwardings`, { port_forwarding: { protocol: 'tcp', internal_port_id: port.id, internal_port: 22, external_port: 2222 } }, A);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { fip, pf: created.body.port_forwarding };
  }
  /** A router of project A with an interface on a fresh subnet of project A. */
  async routerWithInterface(): Promise<{ router: any; subnet: any }> {
    const router = await this.router();
    const subnet = await this.subnet((await this.network()).id);
    const added = await this.api.put(`/v2.0/routers/${router.id}/add_router_interface`, { subnet_id: subnet.id }, A);
    assert.equal(added.status, 200, JSON.stringify(added.body));
    return { router, subnet };
  }
}

const status = (response: ApiResponse): Outcome => ({ response });
const listed = (collection: string, id: () => string) => async (t: Ctx, as: As): Promise<Outcome> => {
  const response = await t.api.get(`/v2.0/${collection.replace(/_/g, '-')}`, as);
  const items: any[] | undefined = response.body?.[collection];
  return { response, present: items?.some((item) => (item.id ?? item.network_id) === id()) ?? false };
};
const attribute = (path: () => string, key: string, name: string) => async (t: Ctx, as: As): Promise<Outcome> => {
  const response = await t.api.get(path(), as);
  return { response, present: response.body?.[key] !== undefined && name in response.body[key] };
};

// --- networks ----------------------------------------------------------------
const NETWORK_ROWS: Row[] = [
  { resource: 'networks', op: 'create (own project)', expect: e(201, 201, 403, 201, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/networks', { network: { name: `c${t.next()}` } }, as)) },
  // Another project's name: neutron-lib refuses it while reading the body (400), before any rule.
  { resource: 'networks', op: "create in project A's name", expect: e(201, 201, 403, 400, 400, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/networks', { network: { name: `c${t.next()}`, project_id: 'project-a' } }, as)) },
  { resource: 'networks', op: 'create shared=true', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/networks', { network: { name: `c${t.next()}`, shared: true } }, as)) },
  { resource: 'networks', op: 'create router:external=true', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/networks', { network: { name: `c${t.next()}`, 'router:external': true } }, as)) },
  { resource: 'networks', op: 'create provider:network_type', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/networks', { network: { name: `c${t.next()}`, 'provider:network_type': 'vxlan' } }, as)) },
  { resource: 'networks', op: 'create segments', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/networks', { network: { name: `c${t.next()}`, segments: [{ 'provider:network_type': 'vxlan' }] } }, as)) },
  { resource: 'networks', op: 'show private', expect: e(200, 200, 200, 404, 404, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/networks/${t.fx.netA.id}`, as)) },
  { resource: 'networks', op: 'show shared', expect: e(200, 200, 200, 200, 200, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/networks/${t.fx.sharedNet.id}`, as)) },
  { resource: 'networks', op: 'show external', expect: e(200, 200, 200, 200, 200, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/networks/${t.fx.extNet.id}`, as)) },
  { resource: 'networks', op: 'list: private network', expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'listed'),
    run: (t, as) => listed('networks', () => t.fx.netA.id)(t, as) },
  { resource: 'networks', op: 'list: shared network', expect: e('listed', 'listed', 'listed', 'listed', 'listed', 'listed'),
    run: (t, as) => listed('networks', () => t.fx.sharedNet.id)(t, as) },
  { resource: 'networks', op: 'show: provider:network_type visible', expect: e('shown', 'stripped', 'stripped', 'stripped', 'stripped', 'stripped'),
    run: (t, as) => attribute(() => `/v2.0/networks/${t.fx.sharedNet.id}`, 'network', 'provider:network_type')(t, as) },
  { resource: 'networks', op: 'update name (private)', expect: e(200, 200, 403, 404, 404, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/networks/${(await t.network()).id}`, { network: { name: 'x' } }, as)) },
  { resource: 'networks', op: "update name (project A's shared)", expect: e(200, 200, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/networks/${(await t.sharedNetwork()).id}`, { network: { name: 'x' } }, as)) },
  { resource: 'networks', op: 'update shared=true', expect: e(200, 403, 403, 404, 404, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/networks/${(await t.network()).id}`, { network: { shared: true } }, as)) },
  { resource: 'networks', op: 'update router:external=true', expect: e(200, 403, 403, 404, 404, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/networks/${(await t.network()).id}`, { network: { 'router:external': true } }, as)) },
  { resource: 'networks', op: 'update provider:network_type to its current value (OSSA-2014-031)', expect: e(200, 403, 403, 404, 404, 403),
    run: async (t, as) => {
      const net = await t.network();
      const type = (await t.api.get(`/v2.0/networks/${net.id}`, ADMIN)).body.network['provider:network_type'];
      return status(await t.api.put(`/v2.0/networks/${net.id}`, { network: { 'provider:network_type': type } }, as));
    } },
  { resource: 'networks', op: 'delete (private)', expect: e(204, 204, 403, 404, 404, 403),
    run: async (t, as) => status(await t.api.delete(`/v2.0/networks/${(await t.network()).id}`, as)) },
  { resource: 'networks', op: "delete (project A's shared)", expect: e(204, 204, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.delete(`/v2.0/networks/${(await t.sharedNetwork()).id}`, as)) },
];

// --- tags (OSSA-2024-005: a tag write is a write of the parent) --------------
const TAG_ROWS: Row[] = [
  { resource: 'tags', op: 'GET network tags (private)', expect: e(200, 200, 200, 404, 404, 403),
    run: async (t, as) => status(await t.api.get(`/v2.0/networks/${t.fx.netA.id}/tags`, as)) },
  { resource: 'tags', op: 'GET network tags (shared)', expect: e(200, 200, 200, 200, 200, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/networks/${t.fx.sharedNet.id}/tags`, as)) },
  { resource: 'tags', op: 'PUT network tags (private)', expect: e(200, 200, 403, 404, 404, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/networks/${(await t.network()).id}/tags`, { tags: ['a'] }, as)) },
  { resource: 'tags', op: "PUT network tags (project A's shared)", expect: e(200, 200, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/networks/${(await t.sharedNetwork()).id}/tags`, { tags: ['a'] }, as)) },
  { resource: 'tags', op: "POST network tags (project A's shared)", expect: e(201, 201, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post(`/v2.0/networks/${(await t.sharedNetwork()).id}/tags`, { tags: ['a'] }, as)) },
  { resource: 'tags', op: "PUT one network tag (project A's shared)", expect: e(201, 201, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/networks/${(await t.sharedNetwork()).id}/tags/a`, undefined, as)) },
  { resource: 'tags', op: "DELETE one network tag (project A's shared)", expect: e(204, 204, 403, 403, 403, 403),
    run: async (t, as) => {
      const net = await t.sharedNetwork();
      await t.api.put(`/v2.0/networks/${net.id}/tags`, { tags: ['red'] }, ADMIN);
      return status(await t.api.delete(`/v2.0/networks/${net.id}/tags/red`, as));
    } },
  { resource: 'tags', op: "DELETE all network tags (project A's shared)", expect: e(204, 204, 403, 403, 403, 403),
    run: async (t, as) => {
      const net = await t.sharedNetwork();
      await t.api.put(`/v2.0/networks/${net.id}/tags`, { tags: ['red'] }, ADMIN);
      return status(await t.api.delete(`/v2.0/networks/${net.id}/tags`, as));
    } },
  { resource: 'tags', op: 'PUT subnet tags', expect: e(200, 200, 403, 404, 404, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/subnets/${(await t.subnet(t.fx.netA.id)).id}/tags`, { tags: ['a'] }, as)) },
  { resource: 'tags', op: 'PUT port tags', expect: e(200, 200, 403, 404, 404, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/ports/${(await t.port(t.fx.netA.id)).id}/tags`, { tags: ['a'] }, as)) },
  { resource: 'tags', op: 'PUT subnet pool tags', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/subnetpools/${(await t.pool()).id}/tags`, { tags: ['a'] }, as)) },
];

// --- subnets -----------------------------------------------------------------
const SUBNET_ROWS: Row[] = [
  { resource: 'subnets', op: "create on project A's private network", expect: e(201, 201, 403, 404, 404, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/subnets', { subnet: { network_id: t.fx.netA.id, cidr: t.cidr(), ip_version: 4 } }, as)) },
  { resource: 'subnets', op: "create on project A's shared network", expect: e(201, 201, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/subnets', { subnet: { network_id: t.fx.sharedNet.id, cidr: t.cidr(), ip_version: 4 } }, as)) },
  { resource: 'subnets', op: 'create on an external network', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/subnets', { subnet: { network_id: t.fx.extNet.id, cidr: t.cidr(), ip_version: 4 } }, as)) },
  { resource: 'subnets', op: 'show (private network)', expect: e(200, 200, 200, 404, 404, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/subnets/${t.fx.subnetA.id}`, as)) },
  { resource: 'subnets', op: 'show (shared network)', expect: e(200, 200, 200, 200, 200, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/subnets/${t.fx.sharedSubnet.id}`, as)) },
  // Neutron scopes subnet reads by access_as_shared only: a public network's subnets stay hidden unless it is also shared.
  { resource: 'subnets', op: 'show (external network)', expect: e(200, 404, 404, 404, 404, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/subnets/${t.fx.extSubnet.id}`, as)) },
  { resource: 'subnets', op: 'list: subnet of a private network', expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'listed'),
    run: (t, as) => listed('subnets', () => t.fx.subnetA.id)(t, as) },
  { resource: 'subnets', op: 'update name (private network)', expect: e(200, 200, 403, 404, 404, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/subnets/${(await t.subnet(t.fx.netA.id)).id}`, { subnet: { name: 'x' } }, as)) },
  { resource: 'subnets', op: 'update name (shared network)', expect: e(200, 200, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/subnets/${(await t.subnet(t.fx.sharedNet.id, ADMIN, { project_id: 'project-a' })).id}`, { subnet: { name: 'x' } }, as)) },
  { resource: 'subnets', op: 'delete (private network)', expect: e(204, 204, 403, 404, 404, 403),
    run: async (t, as) => status(await t.api.delete(`/v2.0/subnets/${(await t.subnet(t.fx.netA.id)).id}`, as)) },
];

// --- ports -------------------------------------------------------------------
const portOnShared = (t: Ctx, body: Record<string, unknown>, as: As) => t.api.post('/v2.0/ports', { port: { network_id: t.fx.sharedNet.id, ...body } }, as);
const PORT_ROWS: Row[] = [
  { resource: 'ports', op: "create on project A's private network", expect: e(201, 201, 403, 404, 404, 201),
    run: async (t, as) => status(await t.api.post('/v2.0/ports', { port: { network_id: t.fx.netA.id } }, as)) },
  { resource: 'ports', op: "create on project A's shared network", expect: e(201, 201, 201, 201, 201, 201),
    run: async (t, as) => status(await portOnShared(t, {}, as)) },
  { resource: 'ports', op: 'create on an external (not shared) network', expect: e(201, 403, 403, 403, 403, 201),
    run: async (t, as) => status(await t.api.post('/v2.0/ports', { port: { network_id: t.fx.extNet.id } }, as)) },
  { resource: 'ports', op: 'create on shared network: fixed_ips by subnet_id', expect: e(201, 201, 201, 201, 201, 201),
    run: async (t, as) => status(await portOnShared(t, { fixed_ips: [{ subnet_id: t.fx.sharedSubnet.id }] }, as)) },
  { resource: 'ports', op: 'create on shared network: fixed_ips by ip_address', expect: e(201, 201, 403, 403, 403, 201),
    run: async (t, as) => status(await portOnShared(t, { fixed_ips: [{ ip_address: t.sharedIp() }] }, as)) },
  { resource: 'ports', op: 'create on shared network: mac_address', expect: e(201, 201, 403, 403, 403, 201),
    run: async (t, as) => status(await portOnShared(t, { mac_address: `fa:16:3e:aa:00:${(t.next() % 256).toString(16).padStart(2, '0')}` }, as)) },
  { resource: 'ports', op: 'create on shared network: device_owner network:dhcp', expect: e(201, 201, 403, 403, 403, 201),
    run: async (t, as) => status(await portOnShared(t, { device_owner: 'network:dhcp' }, as)) },
  { resource: 'ports', op: 'create on shared network: port_security_enabled=false', expect: e(201, 201, 403, 403, 403, 201),
    run: async (t, as) => status(await portOnShared(t, { port_security_enabled: false }, as)) },
  { resource: 'ports', op: 'create on shared network: allowed_address_pairs', expect: e(201, 201, 403, 403, 403, 201),
    run: async (t, as) => status(await portOnShared(t, { allowed_address_pairs: [{ ip_address: '192.168.50.250' }] }, as)) },
  { resource: 'ports', op: 'create with binding:host_id', expect: e(201, 403, 403, 404, 404, 201),
    run: async (t, as) => status(await t.api.post('/v2.0/ports', { port: { network_id: t.fx.netA.id, 'binding:host_id': 'host1' } }, as)) },
  { resource: 'ports', op: 'create with binding:profile', expect: e(403, 403, 403, 404, 404, 201),
    run: async (t, as) => status(await t.api.post('/v2.0/ports', { port: { network_id: t.fx.netA.id, 'binding:profile': { pci_slot: '0000:05:00.1' } } }, as)) },
  { resource: 'ports', op: 'show own port', expect: e(200, 200, 200, 404, 404, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/ports/${t.fx.portA.id}`, as)) },
  { resource: 'ports', op: "show project B's port on project A's shared network", expect: e(200, 200, 200, 200, 200, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/ports/${t.fx.portB.id}`, as)) },
  { resource: 'ports', op: 'list: own port', expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'listed'),
    run: (t, as) => listed('ports', () => t.fx.portA.id)(t, as) },
  { resource: 'ports', op: 'show: binding:host_id visible', expect: e('shown', 'stripped', 'stripped', 'stripped', 'stripped', 'shown'),
    run: (t, as) => attribute(() => `/v2.0/ports/${t.fx.portB.id}`, 'port', 'binding:host_id')(t, as) },
  { resource: 'ports', op: 'update name', expect: e(200, 200, 403, 404, 404, 200),
    run: async (t, as) => status(await t.api.put(`/v2.0/ports/${(await t.port(t.fx.netA.id)).id}`, { port: { name: 'x' } }, as)) },
  { resource: 'ports', op: "update name of project B's port on project A's shared network", expect: e(200, 403, 403, 200, 403, 200),
    run: async (t, as) => status(await t.api.put(`/v2.0/ports/${(await t.port(t.fx.sharedNet.id, B)).id}`, { port: { name: 'x' } }, as)) },
  { resource: 'ports', op: 'update binding:host_id to empty (OSSA-2014-031)', expect: e(200, 403, 403, 404, 404, 200),
    run: async (t, as) => status(await t.api.put(`/v2.0/ports/${(await t.port(t.fx.netA.id)).id}`, { port: { 'binding:host_id': '' } }, as)) },
  { resource: 'ports', op: 'update binding:profile to empty (OSSA-2014-031)', expect: e(403, 403, 403, 404, 404, 200),
    run: async (t, as) => status(await t.api.put(`/v2.0/ports/${(await t.port(t.fx.netA.id)).id}`, { port: { 'binding:profile': {} } }, as)) },
  { resource: 'ports', op: "update mac_address of project B's port on project A's network", expect: e(200, 403, 403, 403, 403, 200),
    run: async (t, as) => status(await t.api.put(`/v2.0/ports/${(await t.port(t.fx.sharedNet.id, B)).id}`, { port: { mac_address: `fa:16:3e:bb:00:${(t.next() % 256).toString(16).padStart(2, '0')}` } }, as)) },
  { resource: 'ports', op: "regenerate mac_address (null) of project B's port on project A's network", expect: e(200, 403, 403, 403, 403, 200),
    run: async (t, as) => status(await t.api.put(`/v2.0/ports/${(await t.port(t.fx.sharedNet.id, B)).id}`, { port: { mac_address: null } }, as)) },
  { resource: 'ports', op: "update fixed_ips by ip_address of project B's port on project A's network", expect: e(200, 403, 403, 403, 403, 200),
    run: async (t, as) => status(await t.api.put(`/v2.0/ports/${(await t.port(t.fx.sharedNet.id, B)).id}`, { port: { fixed_ips: [{ ip_address: t.sharedIp() }] } }, as)) },
  { resource: 'ports', op: 'delete own port', expect: e(204, 204, 403, 404, 404, 204),
    run: async (t, as) => status(await t.api.delete(`/v2.0/ports/${(await t.port(t.fx.netA.id)).id}`, as)) },
  { resource: 'ports', op: "delete project B's port on project A's shared network", expect: e(204, 204, 403, 204, 403, 204),
    run: async (t, as) => status(await t.api.delete(`/v2.0/ports/${(await t.port(t.fx.sharedNet.id, B)).id}`, as)) },
];

// --- port bindings (binding-extended) -------------------------------------------
/** A compute port of project A bound to hv-a, with an inactive binding on hv-b (Nova mid-way through a live migration). */
const migratingPortA = async (t: Ctx, inactiveHost: string | undefined = 'hv-b') => {
  const port = await t.port(t.fx.netA.id, ADMIN, { device_owner: 'compute:nova', 'binding:host_id': 'hv-a', project_id: 'project-a' });
  if (inactiveHost === undefined) return port;
  const created = await t.api.post(`/v2.0/ports/${port.id}/bindings`, { binding: { host: inactiveHost } }, PERSONAS.service);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return port;
};
const PORT_BINDING_ROWS: Row[] = [
  { resource: 'port bindings', op: "list: the inactive binding of project A's port", expect: e('listed', 'unlisted', 'unlisted', 404, 404, 'listed'),
    run: async (t, as) => {
      const response = await t.api.get(`/v2.0/ports/${(await migratingPortA(t)).id}/bindings`, as);
      return { response, present: response.body?.bindings?.some((b: any) => b.host === 'hv-b') ?? false };
    } },
  { resource: 'port bindings', op: 'show the inactive binding', expect: e(200, 404, 404, 404, 404, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/ports/${(await migratingPortA(t)).id}/bindings/hv-b`, as)) },
  { resource: 'port bindings', op: "create on project A's compute port", expect: e(403, 403, 403, 404, 404, 201),
    run: async (t, as) => status(await t.api.post(`/v2.0/ports/${(await migratingPortA(t, undefined)).id}/bindings`, { binding: { host: 'hv-c' } }, as)) },
  { resource: 'port bindings', op: 'activate the inactive binding', expect: e(403, 404, 404, 404, 404, 200),
    run: async (t, as) => status(await t.api.put(`/v2.0/ports/${(await migratingPortA(t)).id}/bindings/hv-b/activate`, undefined, as)) },
  { resource: 'port bindings', op: 'delete the inactive binding', expect: e(403, 404, 404, 404, 404, 204),
    run: async (t, as) => status(await t.api.delete(`/v2.0/ports/${(await migratingPortA(t)).id}/bindings/hv-b`, as)) },
];

// --- subnet pools and address scopes ------------------------------------------
const POOL_ROWS: Row[] = [
  { resource: 'subnetpools', op: 'create (own project)', expect: e(201, 201, 403, 201, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/subnetpools', { subnetpool: { name: 'p', prefixes: [`172.30.${t.next() % 250}.0/24`] } }, as)) },
  { resource: 'subnetpools', op: 'create shared=true', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/subnetpools', { subnetpool: { name: 'p', prefixes: [`172.31.${t.next() % 250}.0/24`], shared: true } }, as)) },
  { resource: 'subnetpools', op: 'create is_default=true', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/subnetpools', { subnetpool: { name: 'p', prefixes: ['fd00:99::/48'], is_default: true } }, as)) },
  { resource: 'subnetpools', op: 'show private', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/subnetpools/${t.fx.poolA.id}`, as)) },
  { resource: 'subnetpools', op: 'show shared', expect: e(200, 200, 200, 200, 200, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/subnetpools/${t.fx.sharedPool.id}`, as)) },
  { resource: 'subnetpools', op: 'list: private pool', expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'unlisted'),
    run: (t, as) => listed('subnetpools', () => t.fx.poolA.id)(t, as) },
  { resource: 'subnetpools', op: 'update name', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/subnetpools/${(await t.pool()).id}`, { subnetpool: { name: 'x' } }, as)) },
  { resource: 'subnetpools', op: 'update is_default to its current value', expect: e(200, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/subnetpools/${(await t.pool()).id}`, { subnetpool: { is_default: false } }, as)) },
  { resource: 'subnetpools', op: 'delete', expect: e(204, 204, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/subnetpools/${(await t.pool()).id}`, as)) },
];

const SCOPE_ROWS: Row[] = [
  { resource: 'address-scopes', op: 'create (own project)', expect: e(201, 201, 403, 201, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/address-scopes', { address_scope: { name: 's', ip_version: 4 } }, as)) },
  { resource: 'address-scopes', op: 'create shared=true', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/address-scopes', { address_scope: { name: 's', ip_version: 4, shared: true } }, as)) },
  { resource: 'address-scopes', op: 'show private', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/address-scopes/${t.fx.scopeA.id}`, as)) },
  { resource: 'address-scopes', op: 'show shared', expect: e(200, 200, 200, 200, 200, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/address-scopes/${t.fx.sharedScope.id}`, as)) },
  { resource: 'address-scopes', op: 'list: private scope', expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'unlisted'),
    run: (t, as) => listed('address_scopes', () => t.fx.scopeA.id)(t, as) },
  { resource: 'address-scopes', op: 'update name', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/address-scopes/${(await t.scope()).id}`, { address_scope: { name: 'x' } }, as)) },
  { resource: 'address-scopes', op: 'update shared=true', expect: e(200, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/address-scopes/${(await t.scope()).id}`, { address_scope: { shared: true } }, as)) },
  { resource: 'address-scopes', op: 'delete', expect: e(204, 204, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/address-scopes/${(await t.scope()).id}`, as)) },
];

// --- security groups, their rules, address groups ----------------------------
const SECURITY_GROUP_ROWS: Row[] = [
  { resource: 'security-groups', op: 'create (own project)', expect: e(201, 201, 403, 201, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/security-groups', { security_group: { name: `c${t.next()}` } }, as)) },
  { resource: 'security-groups', op: 'show', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/security-groups/${t.fx.groupA.id}`, as)) },
  { resource: 'security-groups', op: "list: project A's group", expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'unlisted'),
    run: (t, as) => listed('security_groups', () => t.fx.groupA.id)(t, as) },
  { resource: 'security-groups', op: 'update name', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/security-groups/${(await t.group()).id}`, { security_group: { name: `u${t.next()}` } }, as)) },
  { resource: 'security-groups', op: 'PUT tags', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/security-groups/${(await t.group()).id}/tags`, { tags: ['a'] }, as)) },
  { resource: 'security-groups', op: 'delete', expect: e(204, 204, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/security-groups/${(await t.group()).id}`, as)) },
  { resource: 'security-group-rules', op: "create in project A's group", expect: e(201, 201, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.post('/v2.0/security-group-rules', { security_group_rule: {
      security_group_id: t.fx.groupA.id, direction: 'egress', protocol: 'udp', port_range_min: t.next(), port_range_max: 65000 } }, as)) },
  { resource: 'security-group-rules', op: 'show', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/security-group-rules/${t.fx.ruleA.id}`, as)) },
  { resource: 'security-group-rules', op: "show the admin's rule in project A's group", expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/security-group-rules/${t.fx.adminRuleInA.id}`, as)) },
  { resource: 'security-group-rules', op: "list: the admin's rule in project A's group", expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'unlisted'),
    run: (t, as) => listed('security_group_rules', () => t.fx.adminRuleInA.id)(t, as) },
  { resource: 'security-group-rules', op: 'delete', expect: e(204, 204, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/security-group-rules/${(await t.rule(t.fx.groupA.id)).id}`, as)) },
  { resource: 'ports', op: "create on project A's private network with project A's group", expect: e(201, 201, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.post('/v2.0/ports', { port: { network_id: t.fx.netA.id, security_groups: [t.fx.groupA.id] } }, as)) },
  { resource: 'default-security-group-rules', op: 'create', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/default-security-group-rules', { default_security_group_rule: {
      direction: 'egress', protocol: 'udp', port_range_min: t.next(), port_range_max: 65000, used_in_default_sg: false, used_in_non_default_sg: false } }, as)) },
  { resource: 'default-security-group-rules', op: 'show', expect: e(200, 200, 200, 200, 200, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/default-security-group-rules/${t.fx.template.id}`, as)) },
  { resource: 'default-security-group-rules', op: 'list', expect: e('listed', 'listed', 'listed', 'listed', 'listed', 'unlisted'),
    run: (t, as) => listed('default_security_group_rules', () => t.fx.template.id)(t, as) },
  { resource: 'default-security-group-rules', op: 'delete', expect: e(204, 403, 403, 403, 403, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/default-security-group-rules/${(await t.api.create('default-security-group-rules', 'default_security_group_rule', {
      direction: 'egress', protocol: 'udp', port_range_min: t.next(), port_range_max: 65000, used_in_default_sg: false, used_in_non_default_sg: false }, ADMIN)).id}`, as)) },
  { resource: 'address-groups', op: 'create (own project)', expect: e(201, 201, 403, 201, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/address-groups', { address_group: { name: `c${t.next()}` } }, as)) },
  { resource: 'address-groups', op: 'show', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/address-groups/${t.fx.addressGroupA.id}`, as)) },
  { resource: 'address-groups', op: "list: project A's group", expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'unlisted'),
    run: (t, as) => listed('address_groups', () => t.fx.addressGroupA.id)(t, as) },
  { resource: 'address-groups', op: 'update name', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/address-groups/${(await t.addressGroup()).id}`, { address_group: { name: 'x' } }, as)) },
  { resource: 'address-groups', op: 'add_addresses', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/address-groups/${(await t.addressGroup()).id}/add_addresses`, { addresses: ['10.10.0.0/16'] }, as)) },
  { resource: 'address-groups', op: 'remove_addresses', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/address-groups/${(await t.addressGroup()).id}/remove_addresses`, { addresses: ['10.9.0.0/16'] }, as)) },
  { resource: 'address-groups', op: 'delete', expect: e(204, 204, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/address-groups/${(await t.addressGroup()).id}`, as)) },
];

// --- routers and floating IPs --------------------------------------------------
const L3_ROWS: Row[] = [
  { resource: 'routers', op: 'create (own project)', expect: e(201, 201, 403, 201, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/routers', { router: { name: `c${t.next()}` } }, as)) },
  { resource: 'routers', op: 'create with a gateway on the external network', expect: e(201, 201, 403, 201, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/routers', { router: { external_gateway_info: { network_id: t.fx.extNet.id } } }, as)) },
  // The policy decides before the gateway rules: project B's reader gets 403, its member the 404 of a network it cannot see.
  { resource: 'routers', op: 'create with a gateway on a private network of project A', expect: e(400, 400, 403, 404, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/routers', { router: { external_gateway_info: { network_id: t.fx.netA.id } } }, as)) },
  { resource: 'routers', op: 'create gateway enable_snat=false', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/routers', { router: { external_gateway_info: { network_id: t.fx.extNet.id, enable_snat: false } } }, as)) },
  { resource: 'routers', op: 'create gateway external_fixed_ips', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/routers', { router: { external_gateway_info: {
      network_id: t.fx.extNet.id, external_fixed_ips: [{ subnet_id: t.fx.extSubnet.id }] } } }, as)) },
  { resource: 'routers', op: 'create distributed=true', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/routers', { router: { distributed: true } }, as)) },
  { resource: 'routers', op: 'show', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/routers/${t.fx.routerA.id}`, as)) },
  { resource: 'routers', op: "list: project A's router", expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'unlisted'),
    run: (t, as) => listed('routers', () => t.fx.routerA.id)(t, as) },
  { resource: 'routers', op: 'show attribute distributed', expect: e('shown', 'stripped', 'stripped', 404, 404, 404),
    run: (t, as) => attribute(() => `/v2.0/routers/${t.fx.routerA.id}`, 'router', 'distributed')(t, as) },
  { resource: 'routers', op: 'update name', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/routers/${(await t.router()).id}`, { router: { name: 'x' } }, as)) },
  { resource: 'routers', op: 'update gateway (network only)', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/routers/${(await t.router()).id}`, { router: { external_gateway_info: { network_id: t.fx.extNet.id } } }, as)) },
  { resource: 'routers', op: 'update gateway enable_snat', expect: e(200, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/routers/${(await t.router()).id}`, { router: { external_gateway_info: { network_id: t.fx.extNet.id, enable_snat: false } } }, as)) },
  { resource: 'routers', op: 'update distributed', expect: e(200, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/routers/${(await t.router()).id}`, { router: { distributed: false } }, as)) },
  { resource: 'routers', op: 'PUT tags', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/routers/${(await t.router()).id}/tags`, { tags: ['a'] }, as)) },
  { resource: 'routers', op: 'GET tags', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/routers/${t.fx.routerA.id}/tags`, as)) },
  { resource: 'routers', op: 'delete', expect: e(204, 204, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/routers/${(await t.router()).id}`, as)) },
  { resource: 'routers', op: "add_router_interface (project A's subnet)", expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => {
      const router = await t.router();
      const subnet = await t.subnet((await t.network()).id);
      return status(await t.api.put(`/v2.0/routers/${router.id}/add_router_interface`, { subnet_id: subnet.id }, as));
    } },
  { resource: 'routers', op: "add_router_interface (project A's port)", expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => {
      const router = await t.router();
      const port = await t.port((await t.network()).id);
      await t.subnet(port.network_id);
      const withIp = await t.port(port.network_id);
      return status(await t.api.put(`/v2.0/routers/${router.id}/add_router_interface`, { port_id: withIp.id }, as));
    } },
  { resource: 'routers', op: 'remove_router_interface', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => {
      const { router, subnet } = await t.routerWithInterface();
      return status(await t.api.put(`/v2.0/routers/${router.id}/remove_router_interface`, { subnet_id: subnet.id }, as));
    } },
  { resource: 'routers', op: 'add_extraroutes', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/routers/${(await t.router()).id}/add_extraroutes`, { router: { routes: [] } }, as)) },
  { resource: 'routers', op: 'remove_extraroutes', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/routers/${(await t.router()).id}/remove_extraroutes`, { router: { routes: [] } }, as)) },
  { resource: 'ports', op: "list: project A's router interface by device_id", expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'listed'),
    run: async (t, as) => {
      const response = await t.api.get(`/v2.0/ports?device_id=${t.fx.routerA.id}&device_owner=network:router_interface`, as);
      return { response, present: response.body?.ports?.length === 1 };
    } },
  { resource: 'floatingips', op: 'create (own project)', expect: e(201, 201, 403, 201, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/floatingips', { floatingip: { floating_network_id: t.fx.extNet.id } }, as)) },
  { resource: 'floatingips', op: 'create floating_ip_address', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => {
      const network = await t.network({ 'router:external': true }, ADMIN);
      const subnet = await t.subnet(network.id, ADMIN);
      const address = subnet.cidr.replace(/0\/24$/, '77');
      return status(await t.api.post('/v2.0/floatingips', { floatingip: { floating_network_id: network.id, floating_ip_address: address } }, as));
    } },
  // Project B naming project A is refused before any rule (400), as for every create.
  { resource: 'floatingips', op: "create associated with project A's port", expect: e(201, 201, 403, 400, 400, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/floatingips', { floatingip: {
      floating_network_id: t.fx.extNet.id, port_id: (await t.port(t.fx.netA.id)).id, project_id: 'project-a' } }, as)) },
  { resource: 'floatingips', op: 'show', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/floatingips/${t.fx.fipA.id}`, as)) },
  { resource: 'floatingips', op: "list: project A's floating IP", expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'unlisted'),
    run: (t, as) => listed('floatingips', () => t.fx.fipA.id)(t, as) },
  { resource: 'floatingips', op: 'update description', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/floatingips/${(await t.floatingip()).id}`, { floatingip: { description: 'x' } }, as)) },
  { resource: 'floatingips', op: "associate with project A's port", expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/floatingips/${(await t.floatingip()).id}`, { floatingip: { port_id: (await t.port(t.fx.netA.id)).id } }, as)) },
  { resource: 'floatingips', op: 'PUT tags', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/floatingips/${(await t.floatingip()).id}/tags`, { tags: ['a'] }, as)) },
  { resource: 'floatingips', op: 'delete', expect: e(204, 204, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/floatingips/${(await t.floatingip()).id}`, as)) },
  { resource: 'port_forwardings', op: "create on project A's floating IP", expect: e(201, 201, 403, 404, 404, 404),
    run: async (t, as) => {
      const fip = await t.floatingip();
      const port = await t.port(t.fx.netA.id);
      return status(await t.api.post(`/v2.0/floatingips/${fip.id}/port_forwardings`, { port_forwarding: { protocol: 'udp', internal_port_id: port.id, internal_port: 53, external_port: 5353 } }, as));
    } },
  { resource: 'port_forwardings', op: 'show', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/floatingips/${t.fx.pfA.fip.id}/port_forwardings/${t.fx.pfA.pf.id}`, as)) },
  { resource: 'port_forwardings', op: "list: project A's forwarding", expect: e('listed', 'listed', 'listed', 404, 404, 404),
    run: async (t, as) => {
      const response = await t.api.get(`/v2.0/floatingips/${t.fx.pfA.fip.id}/port_forwardings`, as);
      return { response, present: response.body?.port_forwardings?.some((p: any) => p.id === t.fx.pfA.pf.id) ?? false };
    } },
  { resource: 'port_forwardings', op: 'update description', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => {
      const { fip, pf } = await t.portForwarding();
      return status(await t.api.put(`/v2.0/floatingips/${fip.id}/port_forwardings/${pf.id}`, { port_forwarding: { description: 'x' } }, as));
    } },
  { resource: 'port_forwardings', op: 'delete', expect: e(204, 204, 403, 404, 404, 404),
    run: async (t, as) => {
      const { fip, pf } = await t.portForwarding();
      return status(await t.api.delete(`/v2.0/floatingips/${fip.id}/port_forwardings/${pf.id}`, as));
    } },
  { resource: 'floatingip_pools', op: 'list: the external subnet', expect: e('listed', 'listed', 'listed', 'listed', 'listed', 'unlisted'),
    run: async (t, as) => {
      const response = await t.api.get('/v2.0/floatingip_pools', as);
      return { response, present: response.body?.floatingip_pools?.some((p: any) => p.subnet_id === t.fx.extSubnet.id) ?? false };
    } },
];

// --- quotas, IP availability, extensions -------------------------------------
const UNLIMITED = { network: -1, subnet: -1, port: -1, subnetpool: -1, security_group: -1, security_group_rule: -1, router: -1, floatingip: -1, rbac_policy: -1 };
const QUOTA_ROWS: Row[] = [
  { resource: 'quotas', op: "show project A's", expect: e(200, 200, 200, 403, 403, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/quotas/project-a', as)) },
  { resource: 'quotas', op: "show project A's defaults", expect: e(200, 200, 200, 403, 403, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/quotas/project-a/default', as)) },
  { resource: 'quotas', op: "show project A's details", expect: e(200, 200, 200, 403, 403, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/quotas/project-a/details', as)) },
  { resource: 'quotas', op: 'list all projects', expect: e(200, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/quotas', as)) },
  { resource: 'quotas', op: "update project A's", expect: e(200, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.put('/v2.0/quotas/project-a', { quota: UNLIMITED }, as)) },
  { resource: 'quotas', op: "reset project A's", expect: e(204, 403, 403, 403, 403, 403),
    run: async (t, as) => {
      const response = await t.api.delete('/v2.0/quotas/project-a', as);
      await t.api.put('/v2.0/quotas/project-a', { quota: UNLIMITED }, ADMIN);
      return status(response);
    } },
];

const AVAILABILITY_ROWS: Row[] = [
  { resource: 'network-ip-availabilities', op: 'show (own network)', expect: e(200, 404, 404, 404, 404, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/network-ip-availabilities/${t.fx.netA.id}`, as)) },
  { resource: 'network-ip-availabilities', op: 'list: own network', expect: e('listed', 'unlisted', 'unlisted', 'unlisted', 'unlisted', 'listed'),
    run: (t, as) => listed('network_ip_availabilities', () => t.fx.netA.id)(t, as) },
];

// --- muon's IPAM extensions (admin-made reservations; reports and history) ----------------
/** A fresh reservation of one address of project A's subnet, for project A, made by the admin. */
async function reservationA(t: Ctx): Promise<any> {
  return t.api.create('ip-reservations', 'ip_reservation', { subnet_id: t.fx.subnetA.id, ip_address: `10.1.0.${100 + (t.next() % 150)}`, project_id: 'project-a' }, ADMIN);
}
/** A fresh /30 block of the shared pool for project A, made by the admin. */
async function blockA(t: Ctx): Promise<any> {
  return t.api.create('ip-blocks', 'ip_block', { subnetpool_id: t.fx.sharedPool.id, prefixlen: 30, project_id: 'project-a' }, ADMIN);
}
const IPAM_ROWS: Row[] = [
  { resource: 'ip-reservations', op: "create on project A's subnet for project A", expect: e(201, 403, 403, 400, 400, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/ip-reservations', { ip_reservation: { subnet_id: t.fx.subnetA.id, ip_address: `10.1.0.${100 + (t.next() % 150)}`, project_id: 'project-a' } }, as)) },
  { resource: 'ip-reservations', op: 'show', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/ip-reservations/${(await reservationA(t)).id}`, as)) },
  { resource: 'ip-reservations', op: 'list', expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'unlisted'),
    run: async (t, as) => { const r = await reservationA(t); return listed('ip_reservations', () => r.id)(t, as); } },
  { resource: 'ip-reservations', op: 'update name', expect: e(200, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/ip-reservations/${(await reservationA(t)).id}`, { ip_reservation: { name: 'x' } }, as)) },
  { resource: 'ip-reservations', op: 'delete', expect: e(204, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/ip-reservations/${(await reservationA(t)).id}`, as)) },
  { resource: 'ip-blocks', op: "create from a shared pool for project A", expect: e(201, 403, 403, 400, 400, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/ip-blocks', { ip_block: { subnetpool_id: t.fx.sharedPool.id, prefixlen: 30, project_id: 'project-a' } }, as)) },
  { resource: 'ip-blocks', op: 'show', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/ip-blocks/${(await blockA(t)).id}`, as)) },
  { resource: 'ip-blocks', op: 'update name', expect: e(200, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/ip-blocks/${(await blockA(t)).id}`, { ip_block: { name: 'x' } }, as)) },
  { resource: 'ip-blocks', op: 'delete', expect: e(204, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/ip-blocks/${(await blockA(t)).id}`, as)) },
  { resource: 'ip-address-history', op: 'list', expect: e(200, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/ip-address-history?limit=1', as)) },
  { resource: 'muon/changes', op: 'read the change feed', expect: e(200, 403, 403, 403, 403, 200),
    run: async (t, as) => status(await t.api.get('/v2.0/muon/changes?limit=1', as)) },
  { resource: 'muon/agents', op: 'report an agent heartbeat', expect: e(200, 403, 403, 403, 403, 200),
    run: async (t, as) => status(await t.api.post('/v2.0/muon/agents', { agent: { agent_type: 'OVN Controller agent', binary: 'muon-agent', host: 'hv-matrix' } }, as)) },
  { resource: 'muon/ports/status', op: "report project A's port ACTIVE", expect: e(200, 403, 403, 403, 403, 200),
    run: async (t, as) => status(await t.api.put(`/v2.0/muon/ports/${t.fx.portA.id}/status`, { port_status: { host: 'hv-matrix', status: 'ACTIVE' } }, as)) },
  { resource: 'subnetpool-prefix-history', op: 'list', expect: e(200, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/subnetpool-prefix-history?limit=1', as)) },
  { resource: 'subnet-ip-usages', op: "show project A's subnet", expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/subnet-ip-usages/${t.fx.subnetA.id}`, as)) },
  { resource: 'subnetpool-ip-usages', op: "show project A's pool", expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/subnetpool-ip-usages/${t.fx.poolA.id}`, as)) },
  { resource: 'address-scope-ip-usages', op: "show project A's scope", expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/address-scope-ip-usages/${t.fx.scopeA.id}`, as)) },
  { resource: 'project-ip-usages', op: 'show project A', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get('/v2.0/project-ip-usages/project-a', as)) },
  { resource: 'metrics', op: 'scrape', expect: e(200, 403, 403, 403, 403, 403),
    run: async (t, as) => {
      // Prometheus text, not JSON: read the raw answer.
      const raw = await t.api.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-project-id': as.project!, 'x-roles': as.roles! } });
      return status({ status: raw.statusCode, body: raw.statusCode === 200 ? raw.body : JSON.parse(raw.body), headers: raw.headers, text: raw.body });
    } },
];

// --- RBAC policies ------------------------------------------------------------
/** A fresh policy of project A sharing a fresh network of its own with a project no persona belongs to. */
const policyA = async (t: Ctx) => t.api.create('rbac-policies', 'rbac_policy', {
  object_type: 'network', object_id: (await t.network()).id, action: 'access_as_shared', target_tenant: `project-z${t.next()}`,
}, A);
const RBAC_ROWS: Row[] = [
  { resource: 'rbac-policies', op: "create on project A's network", expect: e(201, 201, 403, 404, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/rbac-policies', { rbac_policy: { object_type: 'network', object_id: t.fx.netA.id, action: 'access_as_shared', target_tenant: `project-y${t.next()}` } }, as)) },
  { resource: 'rbac-policies', op: "create target '*' on project A's network", expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/rbac-policies', { rbac_policy: { object_type: 'network', object_id: (await t.network()).id, action: 'access_as_shared', target_tenant: '*' } }, as)) },
  { resource: 'rbac-policies', op: "create on project A's security group", expect: e(201, 201, 403, 404, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/rbac-policies', { rbac_policy: { object_type: 'security_group', object_id: t.fx.groupA.id, action: 'access_as_shared', target_tenant: `project-y${t.next()}` } }, as)) },
  { resource: 'rbac-policies', op: "show project A's policy", expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/rbac-policies/${t.fx.policyA.id}`, as)) },
  { resource: 'rbac-policies', op: "list: project A's policy", expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'unlisted'),
    run: (t, as) => listed('rbac_policies', () => t.fx.policyA.id)(t, as) },
  { resource: 'rbac-policies', op: 'update target_tenant', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/rbac-policies/${(await policyA(t)).id}`, { rbac_policy: { target_tenant: `project-x${t.next()}` } }, as)) },
  { resource: 'rbac-policies', op: "update target_tenant to '*'", expect: e(200, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/rbac-policies/${(await policyA(t)).id}`, { rbac_policy: { target_tenant: '*' } }, as)) },
  { resource: 'rbac-policies', op: 'delete', expect: e(204, 204, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/rbac-policies/${(await policyA(t)).id}`, as)) },
  // Cross-project edge cases: what a share to project B opens, and what it does not.
  { resource: 'networks', op: 'show network shared with project B by an RBAC policy', expect: e(200, 404, 404, 200, 200, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/networks/${t.fx.netToB.id}`, as)) },
  { resource: 'networks', op: 'list: network shared with project B by an RBAC policy', expect: e('listed', 'unlisted', 'unlisted', 'listed', 'listed', 'listed'),
    run: (t, as) => listed('networks', () => t.fx.netToB.id)(t, as) },
  { resource: 'subnets', op: 'show subnet of the network shared with project B', expect: e(200, 404, 404, 200, 200, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/subnets/${t.fx.subnetToB.id}`, as)) },
  // Readers too, as on networks shared with everyone (see the shared-network rows above).
  { resource: 'ports', op: 'create on the network shared with project B', expect: e(201, 404, 404, 201, 201, 201),
    run: async (t, as) => status(await t.api.post('/v2.0/ports', { port: { network_id: t.fx.netToB.id } }, as)) },
  { resource: 'networks', op: 'update the network shared with project B', expect: e(200, 404, 404, 403, 403, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/networks/${t.fx.netToB.id}`, { network: { name: `s${t.next()}` } }, as)) },
  { resource: 'rbac-policies', op: 'delete the share while project B has a port on the shared network', expect: e(409, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/rbac-policies/${t.fx.shareToB.id}`, as)) },
];

/** A VXLAN segment added to a fresh network of project A (admin-made: segments are the administrator's). */
async function segmentA(t: Ctx): Promise<any> {
  return t.api.create('segments', 'segment', { network_id: (await t.network()).id, network_type: 'vxlan' }, ADMIN);
}
/** A VXLAN range of project A above the configured ones. */
async function rangeA(t: Ctx): Promise<any> {
  const n = t.next();
  return t.api.create('network-segment-ranges', 'network_segment_range', { network_type: 'vxlan', minimum: 200000 + n * 10, maximum: 200005 + n * 10, shared: false, project_id: 'project-a' }, ADMIN);
}
const SEGMENT_ROWS: Row[] = [
  { resource: 'segments', op: "create on project A's network", expect: e(201, 403, 403, 404, 404, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/segments', { segment: { network_id: (await t.network()).id, network_type: 'vxlan' } }, as)) },
  { resource: 'segments', op: 'show', expect: e(200, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/segments/${(await segmentA(t)).id}`, as)) },
  { resource: 'segments', op: 'list', expect: e('listed', 'unlisted', 'unlisted', 'unlisted', 'unlisted', 'unlisted'),
    run: async (t, as) => { const s = await segmentA(t); return listed('segments', () => s.id)(t, as); } },
  { resource: 'segments', op: 'update name', expect: e(200, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/segments/${(await segmentA(t)).id}`, { segment: { name: 'x' } }, as)) },
  { resource: 'segments', op: 'delete', expect: e(204, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/segments/${(await segmentA(t)).id}`, as)) },
  // Another project's name: 400 while reading the body, before any rule (as for networks).
  { resource: 'network_segment_ranges', op: 'create for project A', expect: e(201, 403, 403, 400, 400, 403),
    run: async (t, as) => {
      const n = t.next();
      return status(await t.api.post('/v2.0/network-segment-ranges', { network_segment_range: { network_type: 'vxlan', minimum: 300000 + n * 10, maximum: 300005 + n * 10, shared: false, project_id: 'project-a' } }, as));
    } },
  { resource: 'network_segment_ranges', op: "show project A's range", expect: e(200, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/network-segment-ranges/${(await rangeA(t)).id}`, as)) },
  { resource: 'network_segment_ranges', op: "list: project A's range", expect: e('listed', 'unlisted', 'unlisted', 'unlisted', 'unlisted', 'unlisted'),
    run: async (t, as) => { const r = await rangeA(t); return listed('network_segment_ranges', () => r.id)(t, as); } },
  { resource: 'network_segment_ranges', op: 'update name', expect: e(200, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/network-segment-ranges/${(await rangeA(t)).id}`, { network_segment_range: { name: 'x' } }, as)) },
  { resource: 'network_segment_ranges', op: 'delete', expect: e(204, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/network-segment-ranges/${(await rangeA(t)).id}`, as)) },
];

/** A trunk of project A on a fresh port of its network. */
async function trunkA(t: Ctx): Promise<any> {
  return t.api.create('trunks', 'trunk', { port_id: (await t.port(t.fx.netA.id)).id }, A);
}
const TRUNK_ROWS: Row[] = [
  { resource: 'trunks', op: "create on project A's port", expect: e(201, 201, 403, 404, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/trunks', { trunk: { port_id: (await t.port(t.fx.netA.id)).id } }, as)) },
  { resource: 'trunks', op: 'show', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/trunks/${(await trunkA(t)).id}`, as)) },
  { resource: 'trunks', op: 'list', expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'unlisted'),
    run: async (t, as) => { const tr = await trunkA(t); return listed('trunks', () => tr.id)(t, as); } },
  { resource: 'trunks', op: 'update name', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/trunks/${(await trunkA(t)).id}`, { trunk: { name: 'x' } }, as)) },
  { resource: 'trunks', op: 'add_subports', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/trunks/${(await trunkA(t)).id}/add_subports`, { sub_ports: [{ port_id: (await t.port(t.fx.netA.id)).id, segmentation_type: 'vlan', segmentation_id: 5 }] }, as)) },
  { resource: 'trunks', op: 'remove_subports', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => {
      const sub = await t.port(t.fx.netA.id);
      const tr = await t.api.create('trunks', 'trunk', { port_id: (await t.port(t.fx.netA.id)).id, sub_ports: [{ port_id: sub.id, segmentation_type: 'vlan', segmentation_id: 5 }] }, A);
      return status(await t.api.put(`/v2.0/trunks/${tr.id}/remove_subports`, { sub_ports: [{ port_id: sub.id }] }, as));
    } },
  { resource: 'trunks', op: 'get_subports', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/trunks/${(await trunkA(t)).id}/get_subports`, as)) },
  { resource: 'trunks', op: 'delete', expect: e(204, 204, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/trunks/${(await trunkA(t)).id}`, as)) },
];

/** Shares an object with project B (access_as_shared), as an admin. */
async function shareWithB(t: Ctx, objectType: string, objectId: string): Promise<void> {
  const response = await t.api.post('/v2.0/rbac-policies', { rbac_policy: { object_type: objectType, object_id: objectId, action: 'access_as_shared', target_tenant: 'project-b' } }, ADMIN);
  assert.equal(response.status, 201, JSON.stringify(response.body));
}

/** A QoS policy of project A (admin-made) with one bandwidth limit rule; `shared` on request. */
async function qosPolicyA(t: Ctx, shared = false): Promise<{ policy: any; rule: any }> {
  const policy = await t.api.create('qos/policies', 'policy', { name: `q${t.next()}`, project_id: 'project-a', shared }, ADMIN);
  const rule = (await t.api.post(`/v2.0/qos/policies/${policy.id}/bandwidth_limit_rules`, { bandwidth_limit_rule: { max_kbps: 100 } }, ADMIN)).body.bandwidth_limit_rule;
  return { policy, rule };
}
const QOS_ROWS: Row[] = [
  { resource: 'qos/policies', op: 'create (own project)', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/qos/policies', { policy: { name: `c${t.next()}` } }, as)) },
  { resource: 'qos/policies', op: 'show private', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/qos/policies/${(await qosPolicyA(t)).policy.id}`, as)) },
  { resource: 'qos/policies', op: 'show shared', expect: e(200, 200, 200, 200, 200, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/qos/policies/${(await qosPolicyA(t, true)).policy.id}`, as)) },
  { resource: 'qos/policies', op: 'list: private policy', expect: e('listed', 'listed', 'listed', 'unlisted', 'unlisted', 'unlisted'),
    run: async (t, as) => {
      const { policy } = await qosPolicyA(t);
      const response = await t.api.get('/v2.0/qos/policies', as);
      return { response, present: response.body?.policies?.some((p: any) => p.id === policy.id) ?? false };
    } },
  { resource: 'qos/policies', op: 'update name', expect: e(200, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/qos/policies/${(await qosPolicyA(t)).policy.id}`, { policy: { name: 'x' } }, as)) },
  { resource: 'qos/policies', op: 'delete', expect: e(204, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/qos/policies/${(await qosPolicyA(t)).policy.id}`, as)) },
  // A caller who could not create a rule in a policy of its own is refused before the policy is looked up (Neutron's API layer).
  { resource: 'qos rules', op: 'create (nested)', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post(`/v2.0/qos/policies/${(await qosPolicyA(t)).policy.id}/dscp_marking_rules`, { dscp_marking_rule: { dscp_mark: 8 } }, as)) },
  { resource: 'qos rules', op: 'show (nested)', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => { const q = await qosPolicyA(t); return status(await t.api.get(`/v2.0/qos/policies/${q.policy.id}/bandwidth_limit_rules/${q.rule.id}`, as)); } },
  { resource: 'qos rules', op: 'list (nested)', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/qos/policies/${(await qosPolicyA(t)).policy.id}/bandwidth_limit_rules`, as)) },
  { resource: 'qos rules', op: 'update (nested)', expect: e(200, 403, 403, 404, 404, 404),
    run: async (t, as) => { const q = await qosPolicyA(t); return status(await t.api.put(`/v2.0/qos/policies/${q.policy.id}/bandwidth_limit_rules/${q.rule.id}`, { bandwidth_limit_rule: { max_kbps: 5 } }, as)); } },
  { resource: 'qos rules', op: 'delete (nested)', expect: e(204, 403, 403, 404, 404, 404),
    run: async (t, as) => { const q = await qosPolicyA(t); return status(await t.api.delete(`/v2.0/qos/policies/${q.policy.id}/bandwidth_limit_rules/${q.rule.id}`, as)); } },
  { resource: 'qos rules', op: 'show (alias)', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/qos/alias-bandwidth-limit-rules/${(await qosPolicyA(t)).rule.id}`, as)) },
  { resource: 'qos rules', op: 'update (alias)', expect: e(200, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/qos/alias-bandwidth-limit-rules/${(await qosPolicyA(t)).rule.id}`, { alias_bandwidth_limit_rule: { max_kbps: 5 } }, as)) },
  { resource: 'qos rules', op: 'delete (alias)', expect: e(204, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/qos/alias-bandwidth-limit-rules/${(await qosPolicyA(t)).rule.id}`, as)) },
  { resource: 'qos rules', op: "rules of project A's shared policy (nested list)", expect: e(200, 200, 200, 200, 200, 200),
    run: async (t, as) => status(await t.api.get(`/v2.0/qos/policies/${(await qosPolicyA(t, true)).policy.id}/bandwidth_limit_rules`, as)) },
  { resource: 'qos rules', op: "show a rule of project A's shared policy (nested)", expect: e(200, 200, 200, 200, 200, 200),
    run: async (t, as) => { const q = await qosPolicyA(t, true); return status(await t.api.get(`/v2.0/qos/policies/${q.policy.id}/bandwidth_limit_rules/${q.rule.id}`, as)); } },
  { resource: 'qos rules', op: "update a rule of project A's shared policy (nested)", expect: e(200, 403, 403, 403, 403, 403),
    run: async (t, as) => { const q = await qosPolicyA(t, true); return status(await t.api.put(`/v2.0/qos/policies/${q.policy.id}/bandwidth_limit_rules/${q.rule.id}`, { bandwidth_limit_rule: { max_kbps: 7 } }, as)); } },
  { resource: 'qos/policies', op: 'show: shared with project B by RBAC', expect: e(200, 200, 200, 200, 200, 404),
    run: async (t, as) => { const q = await qosPolicyA(t); await shareWithB(t, 'qos_policy', q.policy.id); return status(await t.api.get(`/v2.0/qos/policies/${q.policy.id}`, as)); } },
  { resource: 'qos/policies', op: 'list: shared with project B by RBAC', expect: e('listed', 'listed', 'listed', 'listed', 'listed', 'unlisted'),
    run: async (t, as) => {
      const { policy } = await qosPolicyA(t);
      await shareWithB(t, 'qos_policy', policy.id);
      const response = await t.api.get('/v2.0/qos/policies', as);
      return { response, present: response.body?.policies?.some((p: any) => p.id === policy.id) ?? false };
    } },
  { resource: 'qos rules', op: 'list rules of a policy shared with project B by RBAC', expect: e(200, 200, 200, 200, 200, 404),
    run: async (t, as) => { const q = await qosPolicyA(t); await shareWithB(t, 'qos_policy', q.policy.id); return status(await t.api.get(`/v2.0/qos/policies/${q.policy.id}/bandwidth_limit_rules`, as)); } },
  { resource: 'networks', op: 'create with a QoS policy shared with project B by RBAC', expect: e(201, 201, 403, 201, 403, 403),
    run: async (t, as) => { const q = await qosPolicyA(t); await shareWithB(t, 'qos_policy', q.policy.id); return status(await t.api.post('/v2.0/networks', { network: { name: `n${t.next()}`, qos_policy_id: q.policy.id } }, as)); } },
  { resource: 'qos/policies', op: 'add a tag at /v2.0/policies/{id}/tags', expect: e(201, 403, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/policies/${(await qosPolicyA(t)).policy.id}/tags/t${t.next()}`, undefined, as)) },
  { resource: 'address-groups', op: 'update a group of A shared with project B by RBAC', expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => { const group = await t.addressGroup(); await shareWithB(t, 'address_group', group.id); return status(await t.api.put(`/v2.0/address-groups/${group.id}`, { address_group: { name: 'x' } }, as)); } },
  { resource: 'qos/rule-types', op: 'list', expect: e(200, 200, 200, 200, 200, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/qos/rule-types', as)) },
  { resource: 'qos/rule-types', op: 'show details', expect: e(200, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/qos/rule-types/bandwidth_limit', as)) },
  // Readers may create ports on shared networks (see the RBAC rows); only admins and project A may name its private policy.
  { resource: 'ports', op: "create with project A's private QoS policy", expect: e(201, 201, 201, 404, 404, 404),
    run: async (t, as) => status(await t.api.post('/v2.0/ports', { port: { network_id: t.fx.sharedNet.id, qos_policy_id: (await qosPolicyA(t)).policy.id } }, as)) },
  // qos-pps: packet rate limit rules, under their policy only.
  { resource: 'qos rules', op: 'create packet_rate_limit (nested)', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post(`/v2.0/qos/policies/${(await qosPolicyA(t)).policy.id}/packet_rate_limit_rules`, { packet_rate_limit_rule: { max_kpps: 8 } }, as)) },
  { resource: 'qos rules', op: 'list packet_rate_limit (nested)', expect: e(200, 200, 200, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/qos/policies/${(await qosPolicyA(t)).policy.id}/packet_rate_limit_rules`, as)) },
  // qos-fip, qos-gateway-ip, qos-port-network-policy: applying project A's private policy; project B's member meets its 404.
  { resource: 'floatingips', op: "create with project A's QoS policy", expect: e(201, 201, 403, 404, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/floatingips', { floatingip: { floating_network_id: t.fx.extNet.id, qos_policy_id: (await qosPolicyA(t)).policy.id } }, as)) },
  { resource: 'floatingips', op: "update qos_policy_id to project A's policy", expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/floatingips/${(await t.floatingip()).id}`, { floatingip: { qos_policy_id: (await qosPolicyA(t)).policy.id } }, as)) },
  { resource: 'routers', op: "create gateway with project A's QoS policy", expect: e(201, 201, 403, 404, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/routers', { router: { external_gateway_info: { network_id: t.fx.extNet.id, qos_policy_id: (await qosPolicyA(t)).policy.id } } }, as)) },
  { resource: 'routers', op: "update gateway qos_policy_id to project A's policy", expect: e(200, 200, 403, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/routers/${(await t.router()).id}`, { router: { external_gateway_info: { network_id: t.fx.extNet.id, qos_policy_id: (await qosPolicyA(t)).policy.id } } }, as)) },
  { resource: 'ports', op: 'show attribute qos_network_policy_id', expect: e('shown', 'shown', 'shown', 404, 404, 'shown'),
    run: (t, as) => attribute(() => `/v2.0/ports/${t.fx.portA.id}`, 'port', 'qos_network_policy_id')(t, as) },
  // port-resource-request: get_port:resource_request is admin only (not even the service role).
  { resource: 'ports', op: 'show attribute resource_request', expect: e('shown', 'stripped', 'stripped', 404, 404, 'stripped'),
    run: (t, as) => attribute(() => `/v2.0/ports/${t.fx.portA.id}`, 'port', 'resource_request')(t, as) },
];

/** An agent report (agents register through core, not the API). */
async function agentId(t: Ctx): Promise<string> {
  return t.api.services.agents.registry.report({ agent_type: 'muon agent', binary: 'muon-agent', topic: 'N/A', host: `h${t.next()}` });
}
const AGENT_ROWS: Row[] = [
  { resource: 'agents', op: 'show', expect: e(200, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/agents/${await agentId(t)}`, as)) },
  { resource: 'agents', op: 'list', expect: e('listed', 'unlisted', 'unlisted', 'unlisted', 'unlisted', 'unlisted'),
    run: async (t, as) => { const id = await agentId(t); return listed('agents', () => id)(t, as); } },
  { resource: 'agents', op: 'update description', expect: e(200, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/agents/${await agentId(t)}`, { agent: { description: 'x' } }, as)) },
  { resource: 'agents', op: 'delete', expect: e(204, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/agents/${await agentId(t)}`, as)) },
  { resource: 'availability_zones', op: 'list (cloud-wide)', expect: e(200, 200, 200, 200, 200, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/availability_zones', as)) },
  { resource: 'service-providers', op: 'list (cloud-wide)', expect: e(200, 200, 200, 200, 200, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/service-providers', as)) },
];

// --- flavors and service profiles (cloud-wide objects: no project owns them) --------------
/** A fresh flavor, a fresh service profile, and both associated (admin-made). */
async function flavorOf(t: Ctx): Promise<any> {
  return t.api.create('flavors', 'flavor', { name: `f${t.next()}`, service_type: 'FLAVORS' }, ADMIN);
}
async function serviceProfileOf(t: Ctx): Promise<any> {
  return t.api.create('service_profiles', 'service_profile', { metainfo: `m${t.next()}` }, ADMIN);
}
async function associated(t: Ctx): Promise<{ flavor: any; profile: any }> {
  const [flavor, profile] = [await flavorOf(t), await serviceProfileOf(t)];
  const added = await t.api.post(`/v2.0/flavors/${flavor.id}/service_profiles`, { service_profile: { id: profile.id } }, ADMIN);
  assert.equal(added.status, 201, JSON.stringify(added.body));
  return { flavor, profile };
}
const FLAVOR_ROWS: Row[] = [
  { resource: 'flavors', op: 'create', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/flavors', { flavor: { service_type: 'FLAVORS' } }, as)) },
  { resource: 'flavors', op: 'show (cloud-wide)', expect: e(200, 200, 200, 200, 200, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/flavors/${(await flavorOf(t)).id}`, as)) },
  { resource: 'flavors', op: 'list (cloud-wide)', expect: e('listed', 'listed', 'listed', 'listed', 'listed', 'unlisted'),
    run: async (t, as) => { const f = await flavorOf(t); return listed('flavors', () => f.id)(t, as); } },
  { resource: 'flavors', op: 'update name (cloud-wide)', expect: e(200, 403, 403, 403, 403, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/flavors/${(await flavorOf(t)).id}`, { flavor: { name: 'x' } }, as)) },
  { resource: 'flavors', op: 'delete (cloud-wide)', expect: e(204, 403, 403, 403, 403, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/flavors/${(await flavorOf(t)).id}`, as)) },
  { resource: 'service_profiles', op: 'create', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.post('/v2.0/service_profiles', { service_profile: { metainfo: 'm' } }, as)) },
  { resource: 'service_profiles', op: 'show', expect: e(200, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.get(`/v2.0/service_profiles/${(await serviceProfileOf(t)).id}`, as)) },
  { resource: 'service_profiles', op: 'list', expect: e('listed', 'unlisted', 'unlisted', 'unlisted', 'unlisted', 'unlisted'),
    run: async (t, as) => {
      // Neutron's path keeps the underscore (listed() would ask for service-profiles).
      const p = await serviceProfileOf(t);
      const response = await t.api.get('/v2.0/service_profiles', as);
      return { response, present: response.body?.service_profiles?.some((item: any) => item.id === p.id) ?? false };
    } },
  { resource: 'service_profiles', op: 'update metainfo', expect: e(200, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.put(`/v2.0/service_profiles/${(await serviceProfileOf(t)).id}`, { service_profile: { metainfo: 'x' } }, as)) },
  { resource: 'service_profiles', op: 'delete', expect: e(204, 404, 404, 404, 404, 404),
    run: async (t, as) => status(await t.api.delete(`/v2.0/service_profiles/${(await serviceProfileOf(t)).id}`, as)) },
  { resource: 'flavors/service_profiles', op: 'associate', expect: e(201, 403, 403, 403, 403, 403),
    run: async (t, as) => {
      const [flavor, profile] = [await flavorOf(t), await serviceProfileOf(t)];
      return status(await t.api.post(`/v2.0/flavors/${flavor.id}/service_profiles`, { service_profile: { id: profile.id } }, as));
    } },
  { resource: 'flavors/service_profiles', op: 'show an association', expect: e(200, 404, 404, 404, 404, 404),
    run: async (t, as) => { const { flavor, profile } = await associated(t); return status(await t.api.get(`/v2.0/flavors/${flavor.id}/service_profiles/${profile.id}`, as)); } },
  { resource: 'flavors/service_profiles', op: 'dissociate', expect: e(204, 404, 404, 404, 404, 404),
    run: async (t, as) => { const { flavor, profile } = await associated(t); return status(await t.api.delete(`/v2.0/flavors/${flavor.id}/service_profiles/${profile.id}`, as)); } },
];

const EXTENSION_ROWS: Row[] = [
  { resource: 'extensions', op: 'list', expect: e(200, 200, 200, 200, 200, 200),
    run: async (t, as) => status(await t.api.get('/v2.0/extensions', as)) },
  { resource: 'extensions', op: 'show standard-attr-tag', expect: e(200, 200, 200, 200, 200, 200),
    run: async (t, as) => status(await t.api.get('/v2.0/extensions/standard-attr-tag', as)) },
];

// --- auto-allocated topology (get-me-a-network) --------------------------------
// The matrix has no default external network: an allowed call gets past the policy to 409 AutoAllocationFailure
// (GET) or finds nothing to take down (204); building and deleting for real is test/api/auto-allocated-topology.test.ts.
const AUTO_ALLOCATE_ROWS: Row[] = [
  { resource: 'auto-allocated-topology', op: "get project A's", expect: e(409, 409, 409, 403, 403, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/auto-allocated-topology/project-a', as)) },
  { resource: 'auto-allocated-topology', op: "get project A's, dry-run", expect: e(409, 409, 409, 403, 403, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/auto-allocated-topology/project-a?fields=dry-run', as)) },
  { resource: 'auto-allocated-topology', op: 'get own (None)', expect: e(409, 409, 409, 409, 409, 403),
    run: async (t, as) => status(await t.api.get('/v2.0/auto-allocated-topology/None', as)) },
  { resource: 'auto-allocated-topology', op: "delete project A's", expect: e(204, 204, 403, 403, 403, 403),
    run: async (t, as) => status(await t.api.delete('/v2.0/auto-allocated-topology/project-a', as)) },
  { resource: 'networks', op: 'update is_default=true', expect: e(200, 403, 403, 404, 404, 403),
    run: async (t, as) => status(await t.api.put(`/v2.0/networks/${(await t.network()).id}`, { network: { is_default: true } }, as)) },
];

export const MATRIX: readonly Row[] = [
  ...NETWORK_ROWS, ...TAG_ROWS, ...SUBNET_ROWS, ...PORT_ROWS, ...PORT_BINDING_ROWS, ...POOL_ROWS, ...SCOPE_ROWS, ...SECURITY_GROUP_ROWS, ...QUOTA_ROWS, ...AVAILABILITY_ROWS,
  ...IPAM_ROWS, ...RBAC_ROWS, ...SEGMENT_ROWS, ...TRUNK_ROWS, ...EXTENSION_ROWS, ...L3_ROWS, ...QOS_ROWS, ...AGENT_ROWS,
  ...AUTO_ALLOCATE_ROWS, ...FLAVOR_ROWS,
];

async function makeFixtures(api: Api): Promise<Fixtures> {
  for (const project of ['admin-project', 'project-a', 'project-b', 'service-project']) {
    const set = await api.put(`/v2.0/quotas/${project}`, { quota: UNLIMITED }, ADMIN);
    assert.equal(set.status, 200);
  }
  const netA = await api.network({ name: 'net-a' }, A);
  const sharedNet = await api.network({ name: 'shared-a', shared: true, project_id: 'project-a' }, ADMIN);
  const extNet = await api.network({ name: 'ext', 'router:external': true }, ADMIN);
  const subnetA = await api.subnet(netA.id, '10.1.0.0/24', {}, A);
  const sharedSubnet = await api.subnet(sharedNet.id, '192.168.50.0/24', { project_id: 'project-a' }, ADMIN);
  const extSubnet = await api.subnet(extNet.id, '203.0.113.0/24', {}, ADMIN);
  const portA = await api.port(netA.id, { name: 'port-a' }, A);
  const portB = await api.port(sharedNet.id, { name: 'port-b' }, B);
  await api.put(`/v2.0/ports/${portB.id}`, { port: { 'binding:host_id': 'host1' } }, ADMIN);
  const poolA = await api.create('subnetpools', 'subnetpool', { name: 'pool-a', prefixes: ['172.20.0.0/16'] }, A);
  const sharedPool = await api.create('subnetpools', 'subnetpool', { name: 'pool-shared', prefixes: ['172.21.0.0/16'], shared: true }, ADMIN);
  const scopeA = await api.create('address-scopes', 'address_scope', { name: 'scope-a', ip_version: 4 }, A);
  const sharedScope = await api.create('address-scopes', 'address_scope', { name: 'scope-shared', ip_version: 4, shared: true }, ADMIN);
  const groupA = await api.create('security-groups', 'security_group', { name: 'group-a' }, A);
  const rule = (as: As) => api.create('security-group-rules', 'security_group_rule', { security_group_id: groupA.id, direction: 'ingress', protocol: 'tcp', port_range_min: as === A ? 22 : 23, port_range_max: 23 }, as);
  const [ruleA, adminRuleInA] = [await rule(A), await rule(ADMIN)];
  const addressGroupA = await api.create('address-groups', 'address_group', { name: 'ag-a', addresses: ['10.8.0.0/16'] }, A);
  const template = (await api.get('/v2.0/default-security-group-rules', ADMIN)).body.default_security_group_rules[0];
  const routerA = await api.create('routers', 'router', { name: 'router-a', external_gateway_info: { network_id: extNet.id } }, A);
  assert.equal((await api.put(`/v2.0/routers/${routerA.id}/add_router_interface`, { subnet_id: subnetA.id }, A)).status, 200);
  const fipA = await api.create('floatingips', 'floatingip', { floating_network_id: extNet.id, description: 'fip-a' }, A);
  const policyA = await api.create('rbac-policies', 'rbac_policy', { object_type: 'network', object_id: netA.id, action: 'access_as_shared', target_tenant: 'project-bystander' }, A);
  const netToB = await api.network({ name: 'to-b' }, ADMIN);
  const subnetToB = await api.subnet(netToB.id, '10.2.0.0/24', {}, ADMIN);
  const shareToB = await api.create('rbac-policies', 'rbac_policy', { object_type: 'network', object_id: netToB.id, action: 'access_as_shared', target_tenant: 'project-b' }, ADMIN);
  await api.port(netToB.id, { name: 'b-on-shared' }, B);
  const fixtures: Fixtures = {
    netA, sharedNet, extNet, subnetA, sharedSubnet, extSubnet, portA, portB, poolA, sharedPool, scopeA, sharedScope, groupA, ruleA, adminRuleInA, addressGroupA, template,
    routerA, fipA, policyA, netToB, subnetToB, shareToB, pfA: undefined as never,
  };
  fixtures.pfA = await new Ctx(api, fixtures).portForwarding();
  return fixtures;
}

function check(expect: Expect, outcome: Outcome): void {
  const { response } = outcome;
  const detail = JSON.stringify(response.body)?.slice(0, 300);
  if (typeof expect === 'number') {
    assert.equal(response.status, expect, detail);
    // A 403 comes from the policy, or for subnet and port creates on a network of another project from
    // Neutron's network-ownership check, which runs first (HTTPForbidden; see its own test below).
    if (expect === 403) assert.ok(['PolicyNotAuthorized', 'HTTPForbidden', 'NotAuthorized'].includes(response.body.NeutronError.type), detail);
    return;
  }
  assert.equal(response.status, 200, detail);
  assert.equal(outcome.present, expect === 'listed' || expect === 'shown', `expected ${expect}`);
}

const granted = (expect: Expect) => expect === 'listed' || expect === 'shown' || (typeof expect === 'number' && expect < 300);

forEachApi('policy matrix', ({ api }) => {
  let t: Ctx;
  before(async () => {
    t = new Ctx(api, await makeFixtures(api));
  });

  test('the matrix grants nothing across projects: every cell of project B on project A\'s private objects is a denial', () => {
    for (const row of MATRIX) {
      // Rule templates and QoS rule types are cloud-wide: every reader sees them.
      if (/shared|external|extensions|own project|default-security-group-rules|rule-types|cloud-wide/.test(`${row.resource} ${row.op}`)) continue;
      for (const persona of OTHERS) assert.equal(granted(row.expect[persona]), false, `${row.resource} ${row.op} as ${persona}`);
    }
  });

  for (const row of MATRIX) {
    describe(`${row.resource}: ${row.op}`, () => {
      for (const persona of PERSONA_NAMES) {
        test(`${persona} → ${row.expect[persona]}`, async () => check(row.expect[persona], await row.run(t, PERSONAS[persona])));
      }
    });
  }

  test('OSSA-2024-005: a member of another project cannot add, replace or remove tags of a network it does not own, even a shared one', async () => {
    for (const network of [await t.sharedNetwork(), await t.network()]) {
      await api.put(`/v2.0/networks/${network.id}/tags`, { tags: ['owner-tag'] }, A);
      const base = `/v2.0/networks/${network.id}/tags`;
      for (const attempt of [
        () => api.put(base, { tags: ['evil'] }, B),
        () => api.post(base, { tags: ['evil'] }, B),
        () => api.put(`${base}/evil`, undefined, B),
        () => api.delete(`${base}/owner-tag`, B),
        () => api.delete(base, B),
      ]) {
        const response = await attempt();
        assert.ok(response.status === 403 || response.status === 404, `${response.status} ${JSON.stringify(response.body)}`);
      }
      assert.deepEqual((await api.get(base, A)).body.tags, ['owner-tag'], 'the tags are unchanged');
    }
  });

  test('OSSA-2014-031: a non-admin cannot reset admin-only attributes, not even to their current or an empty value', async () => {
    const port = await t.port(t.fx.netA.id);
    const net = await t.network();
    const current = (await api.get(`/v2.0/networks/${net.id}`, ADMIN)).body.network;
    const attempts: Array<[string, Record<string, unknown>]> = [
      [`/v2.0/ports/${port.id}`, { port: { 'binding:host_id': '' } }],
      [`/v2.0/ports/${port.id}`, { port: { 'binding:profile': {} } }],
      [`/v2.0/ports/${port.id}`, { port: { 'binding:profile': null } }],
      [`/v2.0/networks/${net.id}`, { network: { 'provider:network_type': current['provider:network_type'] } }],
      [`/v2.0/networks/${net.id}`, { network: { 'provider:segmentation_id': current['provider:segmentation_id'] } }],
      [`/v2.0/networks/${net.id}`, { network: { 'provider:physical_network': current['provider:physical_network'] } }],
      [`/v2.0/networks/${net.id}`, { network: { shared: false } }],
      [`/v2.0/networks/${net.id}`, { network: { 'router:external': false } }],
    ];
    for (const [url, body] of attempts) {
      const response = await api.put(url, body, A);
      assert.equal(response.status, 403, `${url} ${JSON.stringify(body)}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body.NeutronError.type, 'PolicyNotAuthorized');
    }
  });

  test("OSSA-2014-031: a member may not set mac_address of a port on a network it does not own", async () => {
    const port = await t.port(t.fx.sharedNet.id, B);
    const response = await api.put(`/v2.0/ports/${port.id}`, { port: { mac_address: port.mac_address } }, B);
    assert.equal(response.status, 403, JSON.stringify(response.body));
  });

  test("network ownership (Neutron's check before the policy): subnets and ports on a network that is not shared belong to its project", async () => {
    const net = await t.network();
    const external = await api.post('/v2.0/ports', { port: { network_id: t.fx.extNet.id } }, A);
    assert.equal(external.status, 403, JSON.stringify(external.body));
    assert.deepEqual(external.body.NeutronError, { type: 'HTTPForbidden', message: 'Tenant project-a not allowed to create port on this network', detail: '' });
    // Naming another project is refused before that (neutron-lib's _validate_privileges), whatever the network.
    for (const [path, singular, body] of [
      ['subnets', 'subnet', { network_id: net.id, cidr: t.cidr(), ip_version: 4, project_id: 'project-b' }],
      ['ports', 'port', { network_id: net.id, project_id: 'project-b' }],
      ['ports', 'port', { network_id: t.fx.sharedNet.id, project_id: 'project-b' }],
    ] as const) {
      const response = await api.post(`/v2.0/${path}`, { [singular]: body }, A);
      assert.deepEqual([response.status, response.body.NeutronError], [400, { type: 'HTTPBadRequest',
        message: "Specifying 'project_id' other than the authenticated project in request is not allowed for the current user.", detail: '' }]);
    }
    // Admins and services place them anywhere; on a shared network anyone may.
    assert.equal((await api.post('/v2.0/ports', { port: { network_id: net.id, project_id: 'project-b' } }, PERSONAS.service)).status, 201);
    assert.equal((await api.post('/v2.0/ports', { port: { network_id: net.id, project_id: 'project-b' } }, ADMIN)).status, 201);
    assert.equal((await api.post('/v2.0/ports', { port: { network_id: t.fx.sharedNet.id } }, B)).status, 201);
  });

  test("0 cross-project reads or writes: project B reaches none of project A's private objects, and they are unchanged", async () => {
    const privates: Array<[string, string, any, string?]> = [
      ['networks', 'network', t.fx.netA], ['subnets', 'subnet', t.fx.subnetA], ['ports', 'port', t.fx.portA],
      ['subnetpools', 'subnetpool', t.fx.poolA], ['address-scopes', 'address_scope', t.fx.scopeA],
      ['security-groups', 'security_group', t.fx.groupA], ['address-groups', 'address_group', t.fx.addressGroupA],
      ['routers', 'router', t.fx.routerA], ['floatingips', 'floatingip', t.fx.fipA, 'description'],
    ];
    for (const as of OTHERS.map((p) => PERSONAS[p])) {
      for (const [path, singular, object, field = 'name'] of privates) {
        const url = `/v2.0/${path}/${object.id}`;
        for (const response of [
          await api.get(url, as),
          await api.put(url, { [singular]: { [field]: 'stolen' } }, as),
          ...(path === 'routers' ? [
            await api.put(`${url}/add_router_interface`, { subnet_id: t.fx.subnetA.id }, as),
            await api.put(`${url}/remove_router_interface`, { subnet_id: t.fx.subnetA.id }, as),
            await api.put(`${url}/add_extraroutes`, { router: { routes: [] } }, as),
          ] : []),
          await api.get(`${url}/tags`, as),
          await api.put(`${url}/tags`, { tags: ['stolen'] }, as),
          await api.delete(url, as),
        ]) assert.ok(response.status === 404 || response.status === 403 || (path === 'address-scopes' && response.status === 404), `${as.roles} on ${url}: ${response.status}`);
        const listedIds = (await api.get(`/v2.0/${path}`, as)).body[path.replace(/-/g, '_')].map((item: any) => item.id);
        assert.equal(listedIds.includes(object.id), false, `${path} list as ${as.project}`);
      }
    }
    const pfUrl = `/v2.0/floatingips/${t.fx.pfA.fip.id}/port_forwardings`;
    for (const as of OTHERS.map((p) => PERSONAS[p])) {
      for (const response of [
        await api.get(pfUrl, as), await api.get(`${pfUrl}/${t.fx.pfA.pf.id}`, as),
        await api.put(`${pfUrl}/${t.fx.pfA.pf.id}`, { port_forwarding: { description: 'stolen' } }, as),
        await api.post(pfUrl, { port_forwarding: { protocol: 'tcp', internal_port_id: t.fx.portA.id, internal_port: 1, external_port: 1 } }, as),
        await api.delete(`${pfUrl}/${t.fx.pfA.pf.id}`, as),
      ]) assert.equal(response.status, 404, `${as.project} on ${pfUrl}: ${response.status}`);
    }
    assert.deepEqual((await api.get(`${pfUrl}/${t.fx.pfA.pf.id}`, ADMIN)).body.port_forwarding, t.fx.pfA.pf);
    for (const [path, singular, object, field = 'name'] of privates) {
      const now = (await api.get(`/v2.0/${path}/${object.id}`, ADMIN)).body[singular];
      assert.equal(now[field], object[field], `${path} renamed`);
      if ('tags' in now) assert.deepEqual(now.tags, object.tags ?? [], `${path} tags`);
    }
  });
});
