import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN, Api, MEMBER_A, type ApiResponse } from '../helpers/api-harness.ts';
import { DATABASES, type TestDatabase } from '../helpers/databases.ts';

function expectError(response: ApiResponse, status: number, type: string, message?: string): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(response.body.NeutronError.type, type, response.body.NeutronError.message);
  if (message !== undefined) assert.equal(response.body.NeutronError.message, message);
}

for (const { name, create } of DATABASES) {
  describe(`segments (${name})`, () => {
    let db: TestDatabase;
    let api: Api;
    before(async () => { db = await create(); api = await Api.start(db); });
    after(async () => { await api.close(); await db.drop(); });

    const segment = async (attributes: Record<string, unknown>) => api.create('segments', 'segment', attributes, ADMIN);

    test("a network's provider segment is a segment; more can be added, listed, renamed and deleted", async () => {
      const net = await api.network({ 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 150 }, ADMIN);
      const listed = await api.get(`/v2.0/segments?network_id=${net.id}`, ADMIN);
      assert.equal(listed.status, 200);
      assert.equal(listed.body.segments.length, 1);
      const first = listed.body.segments[0];
      assert.deepEqual([first.network_type, first.physical_network, first.segmentation_id, first.name, first.description], ['vlan', 'physnet1', 150, null, '']);
      assert.equal('project_id' in first, false, 'a segment shows no project');
      assert.equal('tenant_id' in first, false);
      assert.equal('tags' in first, false);
      assert.equal(typeof first.created_at, 'string');

      const second = await segment({ network_id: net.id, network_type: 'vxlan', name: 'seg2', description: 'routed' });
      assert.equal(second.network_type, 'vxlan');
      assert.equal(second.physical_network, null);
      assert.ok(Number.isInteger(second.segmentation_id) && second.segmentation_id > 0);
      assert.equal(second.revision_number, 0);
      const shown = (await api.get(`/v2.0/networks/${net.id}`, ADMIN)).body.network;
      assert.equal(shown.segments.length, 2, 'a network of two segments shows segments');
      assert.equal(shown.mtu, 1450, "the network's MTU is its smallest segment's");

      const renamed = await api.put(`/v2.0/segments/${second.id}`, { segment: { name: 'renamed', description: 'd' } }, ADMIN);
      assert.equal(renamed.status, 200);
      assert.deepEqual([renamed.body.segment.name, renamed.body.segment.description, renamed.body.segment.revision_number], ['renamed', 'd', 1]);
      expectError(await api.put(`/v2.0/segments/${second.id}`, { segment: { segmentation_id: 7 } }, ADMIN), 400, 'HTTPBadRequest');

      const sorted = await api.get(`/v2.0/segments?network_id=${net.id}&sort_key=name&sort_dir=asc&fields=name`, ADMIN);
      assert.deepEqual(sorted.body.segments, [{ name: null }, { name: 'renamed' }]);
      assert.equal((await api.get(`/v2.0/segments?network_type=vxlan&name=renamed`, ADMIN)).body.segments.length, 1);

      assert.equal((await api.delete(`/v2.0/segments/${second.id}`, ADMIN)).status, 204);
      expectError(await api.get(`/v2.0/segments/${second.id}`, ADMIN), 404, 'SegmentNotFound', `Segment ${second.id} could not be found.`);
      const after = (await api.get(`/v2.0/networks/${net.id}`, ADMIN)).body.network;
      assert.deepEqual([after['provider:network_type'], after['provider:segmentation_id'], after.mtu], ['vlan', 150, 1500]);
      // The id went back to its pool: a new segment may take it.
      const again = await segment({ network_id: net.id, network_type: 'vxlan', segmentation_id: second.segmentation_id });
      assert.equal(again.segmentation_id, second.segmentation_id);
    });

    test("the allocator's rules: 400 invalid, 409 taken, 404 unknown network", async () => {
      const net = await api.network({}, ADMIN);
      await segment({ network_id: net.id, network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 160 });
      expectError(await api.post('/v2.0/segments', { segment: { network_id: net.id, network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 160 } }, ADMIN),
        409, 'VlanIdInUse');
      // Outside the configured ranges only the unique key guards an id.
      await segment({ network_id: net.id, network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 3000 });
      expectError(await api.post('/v2.0/segments', { segment: { network_id: net.id, network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 3000 } }, ADMIN),
        409, 'VlanIdInUse');
      expectError(await api.post('/v2.0/segments', { segment: { network_id: net.id, network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 4095 } }, ADMIN),
        400, 'InvalidInput');
      expectError(await api.post('/v2.0/segments', { segment: { network_id: net.id, network_type: 'flat', segmentation_id: 3 } }, ADMIN), 400, 'InvalidInput');
      expectError(await api.post('/v2.0/segments', { segment: { network_id: net.id, network_type: 'bogus' } }, ADMIN), 400, 'InvalidInput');
      expectError(await api.post('/v2.0/segments', { segment: { network_id: net.id } }, ADMIN), 400, 'HTTPBadRequest');
      expectError(await api.post('/v2.0/segments', { segment: { network_id: 'not-a-uuid', network_type: 'vxlan' } }, ADMIN), 400, 'HTTPBadRequest');
      const missing = '6b0b1d44-3f3b-4a57-9f4e-0b1b4a2a0c11';
      expectError(await api.post('/v2.0/segments', { segment: { network_id: missing, network_type: 'vxlan' } }, ADMIN), 404, 'NetworkNotFound');
      const flat = await segment({ network_id: net.id, network_type: 'flat', physical_network: 'flatnet9' });
      assert.deepEqual([flat.physical_network, flat.segmentation_id], ['flatnet9', null]);
      expectError(await api.post('/v2.0/segments', { segment: { network_id: net.id, network_type: 'flat', physical_network: 'flatnet9' } }, ADMIN), 409, 'FlatNetworkInUse');
      // Nothing half-written: the failed creates left the network with its three segments.
      assert.equal((await api.get(`/v2.0/segments?network_id=${net.id}`, ADMIN)).body.segments.length, 4);
    });

    test('deleting the network deletes its segments', async () => {
      const net = await api.network({}, ADMIN);
      const extra = await segment({ network_id: net.id, network_type: 'geneve' });
      assert.equal((await api.delete(`/v2.0/networks/${net.id}`, ADMIN)).status, 204);
      expectError(await api.get(`/v2.0/segments/${extra.id}`, ADMIN), 404, 'SegmentNotFound');
    });

    test("subnets' segment_id: admin only, on the segment's network, all or none, 409 SegmentInUse", async () => {
      const net = await api.network({}, ADMIN);
      const other = await api.network({}, ADMIN);
      const [seg] = (await api.get(`/v2.0/segments?network_id=${net.id}`, ADMIN)).body.segments;
      const seg2 = await segment({ network_id: net.id, network_type: 'vxlan' });
      const sub = await api.subnet(net.id, '10.50.1.0/24', { segment_id: seg.id }, ADMIN);
      assert.equal(sub.segment_id, seg.id);
      expectError(await api.get(`/v2.0/segments/${seg.id}`, MEMBER_A), 404, 'SegmentNotFound');
      expectError(await api.post('/v2.0/subnets', { subnet: { network_id: net.id, cidr: '10.50.2.0/24', ip_version: 4 } }, ADMIN), 400, 'SubnetsNotAllAssociatedWithSegments');
      expectError(await api.post('/v2.0/subnets', { subnet: { network_id: other.id, cidr: '10.50.3.0/24', ip_version: 4, segment_id: seg.id } }, ADMIN), 400, 'NetworkIdsDontMatch',
        `The subnet's network id, '${other.id}', doesn't match the network_id of segment '${seg.id}'`);
      const missing = '6b0b1d44-3f3b-4a57-9f4e-0b1b4a2a0c12';
      expectError(await api.post('/v2.0/subnets', { subnet: { network_id: net.id, cidr: '10.50.4.0/24', ip_version: 4, segment_id: missing } }, ADMIN), 404, 'SegmentNotFound');
      const second = await api.subnet(net.id, '10.50.5.0/24', { segment_id: seg2.id }, ADMIN);
      expectError(await api.put(`/v2.0/subnets/${second.id}`, { subnet: { segment_id: seg.id } }, ADMIN), 400, 'SubnetsNotAllAssociatedWithSegments');
      expectError(await api.delete(`/v2.0/segments/${seg.id}`, ADMIN), 409, 'SegmentInUse',
        `Segment '${seg.id}' cannot be deleted: The segment is still associated with subnet(s) ${sub.id}.`);

      // A member sees no segment_id and may not set one.
      const own = await api.network({}, MEMBER_A);
      const ownSubnet = await api.subnet(own.id, '10.60.0.0/24', {}, MEMBER_A);
      assert.equal('segment_id' in ownSubnet, false);
      const [ownSegment] = (await api.get(`/v2.0/segments?network_id=${own.id}`, ADMIN)).body.segments;
      expectError(await api.put(`/v2.0/subnets/${ownSubnet.id}`, { subnet: { segment_id: ownSegment.id } }, MEMBER_A), 403, 'PolicyNotAuthorized');
      // The network's only subnet joins its only segment; afterwards its association is fixed.
      const joined = await api.put(`/v2.0/subnets/${ownSubnet.id}`, { subnet: { segment_id: ownSegment.id } }, ADMIN);
      assert.equal(joined.status, 200, JSON.stringify(joined.body));
      assert.equal(joined.body.subnet.segment_id, ownSegment.id);
      const extra = await segment({ network_id: own.id, network_type: 'vxlan' });
      expectError(await api.put(`/v2.0/subnets/${ownSubnet.id}`, { subnet: { segment_id: extra.id } }, ADMIN), 400, 'SubnetSegmentAssociationChangeNotAllowed');
      assert.equal((await api.get(`/v2.0/subnets?segment_id=${ownSegment.id}`, ADMIN)).body.subnets.length, 1);

      const lone = await api.network({}, ADMIN);
      const loneSubnet = await api.subnet(lone.id, '10.70.0.0/24', {}, ADMIN);
      const loneExtra = await segment({ network_id: lone.id, network_type: 'vxlan' });
      expectError(await api.put(`/v2.0/subnets/${loneSubnet.id}`, { subnet: { segment_id: loneExtra.id } }, ADMIN), 400, 'NoUpdateSubnetWhenMultipleSegmentsOnNetwork');
    });

    test('segments are the administrator\'s: members get 403 on create, 404 on read, and an empty list', async () => {
      const net = await api.network({}, MEMBER_A);
      expectError(await api.post('/v2.0/segments', { segment: { network_id: net.id, network_type: 'vxlan' } }, MEMBER_A), 403, 'PolicyNotAuthorized');
      assert.deepEqual((await api.get('/v2.0/segments', MEMBER_A)).body.segments, []);
      const [seg] = (await api.get(`/v2.0/segments?network_id=${net.id}`, ADMIN)).body.segments;
      expectError(await api.put(`/v2.0/segments/${seg.id}`, { segment: { name: 'x' } }, MEMBER_A), 404, 'SegmentNotFound');
      expectError(await api.delete(`/v2.0/segments/${seg.id}`, MEMBER_A), 404, 'SegmentNotFound');
    });

    test('extensions: segment, standard-attr-segment, subnet-segmentid-writable', async () => {
      const aliases = (await api.get('/v2.0/extensions', MEMBER_A)).body.extensions.map((e: any) => e.alias);
      for (const alias of ['segment', 'standard-attr-segment', 'subnet-segmentid-writable']) assert.ok(aliases.includes(alias), alias);
    });
  });
}
