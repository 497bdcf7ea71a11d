import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloudsYaml } from './clouds-yaml.ts';

test('one cloud with quoted values; awkward passwords stay intact', () => {
  const text = cloudsYaml('muon', {
    authUrl: 'http://127.0.0.1:9696/identity/v3', username: 'admin', password: 'a"b: #c\\d', projectName: 'admin',
    userDomainName: 'Default', projectDomainName: 'Default', region: 'RegionOne',
  });
  assert.match(text, /^clouds:\n {2}muon:\n {4}auth:\n/m);
  assert.match(text, /auth_url: "http:\/\/127\.0\.0\.1:9696\/identity\/v3"/);
  assert.ok(text.includes('password: "a\\"b: #c\\\\d"'), 'JSON string escapes are valid YAML double-quoted scalars');
  assert.match(text, /identity_api_version: 3/);
  assert.match(text, /interface: "public"/);
  assert.match(text, /region_name: "RegionOne"/);
});
