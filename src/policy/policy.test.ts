import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext } from '../core/context.ts';
import { Policy, type PolicyResource } from './policy.ts';
import { PolicyTargetError } from './rule-compiler.ts';
import { PolicyRuleSyntaxError } from './rule-parser.ts';

const admin = makeContext('admin-project', ['admin']);
const memberA = makeContext('A', ['member']);
const readerA = makeContext('A', ['reader']);
const managerA = makeContext('A', ['manager']);
const memberB = makeContext('B', ['member']);
const readerB = makeContext('B', ['reader']);
const service = makeContext('service', ['service']);
const noRoleA = makeContext('A', []);

const policy = Policy.load();
const NETWORK: PolicyResource = { name: 'network', attributes: { shared: { default: false }, 'router:external': { default: false }, mtu: {}, 'provider:network_type': {}, port_security_enabled: { default: true } } };
const PORT: PolicyResource = {
  name: 'port',
  attributes: { device_id: { default: '' }, device_owner: { default: '' }, 'binding:host_id': { default: '' }, 'binding:profile': { default: {} }, 'binding:vnic_type': { default: 'normal' }, mac_address: {}, fixed_ips: {} },
};
const privateNet = { id: 'n1', project_id: 'A', shared: false, 'router:external': false };
const sharedNet = { id: 'n2', project_id: 'A', shared: true, 'router:external': false };
const externalNet = { id: 'n3', project_id: 'admin-project', shared: false, 'router:external': true };

