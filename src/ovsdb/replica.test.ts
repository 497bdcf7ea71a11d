import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatabaseSchema } from './protocol.ts';
import { Replica } from './replica.ts';

const SCHEMA: DatabaseSchema = {
  name: 'T', version: '1.0.0',
  tables: {
    Port: {
      columns: {
        name: { type: 'string' },
        tag: { type: { key: { type: 'integer', minInteger: 1, maxInteger: 4095 }, min: 0, max: 1 } },
        addresses: { type: { key: 'string', min: 0, max: 'unlimited' } },
        options: { type: { key: 'string', value: 'string', min: 0, max: 'unlimited' } },
        enabled: { type: { key: 'boolean', min: 0, max: 1 } },
      },
    },
    Switch: { columns: { name: { type: 'string' }, ports: { type: { key: { type: 'uuid', refTable: 'Port' }, min: 0, max: 'unlimited' } } } },
  },
};
const P = '18d473db-9b4c-42f5-862b-6f6b308370d3';
const S = '0a7c8e1f-1dd0-4923-a723-2f7bc59fbf3c';

// The wire contents below are what ovsdb-server 3.1 sent for the same steps (update3 notifications).
test('update2: insert fills defaults, modify applies set and map differences, max-1 columns take the new value', () => {
  const replica = new Replica(SCHEMA, { Port: undefined, Switch: ['name', 'ports'] });
  replica.applyUpdates2({
    Switch: { [S]: { insert: { name: 's1', ports: ['uuid', P] } } },
    Port: { [P]: { insert: { addresses: ['set', ['a', 'b']], name: 'p1', tag: 5 } } },
  });
  assert.deepEqual(replica.rows('Switch').get(S), { _uuid: S, name: 's1', ports: [P] });
  assert.deepEqual(replica.rows('Port').get(P), { _uuid: P, name: 'p1', tag: 5, addresses: ['a', 'b'], options: {}, enabled: null });

  const changes = replica.applyUpdates2({ Port: { [P]: { modify: { addresses: ['set', ['a', 'c']], enabled: true, options: ['map', [['x', '1']]], tag: 7 } } } });
  assert.equal(changes.length, 1);
  assert.deepEqual(changes[0]!.old!.addresses, ['a', 'b']);
  assert.deepEqual(replica.rows('Port').get(P), { _uuid: P, name: 'p1', tag: 7, addresses: ['b', 'c'], options: { x: '1' }, enabled: true });

  replica.applyUpdates2({ Port: { [P]: { modify: { options: ['map', [['x', '2'], ['y', '1']]], tag: ['set', []] } } } });
  assert.deepEqual(replica.rows('Port').get(P)!.options, { x: '2', y: '1' });
  assert.equal(replica.rows('Port').get(P)!.tag, null);
  replica.applyUpdates2({ Port: { [P]: { modify: { options: ['map', [['y', '1']]] } } } });
  assert.deepEqual(replica.rows('Port').get(P)!.options, { x: '2' });

  const deleted = replica.applyUpdates2({ Port: { [P]: { delete: null } } });
  assert.equal(deleted[0]!.new, undefined);
  assert.equal(replica.rows('Port').size, 0);
});

test('update (RFC 7047): new rows replace, absent new deletes', () => {
  const replica = new Replica(SCHEMA, { Switch: undefined });
  replica.applyUpdates({ Switch: { [S]: { new: { name: 'a', ports: ['set', []] } } } });
  replica.applyUpdates({ Switch: { [S]: { old: { name: 'a' }, new: { name: 'b', ports: ['set', []] } } } });
  assert.equal(replica.rows('Switch').get(S)!.name, 'b');
  replica.applyUpdates({ Switch: { [S]: { old: { name: 'b', ports: ['set', []] } } } });
  assert.equal(replica.rows('Switch').size, 0);
});

test('replaceAll reports only what differs from before', () => {
  const replica = new Replica(SCHEMA, { Switch: undefined });
  const other = '11111111-1dd0-4923-a723-2f7bc59fbf3c';
  replica.applyUpdates2({ Switch: { [S]: { initial: { name: 'same' } }, [other]: { initial: { name: 'gone' } } } });
  const third = '22222222-1dd0-4923-a723-2f7bc59fbf3c';
  const changes = replica.replaceAll((r) => r.applyUpdates2({ Switch: { [S]: { initial: { name: 'same' } }, [third]: { initial: { name: 'new' } } } }));
  assert.deepEqual(changes.map((c) => `${c.uuid} ${c.old ? 'old' : ''} ${c.new ? 'new' : ''}`).sort(), [`${other} old `, `${third}  new`]);
});

test('unknown tables and columns are refused up front', () => {
  assert.throws(() => new Replica(SCHEMA, { Nope: undefined }), /not in schema/);
  assert.throws(() => new Replica(SCHEMA, { Port: ['nope'] }), /not in schema/);
});
