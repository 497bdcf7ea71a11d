import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { TrunkRepo } from '../../src/store/repos/trunk-repo.ts';
import { MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/*
 * Lists of ids read for a whole listing (the trunks of 40,000 listed ports,
 * their networks …) are bound as one parameter: SQLite refuses more than
 * 32,766 parameters in a statement and PostgreSQL more than 65,535, so a
 * parameter per id made listing a big deployment's ports fail.
 */
const MORE_IDS_THAN_ANY_PARAMETER_LIMIT = 70_000;

forEachApi('lists of ids longer than the databases\' parameter limits', ({ api }) => {
test('the trunks of 70,000 ports (one of them a parent) and their subports are read in one statement', async () => {
  const network = await api.network({}, MEMBER_A);
  const parent = await api.port(network.id, {}, MEMBER_A);
  const child = await api.port(network.id, {}, MEMBER_A);
  const trunk = await api.create('trunks', 'trunk', { port_id: parent.id, sub_ports: [{ port_id: child.id, segmentation_type: 'vlan', segmentation_id: 7 }] }, MEMBER_A);
  const portIds = Array.from({ length: MORE_IDS_THAN_ANY_PARAMETER_LIMIT }, () => randomUUID());
  portIds[MORE_IDS_THAN_ANY_PARAMETER_LIMIT / 2] = parent.id;
  const repo = new TrunkRepo();
  const [parents, subports] = await api.store.transaction(async (tx) => [
    await repo.trunksOfParents(tx, portIds), await repo.subportsOf(tx, [...portIds.slice(1), trunk.id]),
  ] as const);
  assert.deepEqual([...parents], [[parent.id, trunk.id]]);
  assert.deepEqual(subports.get(trunk.id), [{ port_id: child.id, segmentation_type: 'vlan', segmentation_id: 7 }]);
});
});
