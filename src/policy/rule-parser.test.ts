import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatRule, parseRule, PolicyRuleSyntaxError } from './rule-parser.ts';

describe('rule parser', () => {
  test('empty string and @ always allow, ! never does', () => {
    assert.deepEqual(parseRule(''), { kind: 'always' });
    assert.deepEqual(parseRule('   '), { kind: 'always' });
    assert.deepEqual(parseRule('@'), { kind: 'always' });
    assert.deepEqual(parseRule('!'), { kind: 'never' });
  });

  test('a check keeps everything after the first colon as its match', () => {
    assert.deepEqual(parseRule('field:networks:router:external=True'), { kind: 'check', type: 'field', match: 'networks:router:external=True' });
    assert.deepEqual(parseRule('rule:create_port:fixed_ips:ip_address'), { kind: 'check', type: 'rule', match: 'create_port:fixed_ips:ip_address' });
  });

  test('not binds tighter than and, and tighter than or', () => {
    assert.equal(formatRule(parseRule('a:1 or b:2 and not c:3')), '(a:1 or (b:2 and not c:3))');
    assert.equal(formatRule(parseRule('not a:1 and b:2')), '(not a:1 and b:2)');
    assert.equal(formatRule(parseRule('(a:1 or b:2) and c:3')), '((a:1 or b:2) and c:3)');
  });

  test('parentheses may touch checks; keywords are case-insensitive', () => {
    assert.equal(formatRule(parseRule('((role:admin)) OR (role:member AND project_id:%(project_id)s)')),
      '(role:admin or (role:member and project_id:%(project_id)s))');
  });

  test('Neutron-style unparenthesised joins parse with the usual precedence', () => {
    const tree = parseRule('(rule:admin_only) or (rule:service_api) or role:member and rule:network_owner or rule:shared');
    assert.equal(formatRule(tree), '(rule:admin_only or rule:service_api or (role:member and rule:network_owner) or rule:shared)');
  });

  for (const [bad, reason] of [
    ['role:admin or', /operand is missing/],
    ['(role:admin', /"\)" expected/],
    ['role:admin)', /unexpected "\)"/],
    ['role:admin role:member', /missing "and"\/"or"/],
    ['and role:admin', /unexpected "and"/],
    ['admin', /is not a check/],
    ['role:', /empty match/],
    [':admin', /is not a check/],
    ['not', /operand is missing/],
  ] as const) {
    test(`malformed: ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseRule(bad, 'my_rule'), (error: unknown) => {
        assert.ok(error instanceof PolicyRuleSyntaxError);
        assert.match(error.message, /^Policy rule "my_rule": /);
        assert.match(error.message, reason);
        return true;
      });
    });
  }
});