describe('policy engine: Neutron defaults', () => {
  test('networks: readers read, members write, other projects see shared and external ones only', () => {
    for (const [ctx, expected] of [[admin, true], [memberA, true], [readerA, true], [memberB, false], [readerB, false], [service, true], [noRoleA, false]] as const) {
      assert.equal(policy.authorize(ctx, 'get_network', privateNet), expected, `get_network as ${ctx.projectId}/${ctx.roles.join(',')}`);
    }
    assert.equal(policy.authorize(readerB, 'get_network', sharedNet), true);
    assert.equal(policy.authorize(readerB, 'get_network', externalNet), true);
    for (const [ctx, expected] of [[admin, true], [memberA, true], [managerA, true], [readerA, false], [memberB, false], [service, false]] as const) {
      assert.equal(policy.authorize(ctx, 'update_network', privateNet), expected);
      assert.equal(policy.authorize(ctx, 'delete_network', privateNet), expected);
    }
    assert.equal(policy.authorize(memberB, 'update_network', sharedNet), false, 'a shared network is not writable by others');
  });

  test('create: attribute rules only for attributes set away from their default', () => {
    assert.equal(policy.checkCreate(memberA, NETWORK, { project_id: 'A', shared: false, port_security_enabled: true }).allowed, true);
    const shared = policy.checkCreate(memberA, NETWORK, { project_id: 'A', shared: true });
    assert.deepEqual(shared, { allowed: false, rule: '(rule:create_network and rule:create_network:shared)', failed: ['create_network:shared'], notFound: false });
    const provider = policy.checkCreate(memberA, NETWORK, { project_id: 'A', 'provider:network_type': 'vlan', 'router:external': true });
    assert.deepEqual(provider.failed, ['create_network:router:external', 'create_network:provider:network_type']);
    assert.equal(provider.rule, '((rule:create_network and rule:create_network:router:external) and rule:create_network:provider:network_type)');
    assert.equal(policy.checkCreate(admin, NETWORK, { project_id: 'A', shared: true, 'provider:network_type': 'vlan' }).allowed, true);
    assert.deepEqual(policy.checkCreate(memberA, NETWORK, { project_id: 'B' }).failed, ['create_network'], 'members create only in their own project');
    assert.deepEqual(policy.checkCreate(readerA, NETWORK, { project_id: 'A' }).failed, ['create_network']);
    assert.equal(policy.checkCreate(memberA, NETWORK, { project_id: 'A', mtu: 1400 }).allowed, true, 'no create_network:mtu rule: the default rule (owner) applies');
    assert.equal(policy.checkCreate(readerB, NETWORK, { project_id: 'A', mtu: 1400 }).failed.includes('create_network:mtu'), true);
  });

  test('ports: shared networks, chosen addresses, device owners and bindings', () => {
    const on = (net: Record<string, unknown>, values: Record<string, unknown>, ctx = memberB) =>
      policy.checkCreate(ctx, PORT, { network_id: net.id, project_id: ctx.projectId, device_id: '', device_owner: '', 'binding:vnic_type': 'normal', ...values }, { network: net });
    assert.equal(on(sharedNet, {}).allowed, true, 'anyone may plug into a shared network');
    assert.equal(on(sharedNet, { fixed_ips: [{ subnet_id: 's' }] }).allowed, true);
    assert.deepEqual(on(sharedNet, { fixed_ips: [{ ip_address: '10.0.0.5' }] }).failed, ['create_port:fixed_ips:ip_address']);
    assert.deepEqual(on(sharedNet, { mac_address: 'fa:16:3e:00:00:01' }).failed, ['create_port:mac_address']);
    assert.deepEqual(on(sharedNet, { device_owner: 'network:dhcp' }).failed, ['create_port:device_owner']);
    assert.equal(on(sharedNet, { device_owner: 'compute:nova' }).allowed, true);
    assert.deepEqual(on(sharedNet, { 'binding:host_id': 'h1' }).failed, ['create_port:binding:host_id']);
    assert.deepEqual(on(sharedNet, { allowed_address_pairs: [{ ip_address: '10.0.0.9' }] }).failed,
      ['create_port:allowed_address_pairs', 'create_port:allowed_address_pairs:ip_address']);
    const privateDenied = on(privateNet, {});
    assert.equal(privateDenied.allowed, false);
    assert.equal(privateDenied.notFound, true, "another project's private network is not even visible");
    const externalDenied = on(externalNet, {});
    assert.equal(externalDenied.notFound, false, 'an external network is visible: 403, not 404');
    assert.equal(on(privateNet, { device_owner: 'network:dhcp', fixed_ips: [{ ip_address: '10.0.0.5' }] }, memberA).allowed, true, 'the network owner may');
    assert.equal(on(privateNet, { 'binding:host_id': 'h1', 'binding:profile': { a: 1 } }, service).allowed, true, 'services bind ports anywhere');
    assert.deepEqual(on(privateNet, { 'binding:profile': { a: 1 } }, admin).failed, ['create_port:binding:profile'], 'the binding profile is for services only');
    assert.equal(on(sharedNet, {}, readerB).allowed, true, 'rule:shared asks for no role (upstream default)');
  });

  test('port updates: every attribute named in the body is checked, even with its current value (OSSA-2014-031)', () => {
    const port = { id: 'p', network_id: 'n2', project_id: 'B', device_owner: '', 'binding:host_id': 'h1', mac_address: 'fa:16:3e:00:00:01' };
    const update = (changes: Record<string, unknown>, ctx = memberB) => policy.checkUpdate(ctx, PORT, port, changes, { network: sharedNet });
    assert.equal(update({ name: 'x' }).allowed, true);
    assert.deepEqual(update({ 'binding:host_id': 'h1' }).failed, ['update_port:binding:host_id']);
    assert.deepEqual(update({ 'binding:host_id': '' }).failed, ['update_port:binding:host_id']);
    assert.deepEqual(update({ 'binding:profile': {} }).failed, ['update_port:binding:profile']);
    assert.deepEqual(update({ mac_address: 'fa:16:3e:00:00:01' }).failed, ['update_port:mac_address']);
    assert.deepEqual(update({ mac_address: 'fa:16:3e:00:00:02' }, memberA).failed, ['update_port', 'update_port:mac_address'],
      'the network owner member may not change the MAC of a port it does not own');
    assert.equal(update({ mac_address: 'fa:16:3e:00:00:02' }, makeContext('A', ['manager'])).failed.includes('update_port:mac_address'), false,
      "the network project's manager may change MACs");
    assert.deepEqual(update({ device_owner: 'network:router_interface' }).failed, ['update_port:device_owner'], 'the new owner value is checked');
    const hidden = update({ name: 'x' }, readerA);
    assert.equal(hidden.allowed, false);
    assert.equal(hidden.notFound, false, "the network owner's reader sees the port: 403");
    assert.equal(policy.checkUpdate(memberA, PORT, { ...port, network_id: 'n9' }, { name: 'x' }, { network: { id: 'n9', project_id: 'C', shared: false } }).notFound, true);
  });

  test('subnets: only the network owner creates; the subnet or network owner changes', () => {
    const SUBNET: PolicyResource = { name: 'subnet', attributes: {} };
    assert.equal(policy.checkCreate(memberB, SUBNET, { project_id: 'B', network_id: 'n2' }, { network: sharedNet }).allowed, false);
    assert.equal(policy.checkCreate(memberB, SUBNET, { project_id: 'B', network_id: 'n2' }, { network: sharedNet }).notFound, false);
    assert.equal(policy.checkCreate(memberA, SUBNET, { project_id: 'A', network_id: 'n1' }, { network: privateNet }).allowed, true);
    const subnetOfB = { id: 's', project_id: 'B', network_id: 'n2' };
    assert.equal(policy.authorize(memberA, 'update_subnet', subnetOfB, { network: sharedNet }), true);
    assert.equal(policy.authorize(readerB, 'get_subnet', { id: 's', project_id: 'A', network_id: 'n2' }, { network: sharedNet }), true);
    assert.equal(policy.authorize(readerB, 'get_subnet', { id: 's', project_id: 'admin-project', network_id: 'n3' }, { network: externalNet }), true);
    assert.equal(policy.authorize(readerB, 'get_subnet', { id: 's', project_id: 'A', network_id: 'n1' }, { network: privateNet }), false);
  });

  test('tags follow the parent resource (OSSA-2024-005)', () => {
    for (const verb of ['create', 'update', 'delete']) {
      assert.equal(policy.authorize(memberB, `${verb}_network:tags`, sharedNet), false, `${verb} tags on a shared network of another project`);
      assert.equal(policy.authorize(memberA, `${verb}_network:tags`, sharedNet), true);
      assert.equal(policy.authorize(readerA, `${verb}_network:tags`, sharedNet), false);
    }
    assert.equal(policy.authorize(memberB, 'get_network:tags', sharedNet), true);
    const decision = policy.checkAction(memberB, 'update_network:tags', privateNet);
    assert.deepEqual(decision, { allowed: false, rule: 'rule:update_network:tags', failed: ['update_network:tags'], notFound: true });
    assert.equal(policy.checkAction(memberB, 'update_network:tags', sharedNet).notFound, false);
  });

  test('subnet pools and address scopes: shared ones readable by all, sharing is admin-only', () => {
    const POOL: PolicyResource = { name: 'subnetpool', attributes: { shared: { default: false }, is_default: { default: false } } };
    assert.deepEqual(policy.checkCreate(memberA, POOL, { project_id: 'A', shared: true }).failed, ['create_subnetpool:shared']);
    assert.deepEqual(policy.checkUpdate(memberA, POOL, { project_id: 'A' }, { is_default: false }).failed, ['update_subnetpool:is_default']);
    assert.equal(policy.authorize(readerB, 'get_subnetpool', { project_id: 'A', shared: true }), true);
    assert.equal(policy.authorize(readerB, 'get_subnetpool', { project_id: 'A', shared: false }), false);
    assert.equal(policy.authorize(readerB, 'get_address_scope', { project_id: 'A', shared: true }), true);
    assert.equal(policy.authorize(memberB, 'update_address_scope', { project_id: 'A', shared: true }), false);
  });

  test('quotas and IP availability', () => {
    assert.equal(policy.authorize(memberA, 'get_quota', { project_id: 'A' }), false, 'reading needs the manager role (the API exempts a project\'s own limits)');
    assert.equal(policy.authorize(managerA, 'get_quota', { project_id: 'A' }), true);
    assert.equal(policy.authorize(managerA, 'get_quota', { project_id: 'B' }), false);
    assert.equal(policy.authorize(managerA, 'update_quota', { project_id: 'A' }), false);
    assert.equal(policy.authorize(admin, 'delete_quota', { project_id: 'B' }), true);
    assert.equal(policy.authorize(service, 'get_network_ip_availability', privateNet), true);
    assert.equal(policy.authorize(memberA, 'get_network_ip_availability', privateNet), false);
  });

  test('attribute visibility is computed once per response', () => {
    assert.deepEqual([...policy.attributeView(memberA, 'network', privateNet).hidden].sort(),
      ['provider:network_type', 'provider:physical_network', 'provider:segmentation_id', 'segments']);
    assert.deepEqual([...policy.attributeView(admin, 'network', privateNet).hidden], []);
    const portView = policy.attributeView(memberA, 'port', { project_id: 'A', network_id: 'n1' }, { network: privateNet });
    assert.equal(portView.hidden.has('binding:host_id'), true);
    assert.equal(portView.hidden.has('tags'), false);
    assert.deepEqual(portView.strip({ id: 'p', 'binding:host_id': 'h', tags: [] }), { id: 'p', tags: [] });
    assert.equal(policy.attributeView(service, 'port', {}).hidden.has('binding:host_id'), false);
    assert.equal(policy.attributeView(service, 'network', privateNet).hidden.has('tags'), true, 'services read networks but not their tags (upstream)');
    assert.equal(policy.attributeView(memberA, 'port', { project_id: 'B', network_id: 'n1' }).hidden.has('tags'), true,
      'without the related network, a rule that needs it counts as false');
  });

  test('a rule needing a related resource that was not given is a wiring error, not a denial', () => {
    assert.throws(() => policy.authorize(memberB, 'create_port', { project_id: 'B', network_id: 'n2' }), PolicyTargetError);
    assert.deepEqual([...policy.relatedNeededFor('create_port')], ['network']);
    assert.deepEqual([...policy.relatedNeededFor('get_subnet')], ['network']);
    assert.deepEqual([...policy.relatedNeededFor('get_network')], []);
    assert.deepEqual([...policy.relatedNeededFor('update_network')], []);
  });

  test('noauth roles are expanded as Keystone implies them', () => {
    assert.equal(policy.authorize(makeContext('A', ['admin']), 'get_quota', { project_id: 'B' }), true);
    assert.equal(policy.authorize(makeContext('A', ['MEMBER']), 'get_network', privateNet), true, 'member implies reader');
    const strict = Policy.load({ impliedRoles: {} });
    assert.equal(strict.authorize(makeContext('A', ['member']), 'get_network', privateNet), false);
  });
});

