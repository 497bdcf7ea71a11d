import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeContext } from '../../core/context.ts';
import { HTTPBadRequest } from '../../core/errors.ts';
import { resolveResources } from '../../definitions/index.ts';
import { parseCreateBody, parseUpdateBody } from './body.ts';

const resources = resolveResources();
const port = resources.get('ports')!;
const ctx = makeContext('project-a', ['member']);
const NETWORK = '6a2f5b8e-1c1d-4b3f-9a6e-3f1a2b3c4d5e';

const refusal = (body: unknown, resource = port) => {
  try {
    parseCreateBody(resource, body, ctx);
  } catch (error) {
    assert.ok(error instanceof HTTPBadRequest, String(error));
    return error.message;
  }
  return assert.fail('accepted');
};

test('a create gets its attributes in body order, then the project, then the defaults of the definition', () => {
  const [values] = parseCreateBody(port, { port: { name: 'p', network_id: NETWORK } }, ctx);
  const keys = Object.keys(values!);
  assert.deepEqual(keys.slice(0, 4), ['name', 'network_id', 'tenant_id', 'project_id']);
  const defaulted = Object.entries(port.attributes).filter(([n, s]) => s.allowPost && s.default !== undefined && !['name'].includes(n)).map(([n]) => n);
  assert.deepEqual(keys.slice(4), defaulted);
  assert.equal(values!.admin_state_up, true);
  assert.equal(values!.project_id, 'project-a');
});

test('object defaults are fresh copies for every item and leave the definition alone', () => {
  const items = parseCreateBody(port, { ports: [{ network_id: NETWORK }, { network_id: NETWORK }] }, ctx);
  const [a, b] = items as [Record<string, unknown>, Record<string, unknown>];
  assert.deepEqual(a['binding:profile'], {});
  assert.notEqual(a['binding:profile'], b['binding:profile']);
  (a['binding:profile'] as Record<string, unknown>).changed = true;
  assert.deepEqual(b['binding:profile'], {});
  assert.deepEqual(port.attributes['binding:profile']!.default, {});
});

test('refusals keep their order: unknown attributes, then the first rule broken in definition order', () => {
  assert.equal(refusal({ port: { bogus: 1, status: 'ACTIVE' } }), "Unrecognized attribute(s) 'bogus'");
  // network_id (required) comes before status (not allowed in POST) in the definition.
  assert.equal(refusal({ port: { status: 'ACTIVE' } }), "Failed to parse request. Required attribute 'network_id' not specified");
  assert.equal(refusal({ port: { network_id: NETWORK, status: 'ACTIVE' } }), "Attribute 'status' not allowed in POST");
  assert.equal(refusal({ port: { network_id: 'nope' } }), "Invalid input for network_id. Reason: 'nope' is not a valid UUID.");
});

test('__proto__ in a body is an unknown attribute, never the prototype of the values', () => {
  assert.equal(refusal(JSON.parse(`{"port": {"network_id": "${NETWORK}", "__proto__": {"admin_state_up": false}}}`)), "Unrecognized attribute(s) '__proto__'");
  assert.equal(refusal(JSON.parse(`{"port": {"__proto__": {"network_id": "${NETWORK}"}}}`)), "Unrecognized attribute(s) '__proto__'");
  assert.throws(() => parseUpdateBody(port, JSON.parse('{"port": {"__proto__": {"name": "x"}}}')), /Unrecognized attribute\(s\) '__proto__'/);
});
