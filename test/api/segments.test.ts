import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, expectError } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

forEachApi('segments', ({ api }) => {
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

  test('segments-peer-subnet-host-routes: each segment subnet routes to the others through its gateway; kept in step on create, gateway change and delete', async () => {
    const net = await api.network({ 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 170 }, ADMIN);
    const seg1 = (await api.get(`/v2.0/segments?network_id=${net.id}`, ADMIN)).body.segments[0];
    const seg2 = await segment({ network_id: net.id, network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 171 });
    const seg3 = await segment({ network_id: net.id, network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 172 });
    const routes = async (id: string) => (await api.get(`/v2.0/subnets/${id}`, ADMIN)).body.subnet.host_routes
      .map((r: any) => `${r.destination} via ${r.nexthop}`).sort();
    const a = await api.subnet(net.id, '10.71.1.0/24', { segment_id: seg1.id }, ADMIN);
    assert.deepEqual(a.host_routes, [], 'alone on the network: nothing to route to');
    const b = await api.subnet(net.id, '10.71.2.0/24', { segment_id: seg2.id }, ADMIN);
    assert.deepEqual(b.host_routes, [{ destination: '10.71.1.0/24', nexthop: '10.71.2.1' }], 'the new subnet routes to its peer');
    assert.deepEqual(await routes(a.id), ['10.71.2.0/24 via 10.71.1.1'], 'and the peer to it');
    const aRevision = (await api.get(`/v2.0/subnets/${a.id}`, ADMIN)).body.subnet.revision_number;
    assert.ok(aRevision > a.revision_number, 'the peer\'s revision moves (drivers follow it)');
    // A second subnet on the same segment is not a peer of its segment mates; a user's supernet covers a peer.
    const a2 = await api.subnet(net.id, '10.71.3.0/24', { segment_id: seg1.id, host_routes: [{ destination: '10.71.0.0/16', nexthop: '10.71.3.254' }] }, ADMIN);
    assert.deepEqual(a2.host_routes, [{ destination: '10.71.0.0/16', nexthop: '10.71.3.254' }]);
    assert.deepEqual(await routes(a.id), ['10.71.2.0/24 via 10.71.1.1']);
    assert.deepEqual(await routes(b.id), ['10.71.1.0/24 via 10.71.2.1', '10.71.3.0/24 via 10.71.2.1']);
    const v6 = await api.subnet(net.id, 'fd71::/64', { segment_id: seg3.id }, ADMIN);
    assert.deepEqual(v6.host_routes, [], 'only peers of the same IP version');
    // A gateway change moves the subnet's peer routes to the new gateway.
    const moved = await api.put(`/v2.0/subnets/${b.id}`, { subnet: { gateway_ip: '10.71.2.254', allocation_pools: [{ start: '10.71.2.2', end: '10.71.2.200' }] } }, ADMIN);
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.deepEqual(await routes(b.id), ['10.71.1.0/24 via 10.71.2.254', '10.71.3.0/24 via 10.71.2.254']);
    // Replacing the routes keeps the peer routes.
    await api.put(`/v2.0/subnets/${b.id}`, { subnet: { host_routes: [{ destination: '192.0.2.0/24', nexthop: '10.71.2.9' }] } }, ADMIN);
    assert.deepEqual(await routes(b.id), ['10.71.1.0/24 via 10.71.2.254', '10.71.3.0/24 via 10.71.2.254', '192.0.2.0/24 via 10.71.2.9']);
    // Deleting a subnet takes the routes to it away.
    assert.equal((await api.delete(`/v2.0/subnets/${a.id}`, ADMIN)).status, 204);
    assert.deepEqual(await routes(b.id), ['10.71.3.0/24 via 10.71.2.254', '192.0.2.0/24 via 10.71.2.9']);
    const aliases = (await api.get('/v2.0/extensions', ADMIN)).body.extensions.map((e: any) => e.alias);
    assert.ok(aliases.includes('segments-peer-subnet-host-routes'));
  });

  test('segments are the administrator\'s: members get 403 on create, 404 on read, and an empty list', async () => {
    const net = await api.network({}, MEMBER_A);
    expectError(await api.post('/v2.0/segments', { segment: { network_id: net.id, network_type: 'vxlan' } }, MEMBER_A), 403, 'PolicyNotAuthorized');
    assert.deepEqual((await api.get('/v2.0/segments', MEMBER_A)).body.segments, []);
    const [seg] = (await api.get(`/v2.0/segments?network_id=${net.id}`, ADMIN)).body.segments;
    expectError(await api.put(`/v2.0/segments/${seg.id}`, { segment: { name: 'x' } }, MEMBER_A), 404, 'SegmentNotFound');
    expectError(await api.delete(`/v2.0/segments/${seg.id}`, MEMBER_A), 404, 'SegmentNotFound');
  });

  test('extensions: segment, standard-attr-segment, subnet-segmentid-writable, network-segment-range', async () => {
    const aliases = (await api.get('/v2.0/extensions', MEMBER_A)).body.extensions.map((e: any) => e.alias);
    for (const alias of ['segment', 'standard-attr-segment', 'subnet-segmentid-writable', 'network-segment-range']) assert.ok(aliases.includes(alias), alias);
  });

  const RANGES = '/v2.0/network-segment-ranges';
  const range = (attributes: Record<string, unknown>) => api.create('network-segment-ranges', 'network_segment_range', attributes, ADMIN);

  test('network segment ranges: the configured ranges are read-only defaults with used and available', async () => {
    const listed = await api.get(`${RANGES}?default=true`, ADMIN);
    assert.equal(listed.status, 200);
    const kinds = listed.body.network_segment_ranges.map((r: any) => `${r.network_type}/${r.physical_network}/${r.minimum}-${r.maximum}`).sort();
    assert.deepEqual(kinds, ['geneve/null/1-65536', 'vlan/physnet1/100-200', 'vxlan/null/1-65536']);
    const vlan = listed.body.network_segment_ranges.find((r: any) => r.network_type === 'vlan');
    assert.deepEqual([vlan.default, vlan.shared, vlan.project_id, vlan.name], [true, true, null, '']);
    assert.equal('tenant_id' in vlan, false);
    const net = await api.network({ 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 199 }, ADMIN);
    const after = (await api.get(`${RANGES}/${vlan.id}`, ADMIN)).body.network_segment_range;
    assert.equal(after.used['199'], net.project_id);
    assert.equal(after.available.includes(199), false);
    assert.equal(after.available.includes(198), true);
    expectError(await api.put(`${RANGES}/${vlan.id}`, { network_segment_range: { name: 'x' } }, ADMIN), 400, 'NetworkSegmentRangeDefaultReadOnly',
      `Network Segment Range ${vlan.id} is a default segment range which could not be updated or deleted.`);
    expectError(await api.delete(`${RANGES}/${vlan.id}`, ADMIN), 400, 'NetworkSegmentRangeDefaultReadOnly');
  });

  test("a project's range serves its tenant networks first; in use it can be neither shrunk nor deleted", async () => {
    const own = await range({ name: 'p-range', shared: false, project_id: 'project-p', network_type: 'vxlan', minimum: 70001, maximum: 70003 });
    assert.deepEqual([own.default, own.shared, own.project_id, own.physical_network, own.available, own.used], [false, false, 'project-p', null, [70001, 70002, 70003], {}]);
    const net = await api.network({ project_id: 'project-p', 'provider:network_type': 'vxlan' }, ADMIN);
    assert.equal(net['provider:segmentation_id'], 70001);
    const other = await api.network({ project_id: 'project-q', 'provider:network_type': 'vxlan' }, ADMIN);
    assert.ok(other['provider:segmentation_id'] < 70001, 'another project draws from the default range');
    expectError(await api.put(`${RANGES}/${own.id}`, { network_segment_range: { minimum: 70001, maximum: 70010 } }, ADMIN), 409, 'NetworkSegmentRangeReferencedByProject',
      `Network Segment Range ${own.id} is referenced by one or more project networks.`);
    expectError(await api.delete(`${RANGES}/${own.id}`, ADMIN), 409, 'NetworkSegmentRangeReferencedByProject');
    const grown = await api.put(`${RANGES}/${own.id}`, { network_segment_range: { name: 'grown', minimum: 69990, maximum: 70020 } }, ADMIN);
    assert.equal(grown.status, 200, JSON.stringify(grown.body));
    assert.deepEqual([grown.body.network_segment_range.name, grown.body.network_segment_range.minimum, grown.body.network_segment_range.maximum], ['grown', 69990, 70020]);
    assert.equal((await api.delete(`/v2.0/networks/${net.id}`, ADMIN)).status, 204);
    assert.equal((await api.delete(`${RANGES}/${own.id}`, ADMIN)).status, 204);
    expectError(await api.get(`${RANGES}/${own.id}`, ADMIN), 404, 'NetworkSegmentRangeNotFound');
  });

  test('network segment range checks: type, physical network, bounds, overlap; admins only', async () => {
    expectError(await api.post(RANGES, { network_segment_range: { network_type: 'gre', minimum: 1, maximum: 10 } }, ADMIN), 400, 'NetworkSegmentRangeNetTypeNotSupported',
      'Network type gre does not support network segment ranges.');
    expectError(await api.post(RANGES, { network_segment_range: { network_type: 'flat', minimum: 1, maximum: 10 } }, ADMIN), 400, 'HTTPBadRequest');
    expectError(await api.post(RANGES, { network_segment_range: { network_type: 'vlan', minimum: 1, maximum: 10 } }, ADMIN), 400, 'BadRequest');
    expectError(await api.post(RANGES, { network_segment_range: { network_type: 'vlan', physical_network: 'physnet2', minimum: 10, maximum: 4095 } }, ADMIN), 400, 'NetworkVlanRangeError');
    expectError(await api.post(RANGES, { network_segment_range: { network_type: 'vxlan', minimum: 20, maximum: 10 } }, ADMIN), 400, 'NetworkTunnelRangeError');
    expectError(await api.post(RANGES, { network_segment_range: { network_type: 'vxlan', minimum: 10 } }, ADMIN), 400, 'HTTPBadRequest');
    const shared = await range({ network_type: 'vlan', physical_network: 'physnet2', minimum: 10, maximum: 20 });
    assert.deepEqual([shared.shared, shared.project_id], [true, null]);
    expectError(await api.post(RANGES, { network_segment_range: { network_type: 'vlan', physical_network: 'physnet2', minimum: 15, maximum: 30 } }, ADMIN), 409, 'NetworkSegmentRangeOverlaps',
      `Network segment range overlaps with range(s) with id ${shared.id}`);
    assert.equal((await api.put(`${RANGES}/${shared.id}/tags/blue`, undefined, ADMIN)).status, 201);
    assert.deepEqual((await api.get(`${RANGES}?tags=blue`, ADMIN)).body.network_segment_ranges.map((r: any) => r.id), [shared.id]);
    expectError(await api.post(RANGES, { network_segment_range: { network_type: 'vxlan', minimum: 1, maximum: 2 } }, MEMBER_A), 403, 'PolicyNotAuthorized');
    assert.deepEqual((await api.get(RANGES, MEMBER_A)).body.network_segment_ranges, []);
    expectError(await api.get(`${RANGES}/${shared.id}`, MEMBER_A), 404, 'NetworkSegmentRangeNotFound');
  });
});
