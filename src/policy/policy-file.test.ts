import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parsePolicyText, PolicyFileError, readPolicyFile } from './policy-file.ts';

describe('policy files', () => {
  test('YAML and JSON give the same table', () => {
    const yaml = parsePolicyText('"create_network": "rule:admin_only"\nget_network:provider:network_type: "role:auditor"\n# a comment\n');
    const json = parsePolicyText('{"create_network": "rule:admin_only", "get_network:provider:network_type": "role:auditor"}');
    assert.deepEqual({ ...yaml }, { ...json });
    assert.equal(yaml['get_network:provider:network_type'], 'role:auditor');
  });

  test('an empty file has no rules', () => {
    assert.deepEqual({ ...parsePolicyText('') }, {});
    assert.deepEqual({ ...parsePolicyText('# nothing\n') }, {});
  });

  test('errors name the file and the rule', () => {
    assert.throws(() => parsePolicyText('- a\n- b\n', 'p.yaml'), /Policy file p\.yaml: the top level must be a mapping/);
    assert.throws(() => parsePolicyText('a: [["role:admin"]]\n', 'p.yaml'), /rule "a" is a list \(the old list-of-lists syntax is not supported\)/);
    assert.throws(() => parsePolicyText('a: 3\n', 'p.yaml'), /rule "a" is a number/);
    assert.throws(() => parsePolicyText('a:\n', 'p.yaml'), /rule "a" is empty/);
    assert.throws(() => parsePolicyText('a: "x"\na: "y"\n', 'p.yaml'), PolicyFileError);
    assert.throws(() => parsePolicyText('{"a": ', 'p.json'), /not valid JSON/);
    assert.throws(() => parsePolicyText('a: [unclosed', 'p.yaml'), /not valid YAML/);
  });

  test('reads files by extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'muon-policy-'));
    writeFileSync(join(dir, 'policy.json'), '{"get_network": "rule:admin_only"}');
    writeFileSync(join(dir, 'policy.yaml'), 'get_network: "rule:admin_only"\n');
    assert.equal(readPolicyFile(join(dir, 'policy.json')).get_network, 'rule:admin_only');
    assert.equal(readPolicyFile(join(dir, 'policy.yaml')).get_network, 'rule:admin_only');
    assert.throws(() => readPolicyFile(join(dir, 'missing.yaml')), /cannot be read \(ENOENT\)/);
  });
});
