import { booleanAttribute, COMPUTED, ID, NAME, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource, type AttributeSpec } from '../types.ts';
import * as v from '../validators/index.ts';

/**
 * Flavors and service profiles belong to no project (Neutron's models have
 * no project_id): the column keeps who made them, never shown nor filtered.
 */
const OWNER: AttributeSpec = { ...TENANT_ID, allowPost: false, visible: false, filter: false, sort: false };

/** description of both resources: optional, ≤1024, may be null (neutron-lib's string_or_none). */
const DESCRIPTION: AttributeSpec = { allowPost: true, allowPut: true, default: '', validate: v.stringOrNone(1024), filter: true, sort: true };

/**
 * Flavors (admins make them, every reader lists them): a named choice an
 * advanced service offers its users, backed by the service profiles bound
 * to it (`service_profiles`, changed only through
 * /v2.0/flavors/{id}/service_profiles: Neutron accepts the attribute in a
 * body and ignores it). Behaviour in core/flavor.
 */
export const flavorResource = defineResource({
  name: 'flavor',
  collection: 'flavors',
  path: 'flavors',
  table: 'flavors',
  standardAttributes: false,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  attributes: {
    id: ID,
    name: NAME,
    description: DESCRIPTION,
    // Required, and one of the service plugins the server runs (checked by core/flavor: InvalidServiceType).
    service_type: { allowPost: true, allowPut: false, required: true, filter: true, sort: true },
    service_profiles: { ...COMPUTED, allowPost: true, allowPut: true, default: [], validate: v.uuidList },
    enabled: booleanAttribute(true),
    tenant_id: OWNER,
  },
});

/**
 * Service profiles (admins only): a driver of a configured service provider
 * and/or free-form `metainfo` for it. A profile bound to a flavor can be
 * neither changed nor deleted.
 */
export const serviceProfileResource = defineResource({
  name: 'service_profile',
  collection: 'service_profiles',
  path: 'service_profiles',
  table: 'service_profiles',
  standardAttributes: false,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  attributes: {
    id: ID,
    description: DESCRIPTION,
    driver: { allowPost: true, allowPut: true, default: '', validate: v.stringValidator(1024), filter: true, sort: true },
    // Free text for the driver (neutron-lib validates nothing; Neutron's column holds 4096 characters).
    metainfo: { allowPost: true, allowPut: true, default: '', validate: v.stringOrNone(4096), sort: true },
    enabled: booleanAttribute(true),
    tenant_id: OWNER,
  },
});

export const flavors = defineExtension({
  alias: 'flavors', name: 'Neutron Service Flavors', updated: '2015-09-17T10:00:00-00:00',
  description: 'Flavor specification for Neutron advanced services.',
  resources: [flavorResource, serviceProfileResource],
  // The project-id extension's project_id is hidden again, as on agents.
  attributes: { flavors: { project_id: OWNER }, service_profiles: { project_id: OWNER } },
});
