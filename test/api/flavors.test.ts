import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, Api, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * The flavors extension: flavors, service profiles and their associations,
 * with Neutron's rules and errors (neutron/db/flavors_db.py) and default
 * policies (admins write; every reader reads flavors; profiles are admins').
 */
const MEMBER: As = { project: 'project-a', roles: 'member,reader' };
const READER: As = { project: 'project-b', roles: 'reader' };
const DRIVER = 'neutron.services.example.ExampleDriver';

forEachApi('flavors', { start: (db) => Api.start(db, { serviceProviders: [`LOADBALANCERV2:example:${DRIVER}:default`, 'L3_ROUTER_NAT:ovn'] }) }, ({ api }) => {
  const flavor = (attributes: Record<string, unknown> = {}) => api.create('flavors', 'flavor', { name: 'gold', service_type: 'FLAVORS', ...attributes }, ADMIN);
  const profile = (attributes: Record<string, unknown> = {}) => api.create('service_profiles', 'service_profile', { metainfo: '{"data": "value"}', ...attributes }, ADMIN);
  const associate = (flavorId: string, profileId: string, as: As = ADMIN) => api.post(`/v2.0/flavors/${flavorId}/service_profiles`, { service_profile: { id: profileId } }, as);
  const errorOf = (response: { status: number; body: any }) => [response.status, response.body?.NeutronError?.type, response.body?.NeutronError?.message];

  test('the extension is advertised', async () => {
    const shown = await api.get('/v2.0/extensions/flavors', ADMIN);
    assert.equal(shown.status, 200);
    assert.equal(shown.body.extension.name, 'Neutron Service Flavors');
  });

  test('service providers name the drivers profiles may use, and never show them', async () => {
    assert.deepEqual((await api.get('/v2.0/service-providers', ADMIN)).body.service_providers, [
      { service_type: 'LOADBALANCERV2', name: 'example', default: true }, { service_type: 'L3_ROUTER_NAT', name: 'ovn', default: false },
    ]);
  });

  test('a flavor: Neutron\'s attributes and defaults, no project, update and delete', async () => {
    const created = await api.post('/v2.0/flavors', { flavor: { service_type: 'FLAVORS' } }, ADMIN);
    assert.equal(created.status, 201);
    const { id, ...rest } = created.body.flavor;
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(rest, { name: '', description: '', service_type: 'FLAVORS', service_profiles: [], enabled: true });
    const updated = await api.put(`/v2.0/flavors/${id}`, { flavor: { name: 'silver', description: null, enabled: 'false' } }, ADMIN);
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body.flavor, { id, name: 'silver', description: null, service_type: 'FLAVORS', service_profiles: [], enabled: false });
    assert.deepEqual((await api.get(`/v2.0/flavors/${id}`, ADMIN)).body.flavor, updated.body.flavor);
    assert.equal((await api.delete(`/v2.0/flavors/${id}`, ADMIN)).status, 204);
    assert.deepEqual(errorOf(await api.get(`/v2.0/flavors/${id}`, ADMIN)), [404, 'FlavorNotFound', `Flavor ${id} could not be found.`]);
  });

  test('service_type: required, one of the service plugins served, never changed', async () => {
    assert.deepEqual(errorOf(await api.post('/v2.0/flavors', { flavor: { name: 'x' } }, ADMIN)),
      [400, 'HTTPBadRequest', "Failed to parse request. Required attribute 'service_type' not specified"]);
    assert.deepEqual(errorOf(await api.post('/v2.0/flavors', { flavor: { service_type: 'BROKEN' } }, ADMIN)), [400, 'InvalidServiceType', 'Invalid service type: BROKEN.']);
    assert.deepEqual(errorOf(await api.post('/v2.0/flavors', { flavor: { service_type: null } }, ADMIN)), [400, 'InvalidServiceType', 'Invalid service type: None.']);
    // A bulk create with one bad item writes nothing.
    const before = (await api.get('/v2.0/flavors?name=bulk', ADMIN)).body.flavors.length;
    const bulk = await api.post('/v2.0/flavors', { flavors: [{ name: 'bulk', service_type: 'L3_ROUTER_NAT' }, { name: 'bulk', service_type: 'FIREWALL' }] }, ADMIN);
    assert.deepEqual(errorOf(bulk), [400, 'InvalidServiceType', 'Invalid service type: FIREWALL.']);
    assert.equal((await api.get('/v2.0/flavors?name=bulk', ADMIN)).body.flavors.length, before);
    for (const type of ['CORE', 'L3_ROUTER_NAT', 'QOS', 'trunk', 'segments']) assert.equal((await flavor({ service_type: type })).service_type, type);
    const made = await flavor();
    assert.deepEqual(errorOf(await api.put(`/v2.0/flavors/${made.id}`, { flavor: { service_type: 'QOS' } }, ADMIN)), [400, 'HTTPBadRequest', 'Cannot update read-only attribute service_type']);
  });

  test('bad input is a 400, never stored', async () => {
    for (const [body, message] of [
      [{ name: 'x'.repeat(256) }, `Invalid input for name. Reason: '${'x'.repeat(256)}' exceeds maximum length of 255.`],
      [{ description: 'x'.repeat(1025) }, `Invalid input for description. Reason: '${'x'.repeat(1025)}' exceeds maximum length of 1024.`],
      [{ service_profiles: ['nope'] }, "Invalid input for service_profiles. Reason: 'nope' is not a valid UUID."],
    ] as const) {
      assert.deepEqual(errorOf(await api.post('/v2.0/flavors', { flavor: { service_type: 'FLAVORS', ...body } }, ADMIN)), [400, 'HTTPBadRequest', message]);
    }
    assert.deepEqual(errorOf(await api.post('/v2.0/flavors', { flavor: { service_type: 'FLAVORS', enabled: 'BROKEN' } }, ADMIN)),
      [400, 'InvalidInput', "Invalid input for operation: 'BROKEN' cannot be converted to boolean."]);
    assert.deepEqual(errorOf(await api.post('/v2.0/flavors', { flavor: { service_type: 'FLAVORS', tenant_id: 'x', bogus: 1 } }, ADMIN)),
      [400, 'HTTPBadRequest', "Unrecognized attribute(s) 'bogus'"]);
    assert.deepEqual(errorOf(await api.post('/v2.0/service_profiles', { service_profile: { metainfo: 'x'.repeat(4097) } }, ADMIN)).slice(0, 2), [400, 'HTTPBadRequest']);
    assert.deepEqual(errorOf(await api.post('/v2.0/service_profiles', { service_profile: { metainfo: { a: 1 } } }, ADMIN)).slice(0, 2), [400, 'HTTPBadRequest']);
    assert.deepEqual(errorOf(await api.post('/v2.0/service_profiles', { service_profile: { driver: 'x'.repeat(1025) } }, ADMIN)).slice(0, 2), [400, 'HTTPBadRequest']);
  });

  test("a body's service_profiles is accepted and ignored, as in Neutron", async () => {
    const sp = await profile();
    const made = await flavor({ service_profiles: [sp.id] });
    assert.deepEqual(made.service_profiles, []);
    const updated = await api.put(`/v2.0/flavors/${made.id}`, { flavor: { service_profiles: [sp.id], name: 'kept' } }, ADMIN);
    assert.equal(updated.status, 200);
    assert.deepEqual([updated.body.flavor.name, updated.body.flavor.service_profiles], ['kept', []]);
  });

  test('a service profile: attributes, defaults, driver known or empty, driver or metainfo', async () => {
    const created = await api.post('/v2.0/service_profiles', { service_profile: { description: 'tempest', driver: '', metainfo: '{"data": "value"}' } }, ADMIN);
    assert.equal(created.status, 201);
    const { id, ...rest } = created.body.service_profile;
    assert.deepEqual(rest, { description: 'tempest', driver: '', metainfo: '{"data": "value"}', enabled: true });
    assert.equal((await profile({ driver: DRIVER, metainfo: null })).driver, DRIVER);
    assert.deepEqual(errorOf(await api.post('/v2.0/service_profiles', { service_profile: { driver: 'Broken' } }, ADMIN)),
      [404, 'ServiceProfileDriverNotFound', 'Service Profile driver Broken could not be found.']);
    for (const body of [{}, { driver: '', metainfo: '' }, { metainfo: null }]) {
      assert.deepEqual(errorOf(await api.post('/v2.0/service_profiles', { service_profile: body }, ADMIN)),
        [400, 'ServiceProfileEmpty', 'Service Profile needs either a driver or metainfo.']);
    }
    // An update may empty both (Neutron checks only creates), but may not name an unknown driver.
    const emptied = await api.put(`/v2.0/service_profiles/${id}`, { service_profile: { metainfo: '', enabled: false } }, ADMIN);
    assert.deepEqual([emptied.status, emptied.body.service_profile.metainfo, emptied.body.service_profile.enabled], [200, '', false]);
    assert.deepEqual(errorOf(await api.put(`/v2.0/service_profiles/${id}`, { service_profile: { driver: 'Broken' } }, ADMIN)).slice(0, 2), [404, 'ServiceProfileDriverNotFound']);
    assert.equal((await api.put(`/v2.0/service_profiles/${id}`, { service_profile: { driver: DRIVER } }, ADMIN)).body.service_profile.driver, DRIVER);
    assert.equal((await api.delete(`/v2.0/service_profiles/${id}`, ADMIN)).status, 204);
    assert.deepEqual(errorOf(await api.get(`/v2.0/service_profiles/${id}`, ADMIN)), [404, 'ServiceProfileNotFound', `Service Profile ${id} could not be found.`]);
  });

  test('associations: add, show in the flavor, refuse duplicates and missing objects, remove', async () => {
    const [fl, sp1, sp2] = [await flavor(), await profile(), await profile()];
    const added = await associate(fl.id, sp1.id);
    assert.equal(added.status, 201);
    assert.deepEqual(added.body, { service_profile: { id: sp1.id } });
    assert.equal((await associate(fl.id, sp2.id)).status, 201);
    const shown = (await api.get(`/v2.0/flavors/${fl.id}`, ADMIN)).body.flavor;
    assert.deepEqual(shown.service_profiles, [sp1.id, sp2.id].sort());
    const listed = (await api.get(`/v2.0/flavors?id=${fl.id}`, ADMIN)).body.flavors;
    assert.deepEqual(listed[0].service_profiles, [sp1.id, sp2.id].sort());
    assert.deepEqual((await api.get(`/v2.0/flavors/${fl.id}/service_profiles/${sp1.id}`, ADMIN)).body, { service_profile: { id: sp1.id } });

    assert.deepEqual(errorOf(await associate(fl.id, sp1.id)),
      [409, 'FlavorServiceProfileBindingExists', `Service Profile ${sp1.id} is already associated with flavor ${fl.id}.`]);
    const ghost = '00000000-0000-4000-8000-000000000000';
    assert.deepEqual(errorOf(await associate(ghost, sp1.id)), [404, 'FlavorNotFound', `Flavor ${ghost} could not be found.`]);
    assert.deepEqual(errorOf(await associate(fl.id, ghost)), [404, 'ServiceProfileNotFound', `Service Profile ${ghost} could not be found.`]);
    assert.deepEqual(errorOf(await api.post(`/v2.0/flavors/${fl.id}/service_profiles`, { service_profile: { id: 'nope' } }, ADMIN)),
      [400, 'HTTPBadRequest', "Invalid input for id. Reason: 'nope' is not a valid UUID."]);
    assert.deepEqual(errorOf(await api.post(`/v2.0/flavors/${fl.id}/service_profiles`, { service_profile: {} }, ADMIN)),
      [400, 'HTTPBadRequest', "Failed to parse request. Required attribute 'id' not specified"]);
    assert.deepEqual(errorOf(await api.post(`/v2.0/flavors/${fl.id}/service_profiles`, { profile: { id: sp1.id } }, ADMIN)),
      [400, 'HTTPBadRequest', "Unable to find 'service_profile' in request body"]);

    // A profile in use can be neither changed nor deleted.
    assert.deepEqual(errorOf(await api.put(`/v2.0/service_profiles/${sp1.id}`, { service_profile: { enabled: false } }, ADMIN)),
      [409, 'ServiceProfileInUse', `Service Profile ${sp1.id} is used by some service instance.`]);
    assert.deepEqual(errorOf(await api.delete(`/v2.0/service_profiles/${sp1.id}`, ADMIN)).slice(0, 2), [409, 'ServiceProfileInUse']);
    assert.equal((await api.get(`/v2.0/service_profiles/${sp1.id}`, ADMIN)).body.service_profile.enabled, true);

    assert.equal((await api.delete(`/v2.0/flavors/${fl.id}/service_profiles/${sp1.id}`, ADMIN)).status, 204);
    assert.deepEqual(errorOf(await api.delete(`/v2.0/flavors/${fl.id}/service_profiles/${sp1.id}`, ADMIN)),
      [404, 'FlavorServiceProfileBindingNotFound', `Service Profile ${sp1.id} is not associated with flavor ${fl.id}.`]);
    assert.equal((await api.get(`/v2.0/flavors/${fl.id}/service_profiles/${sp1.id}`, ADMIN)).status, 404);
    assert.deepEqual((await api.get(`/v2.0/flavors/${fl.id}`, ADMIN)).body.flavor.service_profiles, [sp2.id]);
    assert.equal((await api.delete(`/v2.0/service_profiles/${sp1.id}`, ADMIN)).status, 204);

    // Deleting a flavor takes its associations with it: its profile is free again.
    assert.equal((await api.delete(`/v2.0/flavors/${fl.id}`, ADMIN)).status, 204);
    assert.equal((await api.delete(`/v2.0/service_profiles/${sp2.id}`, ADMIN)).status, 204);
  });

  test('two concurrent associations of one pair: one wins, the other is a clean 409', async () => {
    const [fl, sp] = [await flavor(), await profile()];
    const answers = await Promise.all([associate(fl.id, sp.id), associate(fl.id, sp.id)]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409]);
    assert.deepEqual((await api.get(`/v2.0/flavors/${fl.id}`, ADMIN)).body.flavor.service_profiles, [sp.id]);
  });

  test('filters, sorting and the Tempest id=33 filter', async () => {
    const disabled = await flavor({ name: 'filtered', enabled: false, service_type: 'QOS' });
    await flavor({ name: 'filtered' });
    assert.deepEqual((await api.get('/v2.0/flavors?name=filtered&enabled=false', ADMIN)).body.flavors.map((f: any) => f.id), [disabled.id]);
    assert.deepEqual((await api.get('/v2.0/flavors?id=33', ADMIN)).body, { flavors: [] });
    assert.deepEqual((await api.get('/v2.0/service_profiles?id=33', ADMIN)).body, { service_profiles: [] });
    const sp = await profile({ driver: DRIVER });
    assert.ok((await api.get(`/v2.0/service_profiles?driver=${DRIVER}`, ADMIN)).body.service_profiles.some((p: any) => p.id === sp.id));
    // Neither resource has a project: no project filter, no project attribute.
    assert.equal((await api.get('/v2.0/flavors?project_id=x', ADMIN)).status, 400);
    assert.equal((await api.get('/v2.0/service_profiles?tenant_id=x', ADMIN)).status, 400);
    assert.equal((await api.get(`/v2.0/flavors/${disabled.id}?fields=project_id`, ADMIN)).body.flavor.project_id, undefined);
  });

  test('policy: admins write; every reader reads flavors; profiles and associations are the admins\'', async () => {
    const [fl, sp] = [await flavor(), await profile()];
    assert.equal((await associate(fl.id, sp.id)).status, 201);
    for (const as of [MEMBER, READER]) {
      assert.equal((await api.get(`/v2.0/flavors/${fl.id}`, as)).body.flavor.service_profiles[0], sp.id);
      assert.ok((await api.get('/v2.0/flavors', as)).body.flavors.some((f: any) => f.id === fl.id));
      assert.deepEqual(errorOf(await api.post('/v2.0/flavors', { flavor: { service_type: 'FLAVORS' } }, as)), [403, 'PolicyNotAuthorized', 'rule:create_flavor is disallowed by policy']);
      assert.deepEqual(errorOf(await api.put(`/v2.0/flavors/${fl.id}`, { flavor: { name: 'x' } }, as)).slice(0, 2), [403, 'PolicyNotAuthorized']);
      assert.deepEqual(errorOf(await api.delete(`/v2.0/flavors/${fl.id}`, as)).slice(0, 2), [403, 'PolicyNotAuthorized']);
      assert.deepEqual(errorOf(await api.get(`/v2.0/service_profiles/${sp.id}`, as)).slice(0, 2), [404, 'ServiceProfileNotFound']);
      assert.deepEqual((await api.get('/v2.0/service_profiles', as)).body, { service_profiles: [] });
      assert.deepEqual(errorOf(await api.post('/v2.0/service_profiles', { service_profile: { metainfo: 'm' } }, as)).slice(0, 2), [403, 'PolicyNotAuthorized']);
      assert.deepEqual(errorOf(await api.put(`/v2.0/service_profiles/${sp.id}`, { service_profile: { metainfo: 'm' } }, as)).slice(0, 2), [404, 'ServiceProfileNotFound']);
      assert.deepEqual(errorOf(await api.delete(`/v2.0/service_profiles/${sp.id}`, as)).slice(0, 2), [404, 'ServiceProfileNotFound']);
      assert.deepEqual(errorOf(await associate(fl.id, sp.id, as)), [403, 'PolicyNotAuthorized', 'rule:create_flavor_service_profile is disallowed by policy']);
      assert.deepEqual(errorOf(await api.get(`/v2.0/flavors/${fl.id}/service_profiles/${sp.id}`, as)).slice(0, 2), [404, 'FlavorServiceProfileBindingNotFound']);
      assert.deepEqual(errorOf(await api.delete(`/v2.0/flavors/${fl.id}/service_profiles/${sp.id}`, as)).slice(0, 2), [404, 'FlavorServiceProfileBindingNotFound']);
    }
    // Nothing changed.
    assert.deepEqual((await api.get(`/v2.0/flavors/${fl.id}`, ADMIN)).body.flavor, { ...fl, service_profiles: [sp.id] });
  });
});
