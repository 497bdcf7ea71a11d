import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { customTrait, physnetTrait, resourceRequestOf, TUNNEL_TRAIT, uuid5, vnicTypeTrait, type MinimumRule } from './resource-request.ts';

const PORT = { id: 'bf3a7459-da97-414f-9465-211d429a6793', vnicType: 'normal' };
const RULE_1 = '11111111-1111-4111-8111-111111111111';
const RULE_2 = '22222222-2222-4222-8222-222222222222';
const bandwidth = (id: string, direction: string, amount: number): MinimumRule => ({ id, type: 'minimum_bandwidth', direction, amount });
const packetRate = (id: string, direction: string, amount: number): MinimumRule => ({ id, type: 'minimum_packet_rate', direction, amount });

describe('uuid5 (Python uuid.uuid5 values)', () => {
  test('RFC 4122 example and Neutron-style names', () => {
    assert.equal(uuid5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
    assert.equal(uuid5(PORT.id, 'a:b'), 'b4a58047-bbdd-5668-be8d-4d9293c67c85');
    assert.equal(uuid5(PORT.id, 'é'), '5c436a7c-a6ca-506d-9190-1722a6b657c0');
  });

  test('a namespace that is not a UUID still gives a stable, distinct v5 UUID', () => {
    assert.equal(uuid5('not-a-uuid', 'x'), uuid5('not-a-uuid', 'x'));
    assert.notEqual(uuid5('not-a-uuid', 'x'), uuid5('other', 'x'));
    assert.match(uuid5('not-a-uuid', 'x'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('traits (os-traits normalize_name)', () => {
  test('runs of other characters become one underscore, upper case, CUSTOM_ first', () => {
    assert.equal(physnetTrait('phys-net.1'), 'CUSTOM_PHYSNET_PHYS_NET_1');
    assert.equal(physnetTrait('ä b'), 'CUSTOM_PHYSNET_B');
    assert.equal(vnicTypeTrait('direct-physical'), 'CUSTOM_VNIC_TYPE_DIRECT_PHYSICAL');
    assert.equal(customTrait('x'), 'CUSTOM_X');
  });
});

describe('resourceRequestOf', () => {
  test('minimum bandwidth rules: one group, a resource class per direction, physnet and vnic traits', () => {
    const request = resourceRequestOf(PORT, [bandwidth(RULE_2, 'ingress', 2000), bandwidth(RULE_1, 'egress', 1000)], { physicalNetwork: 'public' });
    const id = uuid5(PORT.id, `${RULE_1}:${RULE_2}`);
    assert.equal(id, 'f8517e24-59e6-5829-b9ae-e8f27054c3aa');
    assert.deepEqual(request, {
      request_groups: [{ id, required: ['CUSTOM_PHYSNET_PUBLIC', 'CUSTOM_VNIC_TYPE_NORMAL'], resources: { NET_BW_EGR_KILOBIT_PER_SEC: 1000, NET_BW_IGR_KILOBIT_PER_SEC: 2000 } }],
      same_subtree: [id],
    });
  });

  test('a tunnelled network asks for the tunnel trait; a network without segments gets no bandwidth group', () => {
    const rules = [bandwidth(RULE_1, 'egress', 10)];
    assert.deepEqual(resourceRequestOf(PORT, rules, { physicalNetwork: '' })?.request_groups[0]?.required, [TUNNEL_TRAIT, 'CUSTOM_VNIC_TYPE_NORMAL']);
    assert.equal(resourceRequestOf(PORT, rules, undefined), null);
  });

  test('minimum packet rate rules: their own group with the vnic trait alone; any direction has its own class', () => {
    const request = resourceRequestOf({ ...PORT, vnicType: 'direct' }, [bandwidth(RULE_1, 'egress', 10), packetRate(RULE_2, 'any', 500)], { physicalNetwork: 'physnet1' });
    assert.equal(request?.request_groups.length, 2);
    const [bw, pps] = request!.request_groups;
    assert.deepEqual(bw!.required, ['CUSTOM_PHYSNET_PHYSNET1', 'CUSTOM_VNIC_TYPE_DIRECT']);
    assert.deepEqual(pps, { id: uuid5(PORT.id, RULE_2), required: ['CUSTOM_VNIC_TYPE_DIRECT'], resources: { NET_PACKET_RATE_KILOPACKET_PER_SEC: 500 } });
    assert.deepEqual(request!.same_subtree, [bw!.id, pps!.id]);
    const directed = resourceRequestOf(PORT, [packetRate(RULE_1, 'egress', 1), packetRate(RULE_2, 'ingress', 2)], undefined);
    assert.deepEqual(directed?.request_groups[0]?.resources, { NET_PACKET_RATE_EGR_KILOPACKET_PER_SEC: 1, NET_PACKET_RATE_IGR_KILOPACKET_PER_SEC: 2 });
  });

  test('no minimum rule: null', () => {
    assert.equal(resourceRequestOf(PORT, [], { physicalNetwork: 'public' }), null);
  });

  test('group ids depend on the port and the rules, not on the order rules come in', () => {
    const a = resourceRequestOf(PORT, [bandwidth(RULE_1, 'egress', 1), bandwidth(RULE_2, 'ingress', 1)], { physicalNetwork: 'p' });
    const b = resourceRequestOf(PORT, [bandwidth(RULE_2, 'ingress', 1), bandwidth(RULE_1, 'egress', 1)], { physicalNetwork: 'p' });
    const other = resourceRequestOf({ ...PORT, id: RULE_1 }, [bandwidth(RULE_1, 'egress', 1), bandwidth(RULE_2, 'ingress', 1)], { physicalNetwork: 'p' });
    assert.equal(a!.same_subtree[0], b!.same_subtree[0]);
    assert.notEqual(a!.same_subtree[0], other!.same_subtree[0]);
  });
});
