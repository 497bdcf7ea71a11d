import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DatabaseSchema } from '../src/ovsdb/protocol.ts';
import { generateTypes } from '../src/ovsdb/schema-codegen.ts';

/**
 * `npm run gen:ovn-types [schema] [output]`: regenerates the OVN northbound
 * types from Debian's ovn-central schema (scripts/setup-ovn.sh installs it).
 */
const [source = '/usr/share/ovn/ovn-nb.ovsschema', output = 'src/ovsdb/generated/ovn-nb.ts'] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(source, 'utf8')) as DatabaseSchema;
writeFileSync(output, generateTypes(schema, { source: basename(source), tablesName: 'OvnNorthbound', schemaConst: 'OVN_NORTHBOUND_SCHEMA' }));
console.log(`wrote ${output} (${schema.name} ${schema.version}, ${Object.keys(schema.tables).length} tables)`);