describe('policy engine: operator overrides', () => {
  test('override a rule, and add one that defaults refer to', () => {
    const custom = Policy.load({ overrides: { 'get_network:provider:network_type': 'rule:admin_only or role:auditor', create_network: 'rule:admin_only' } });
    assert.equal(custom.attributeView(makeContext('A', ['auditor']), 'network').hidden.has('provider:network_type'), false);
    assert.equal(custom.checkCreate(memberA, NETWORK, { project_id: 'A' }).allowed, false);
    assert.equal(custom.ruleSource('create_network'), 'rule:admin_only');
  });

  test('an unknown action falls back to the default rule (admin or owner)', () => {
    assert.equal(policy.authorize(noRoleA, 'frobnicate_network', { project_id: 'A' }), true);
    assert.equal(policy.authorize(memberB, 'frobnicate_network', { project_id: 'A' }), false);
  });

  test('a bad override fails at load with the rule name', () => {
    assert.throws(() => Policy.load({ overrides: { get_network: 'rule:admin_only or' } }), (e: unknown) => e instanceof PolicyRuleSyntaxError && /"get_network"/.test(e.message));
    assert.throws(() => Policy.load({ overrides: { get_network: 'rule:admin_olny' } }), /"rule:admin_olny" refers to a rule that is not defined/);
    assert.throws(() => Policy.load({ overrides: { admin_only: 'rule:get_network' } }), /cycle/);
  });
});

describe('policy engine: hostile role names', () => {
  test('roles named like Object.prototype members imply nothing and grant nothing (found by the hostile-input test)', () => {
    const policy = Policy.load();
    for (const role of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const ctx = makeContext('A', [role]);
      assert.equal(policy.authorize(ctx, 'get_network', { project_id: 'A', shared: false, 'router:external': false }), false, role);
      assert.equal(policy.checkCreate(ctx, { name: 'network', attributes: {} }, { project_id: 'A' }).allowed, false, role);
    }
  });
});
