import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateTypes, interfaceName } from './schema-codegen.ts';

test('interface names', () => {
  assert.equal(interfaceName('Logical_Switch_Port'), 'LogicalSwitchPort');
  assert.equal(interfaceName('NB_Global'), 'NbGlobal');
  assert.equal(interfaceName('ACL'), 'Acl');
});

test('native shapes, enums and references become TypeScript types', () => {
  const text = generateTypes({
    name: 'T', version: '1.2.3',
    tables: {
      Port: {
        isRoot: true,
        columns: {
          name: { type: 'string' },
          kind: { type: { key: { type: 'string', enum: ['set', ['b', 'a']] } } },
          tag: { type: { key: { type: 'integer', minInteger: 1, maxInteger: 4095 }, min: 0, max: 1 } },
          peers: { type: { key: { type: 'uuid', refTable: 'Port', refType: 'weak' }, min: 0, max: 'unlimited' } },
          options: { type: { key: 'string', value: 'string', min: 0, max: 'unlimited' } },
        },
      },
    },
  }, { source: 't.ovsschema', tablesName: 'TDb', schemaConst: 'T_SCHEMA' });
  assert.match(text, /export interface Port \{\n  _uuid: string;\n  kind: "a" \| "b";\n  name: string;\n  options: Record<string, string>;\n  peers: Array<string>; \/\/ → Port \(weak\)\n  tag: number \| null; \/\/ 1\.\.4095\n\}/);
  assert.match(text, /export interface TDb \{\n  Port: Port;\n\}/);
  assert.match(text, /export const T_SCHEMA: DatabaseSchema = \{/);
});
