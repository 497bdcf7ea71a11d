import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const member = (project: string): As => ({ project, roles: 'member' });

forEachApi('quotas', ({ api }) => {
  const setQuota = (project: string, quota: Record<string, unknown>, as: As = ADMIN) => api.put(`/v2.0/quotas/${project}`, { quota }, as);
  const countNetworks = async (as: As) => (await api.get('/v2.0/networks', as)).body.networks.length;

  test('GET /quotas/{project}: Neutron\'s defaults, for the project itself and for admins', async () => {
    const own = await api.get('/v2.0/quotas/q-defaults', member('q-defaults'));
    assert.equal(own.status, 200);
    assert.equal(own.body.quota.network, 100);
    assert.equal(own.body.quota.subnet, 100);
    assert.equal(own.body.quota.port, 500);
    assert.equal(own.body.quota.subnetpool, -1);
    const asAdmin = await api.get('/v2.0/quotas/q-defaults', ADMIN);
    assert.deepEqual(asAdmin.body, own.body);
    expectError(await api.get('/v2.0/quotas/q-defaults', MEMBER_A), 403, 'PolicyNotAuthorized');
    const defaults = await api.get('/v2.0/quotas/q-defaults/default', member('q-defaults'));
    assert.equal(defaults.status, 200);
    assert.deepEqual(defaults.body, own.body);
  });

  test('PUT by admin changes the limits (others unchanged); PUT by a member → 403', async () => {
    const updated = await setQuota('q-put', { network: 7, port: '12' });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.quota.network, 7);
    assert.equal(updated.body.quota.port, 12);
    assert.equal(updated.body.quota.subnet, 100);
    assert.deepEqual((await api.get('/v2.0/quotas/q-put', member('q-put'))).body.quota, updated.body.quota);
    expectError(await setQuota('q-put', { network: 1000 }, member('q-put')), 403, 'PolicyNotAuthorized');
    expectError(await api.delete('/v2.0/quotas/q-put', member('q-put')), 403, 'PolicyNotAuthorized');
    assert.equal((await api.get('/v2.0/quotas/q-put', ADMIN)).body.quota.network, 7);
    // /default still answers the configured defaults.
    assert.equal((await api.get('/v2.0/quotas/q-put/default', ADMIN)).body.quota.network, 100);
    // Bad values.
    assert.equal((await setQuota('q-put', { network: -2 })).status, 400);
    assert.equal((await setQuota('q-put', { network: 'many' })).status, 400);
    assert.equal((await setQuota('q-put', { bogus: 1 })).status, 400);
    assert.equal((await api.put('/v2.0/quotas/q-put', { network: 1 }, ADMIN)).status, 400, 'body without the quota envelope');
    const unlimited = await setQuota('q-put', { network: -1 });
    assert.equal(unlimited.body.quota.network, -1);
    // The listing shows projects with overrides.
    const listed = (await api.get('/v2.0/quotas', ADMIN)).body.quotas;
    const entry = listed.find((q: any) => q.project_id === 'q-put');
    assert.ok(entry);
    assert.equal(entry.tenant_id, 'q-put');
    assert.equal(entry.port, 12);
  });

  test('creating beyond the limit → 409 OverQuota "Quota exceeded for resources: [\'network\']."', async () => {
    const as = member('q-over');
    await setQuota('q-over', { network: 2 });
    await api.network({}, as);
    await api.network({}, as);
    const third = await api.post('/v2.0/networks', { network: { name: 'third' } }, as);
    expectError(third, 409, 'OverQuota', "Quota exceeded for resources: ['network'].");
    assert.equal(await countNetworks(as), 2);
    // Admin creating on behalf of the project is limited too; other projects are not.
    expectError(await api.post('/v2.0/networks', { network: { project_id: 'q-over' } }, ADMIN), 409, 'OverQuota');
    assert.equal((await api.post('/v2.0/networks', { network: {} }, member('q-other'))).status, 201);
    // Deleting frees room.
    const first = (await api.get('/v2.0/networks', as)).body.networks[0];
    assert.equal((await api.delete(`/v2.0/networks/${first.id}`, as)).status, 204);
    assert.equal((await api.post('/v2.0/networks', { network: {} }, as)).status, 201);
  });

  test('ports and subnets are limited too', async () => {
    const as = member('q-ports');
    await setQuota('q-ports', { port: 1, subnet: 1 });
    const net = await api.network({}, as);
    await api.subnet(net.id, '10.0.0.0/24', {}, as);
    expectError(await api.post('/v2.0/subnets', { subnet: { network_id: net.id, cidr: '10.0.1.0/24', ip_version: 4 } }, as),
      409, 'OverQuota', "Quota exceeded for resources: ['subnet'].");
    await api.port(net.id, {}, as);
    expectError(await api.post('/v2.0/ports', { port: { network_id: net.id } }, as), 409, 'OverQuota', "Quota exceeded for resources: ['port'].");
  });

  test('bulk create counts the whole batch (and creates nothing when over)', async () => {
    const as = member('q-bulk');
    await setQuota('q-bulk', { network: 3 });
    await api.network({}, as);
    const tooMany = await api.post('/v2.0/networks', { networks: [{ name: 'b1' }, { name: 'b2' }, { name: 'b3' }] }, as);
    expectError(tooMany, 409, 'OverQuota', "Quota exceeded for resources: ['network'].");
    assert.equal(await countNetworks(as), 1);
    const fits = await api.post('/v2.0/networks', { networks: [{ name: 'b1' }, { name: 'b2' }] }, as);
    assert.equal(fits.status, 201);
    assert.equal(await countNetworks(as), 3);
  });

  test('a limit below current usage: accepted (blocks new resources only); refused with check_limit, unless force', async () => {
    const as = member('q-force');
    for (let i = 0; i < 3; i++) await api.network({}, as);
    const refused = await setQuota('q-force', { network: 2, check_limit: true });
    expectError(refused, 400, 'InvalidQuotaValue', 'Quota limit 2 for network must be greater than or equal to already used and reserved 3.');
    assert.equal((await api.get('/v2.0/quotas/q-force', ADMIN)).body.quota.network, 100, 'refused update changes nothing');
    const exact = await setQuota('q-force', { network: 3, check_limit: true });
    assert.equal(exact.status, 200, 'a limit equal to usage is fine');
    const forced = await setQuota('q-force', { network: 1, check_limit: true, force: true });
    assert.equal(forced.status, 200, JSON.stringify(forced.body));
    assert.equal(forced.body.quota.network, 1);
    const lowered = await setQuota('q-force', { network: 2 });
    assert.equal(lowered.status, 200, JSON.stringify(lowered.body));
    assert.deepEqual(['force' in lowered.body.quota, 'check_limit' in lowered.body.quota, lowered.body.quota.network], [false, false, 2]);
    expectError(await api.post('/v2.0/networks', { network: {} }, as), 409, 'OverQuota');
    assert.equal(await countNetworks(as), 3, 'existing resources are kept');
  });

  test('/quotas/{project}/details shows limit, used and reserved', async () => {
    const as = member('q-details');
    await setQuota('q-details', { port: 10 });
    const net = await api.network({}, as);
    await api.network({}, as);
    await api.subnet(net.id, '10.1.0.0/24', {}, as);
    await api.port(net.id, {}, as);
    const details = await api.get('/v2.0/quotas/q-details/details', as);
    assert.equal(details.status, 200);
    assert.deepEqual(details.body.quota.network, { limit: 100, used: 2, reserved: 0 });
    assert.deepEqual(details.body.quota.subnet, { limit: 100, used: 1, reserved: 0 });
    assert.deepEqual(details.body.quota.port, { limit: 10, used: 1, reserved: 0 });
    const json = await api.get('/v2.0/quotas/q-details/details.json', ADMIN);
    assert.deepEqual(json.body, details.body);
    expectError(await api.get('/v2.0/quotas/q-details/details', MEMBER_A), 403, 'PolicyNotAuthorized');
  });

  test('DELETE resets to the defaults (204)', async () => {
    await setQuota('q-reset', { network: 5, subnet: 6 });
    const reset = await api.delete('/v2.0/quotas/q-reset', ADMIN);
    assert.equal(reset.status, 204);
    assert.equal(reset.body, undefined);
    const after = (await api.get('/v2.0/quotas/q-reset', ADMIN)).body.quota;
    assert.equal(after.network, 100);
    assert.equal(after.subnet, 100);
    assert.ok(!(await api.get('/v2.0/quotas', ADMIN)).body.quotas.some((q: any) => q.project_id === 'q-reset'));
  });
});
