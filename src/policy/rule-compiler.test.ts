import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileRules, NETWORK_FIELD, PolicyTargetError, pyStr, type CheckInput, type Credentials } from './rule-compiler.ts';
import { PolicyRuleSyntaxError } from './rule-parser.ts';

const creds = (project: string, ...roles: string[]): Credentials => ({ project_id: project, tenant_id: project, user_id: 'u1', roles, is_admin: roles.includes('admin') });
const run = (check: string, input: Partial<CheckInput> & { creds: Credentials }, extra: Record<string, string> = {}): boolean =>
  compileRules({ ...extra, it: check }).checks.get('it')!({ target: {}, related: {}, ...input });

describe('rule compiler', () => {
  test('role checks are case-insensitive and may substitute from the target', () => {
    assert.equal(run('role:Member', { creds: creds('a', 'member') }), true);
    assert.equal(run('role:member', { creds: creds('a', 'reader') }), false);
    assert.equal(run('role:%(wanted)s', { creds: creds('a', 'auditor'), target: { wanted: 'AUDITOR' } }), true);
    assert.equal(run('role:%(missing)s', { creds: creds('a', 'auditor') }), false);
  });

  test('owner checks compare the caller project with the target or a related resource', () => {
    const c = creds('a', 'member');
    assert.equal(run('project_id:%(project_id)s', { creds: c, target: { project_id: 'a' } }), true);
    assert.equal(run('project_id:%(project_id)s', { creds: c, target: { project_id: 'b' } }), false);
    assert.equal(run('tenant_id:%(tenant_id)s', { creds: c, target: { tenant_id: 'a' } }), true);
    assert.equal(run('project_id:%(project_id)s', { creds: c, target: {} }), false, 'a target without the field is not owned');
    assert.equal(run('project_id:%(network:project_id)s', { creds: c, target: { network_id: 'n' }, related: { network: { project_id: 'a' } } }), true);
    assert.equal(run('project_id:%(network:project_id)s', { creds: c, target: { 'network:project_id': 'a' } }), true, 'a flattened key wins');
    assert.throws(() => run('project_id:%(network:project_id)s', { creds: c, target: { network_id: 'n' } }), PolicyTargetError);
    assert.equal(run('project_id:%(network:project_id)s', { creds: c, target: { network_id: 'n' }, missingRelated: 'deny' }), false);
  });

  test('owner checks need the %(field)s form', () => {
    assert.throws(() => compileRules({ it: 'project_id:abc' }), /must have the form project_id:%\(<field>\)s/);
  });

  test('field checks: booleans, strings, regular expressions, and the related network', () => {
    const c = creds('b', 'member');
    assert.equal(run('field:networks:shared=True', { creds: c, target: { shared: true } }), true);
    assert.equal(run('field:networks:shared=True', { creds: c, target: { shared: 1 } }), true, 'stored 0/1 compare as booleans');
    assert.equal(run('field:networks:shared=True', { creds: c, target: { shared: false } }), false);
    assert.equal(run('field:networks:shared=False', { creds: c, target: { shared: false } }), true);
    assert.equal(run('field:networks:router:external=True', { creds: c, target: { 'router:external': true } }), true);
    assert.equal(run('field:port:device_owner=~^network:', { creds: c, target: { device_owner: 'network:dhcp' } }), true);
    assert.equal(run('field:port:device_owner=~network:', { creds: c, target: { device_owner: 'compute:network:x' } }), false, 'matched from the start, as re.match');
    assert.equal(run('field:port:device_owner=~^network:', { creds: c, target: { device_owner: 'compute:nova' } }), false);
    assert.equal(run('field:ports:name=web', { creds: c, target: { name: 'web' } }), true);
    assert.equal(run('field:networks:shared=True', { creds: c, target: { network_id: 'n' }, related: { network: { shared: true } } }), true, "a port reads its network's flag");
    assert.equal(run('field:subnets:router:external=True', { creds: c, target: { network_id: 'n' }, related: { network: { 'router:external': true } } }), true);
    assert.throws(() => run('field:networks:shared=True', { creds: c, target: { network_id: 'n' } }), PolicyTargetError);
    assert.equal(run('field:networks:shared=True', { creds: c, target: {} }), false);
  });

  test('malformed field checks fail at load', () => {
    assert.throws(() => compileRules({ it: 'field:networks' }), /field:<resource>:<field>=<value>/);
    assert.throws(() => compileRules({ it: 'field:networks:shared' }), /field:<resource>:<field>=<value>/);
    assert.throws(() => compileRules({ it: 'field:ports:device_owner=~[' }), /invalid regular expression/);
  });

  test('generic checks: credentials, literals and dotted target keys', () => {
    const admin = creds('a', 'admin');
    assert.equal(run('is_admin:True', { creds: admin }), true);
    assert.equal(run('is_admin:True', { creds: creds('a', 'member') }), false);
    assert.equal(run('user_id:%(user_id)s', { creds: admin, target: { user_id: 'u1' } }), true);
    assert.equal(run("'member':%(role)s", { creds: admin, target: { role: 'member' } }), true);
    assert.equal(run('True:%(enabled)s', { creds: admin, target: { enabled: true } }), true);
    assert.equal(run('user_id:%(target.user.id)s', { creds: admin, target: { target: { user: { id: 'u1' } } } }), true);
    assert.equal(run('user_id:%(target.user.id)s', { creds: admin, target: { 'target.user.id': 'u1' } }), true);
    assert.equal(run('roles:member', { creds: creds('a', 'member', 'reader') }), true, 'a list credential matches any element');
    assert.equal(run('nothing:here', { creds: admin }), false);
    assert.equal(run('user_id:%(user_id)s', { creds: admin, target: {} }), false);
    assert.throws(() => compileRules({ it: 'user_id:%d' }), /not a %\(name\)s substitution/);
  });

  test('rule references resolve to other rules; undefined references and cycles fail at load', () => {
    assert.equal(run('rule:admin', { creds: creds('a', 'admin') }, { admin: 'role:admin' }), true);
    assert.throws(() => compileRules({ a: 'rule:nope' }), (e: unknown) => e instanceof PolicyRuleSyntaxError && /"rule:nope" refers to a rule that is not defined/.test(e.message));
    assert.throws(() => compileRules({ a: 'rule:b', b: 'role:x or rule:a' }), /cycle \(a → b → a\)/);
    assert.throws(() => compileRules({ a: 'rule:a' }), /cycle/);
    assert.throws(() => compileRules({ a: 'http://example.invalid/check' }), /"http:" checks are not supported/);
  });

  test('related resources used by a rule are collected through references', () => {
    const rules = compileRules({ owner: 'project_id:%(network:project_id)s', shared: 'field:networks:shared=True', a: 'rule:owner or rule:shared', b: 'role:x' });
    assert.deepEqual([...rules.relatedUsedBy('a')].sort(), ['network', NETWORK_FIELD].sort());
    assert.deepEqual([...rules.relatedUsedBy('b')], []);
  });

  test('python str() of values', () => {
    assert.equal(pyStr(true), 'True');
    assert.equal(pyStr(null), 'None');
    assert.equal(pyStr(3), '3');
  });
});
