import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { DatabaseSchema } from '../../src/ovsdb/protocol.ts';
import { generateTypes } from '../../src/ovsdb/schema-codegen.ts';
import { OVN_NB_SCHEMA_PATH, ovsdbSkipReason } from '../helpers/ovsdb-server.ts';

test('src/ovsdb/generated/ovn-nb.ts is what `npm run gen:ovn-types` makes from the installed schema', { skip: ovsdbSkipReason() }, () => {
  const schema = JSON.parse(readFileSync(OVN_NB_SCHEMA_PATH, 'utf8')) as DatabaseSchema;
  const expected = generateTypes(schema, { source: 'ovn-nb.ovsschema', tablesName: 'OvnNorthbound', schemaConst: 'OVN_NORTHBOUND_SCHEMA' });
  assert.ok(readFileSync(new URL('../../src/ovsdb/generated/ovn-nb.ts', import.meta.url), 'utf8') === expected,
    `the committed types are stale for ${schema.name} ${schema.version}: run npm run gen:ovn-types`);
});
