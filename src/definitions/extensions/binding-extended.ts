import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';
import { VNIC_TYPES } from './binding.ts';

/**
 * `/v2.0/ports/{port_id}/bindings[/{host}[/activate]]`: a port's bindings,
 * one per host, exactly one of them ACTIVE (the port's own `binding:*`).
 * A sub-resource keyed by host, without id or standard attributes, so not
 * among any extension's top-level `resources`: the API serves it with its
 * own routes and this definition only parses and shapes its bodies.
 * Behaviour lives in core/port/port-bindings.ts.
 */
export const portBindingResource = defineResource({
  name: 'binding',
  collection: 'bindings',
  path: 'bindings',
  standardAttributes: false,
  bulk: false,
  pagination: false,
  operations: ['create', 'show', 'list', 'delete'],
  attributes: {
    host: { allowPost: true, allowPut: false, required: true, validate: nonEmptyHost(), filter: true },
    vif_type: { allowPost: false, allowPut: false, filter: true },
    vif_details: { allowPost: false, allowPut: false },
    vnic_type: { allowPost: true, allowPut: false, default: 'normal', validate: v.values(VNIC_TYPES), filter: true },
    profile: { allowPost: true, allowPut: false, default: {}, convert: v.noneToEmptyDict, validate: v.dictOrEmpty },
    status: { allowPost: false, allowPut: false, filter: true },
    // Accepted on create as Neutron does (its policy reads it); the binding is always the port's project's.
    project_id: { allowPost: true, allowPut: false, visible: false, validate: v.stringValidator(255) },
    tenant_id: { allowPost: true, allowPut: false, visible: false, validate: v.stringValidator(255) },
  },
});

/** A host name: a non-empty string of at most 255 characters (the port's binding:host_id). */
function nonEmptyHost(): v.Validator {
  const text = v.stringValidator(255);
  return (value) => text(value) ?? (value === '' ? "'' is not a valid host" : undefined);
}

export const bindingExtended = defineExtension({
  alias: 'binding-extended', name: 'Port Bindings Extended', updated: '2017-07-17T10:00:00-00:00',
  description: 'Expose port bindings of a virtual port to external application',
  requires: ['binding'],
});
