import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileRules } from './rule-compiler.ts';
import { DEFAULT_POLICIES, defaultRules, enforcedAttributes } from './defaults/index.ts';

describe('default rules (data)', () => {
  test('every default rule compiles, with no dangling references or cycles', () => {
    const rules = compileRules(defaultRules());
    assert.ok(rules.checks.size > 100);
  });

  test('every resource file has its read rule, and CRUD rules where the API has the verb', () => {
    const rules = defaultRules();
    const verbs: Record<string, readonly string[]> = {
      network: ['create', 'get', 'update', 'delete'], subnet: ['create', 'get', 'update', 'delete'], port: ['create', 'get', 'update', 'delete'], port_binding: ['create', 'get', 'delete'],
      subnetpool: ['create', 'get', 'update', 'delete'], address_scope: ['create', 'get', 'update', 'delete'],
      quota: ['get', 'update', 'delete'], network_ip_availability: ['get'], ip_address_history: ['get'], changes: ['get'],
      security_group: ['create', 'get', 'update', 'delete'], security_group_rule: ['create', 'get', 'delete'],
      address_group: ['create', 'get', 'update', 'delete'], default_security_group_rule: ['create', 'get', 'delete'],
      ip_reservation: ['create', 'get', 'update', 'delete'], ip_block: ['create', 'get', 'update', 'delete'], subnetpool_prefix_history: ['get'],
      router: ['create', 'get', 'update', 'delete'], floatingip: ['create', 'get', 'update', 'delete'], floatingip_pool: ['get'],
      rbac_policy: ['create', 'get', 'update', 'delete'],
      segment: ['create', 'get', 'update', 'delete'], network_segment_range: ['create', 'get', 'update', 'delete'],
      floatingip_port_forwarding: ['create', 'get', 'update', 'delete'],
      trunk: ['create', 'get', 'update', 'delete'], policy: ['create', 'get', 'update', 'delete'], rule_type: ['get'],
      agent: ['get', 'update', 'delete'], agent_report: ['create'], auto_allocated_topology: ['get', 'delete'], availability_zone: ['get'], service_provider: ['get'],
      flavor: ['create', 'get', 'update', 'delete'], service_profile: ['create', 'get', 'update', 'delete'], flavor_service_profile: ['create', 'get', 'delete'],
      ...Object.fromEntries(['bandwidth_limit', 'dscp_marking', 'minimum_bandwidth', 'minimum_packet_rate'].flatMap((type) => [
        [`policy_${type}_rule`, ['create', 'get', 'update', 'delete']], [`alias_${type}_rule`, ['get', 'update', 'delete']],
      ])),
      policy_packet_rate_limit_rule: ['create', 'get', 'update', 'delete'],
    };
    for (const policy of DEFAULT_POLICIES.filter((p) => p.resource)) {
      for (const verb of verbs[policy.resource!] ?? assert.fail(`no verbs listed for ${policy.resource}`)) {
        assert.ok(`${verb}_${policy.resource}` in rules, `${verb}_${policy.resource}`);
      }
    }
  });

  test('taggable resources have the four tag rules', () => {
    const rules = defaultRules();
    for (const resource of ['network', 'subnet', 'port', 'subnetpool', 'security_group', 'router', 'floatingip', 'trunk', 'network_segment_range', 'policy']) {
      for (const verb of ['get', 'create', 'update', 'delete']) assert.ok(`${verb}_${resource}:tags` in rules, `${verb}_${resource}:tags`);
    }
  });

  test('rule names belong to their file: a resource file defines only its own actions (plus helper rules)', () => {
    for (const policy of DEFAULT_POLICIES.filter((p) => p.resource)) {
      for (const name of Object.keys(policy.rules)) {
        // get_subports is an action of trunks (Neutron's name), not a read of a "subports" resource.
        const action = name === 'get_subports' ? null : /^(create|get|update|delete)_([a-z_]+?)(:|$)/.exec(name);
        if (action) assert.equal(action[2], policy.resource, `${name} in the ${policy.resource} file`);
      }
    }
  });

  test('every enforced attribute has a create or update rule, except those that deliberately fall back to the default rule', () => {
    const rules = defaultRules();
    const onDefault = new Set([
      'network:mtu', 'port:binding:vif_type', 'port:binding:vif_details', 'subnet:shared',
      // Neutron enforces these on RBAC policies without rules of their own: the default rule (admin or owner) decides.
      'rbac_policy:object_type', 'rbac_policy:object_id', 'rbac_policy:action',
    ]);
    for (const [resource, attributes] of enforcedAttributes()) {
      for (const attribute of attributes) {
        const has = `create_${resource}:${attribute}` in rules || `update_${resource}:${attribute}` in rules;
        assert.ok(has || onDefault.has(`${resource}:${attribute}`), `${resource}:${attribute}`);
      }
    }
  });

  test('checks use project_id, never the deprecated tenant_id', () => {
    for (const [name, check] of Object.entries(defaultRules())) assert.ok(!check.includes('tenant_id'), name);
  });
});
