import { ID, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/**
 * Network segments as a resource of their own (routed provider networks):
 * the same rows as a network's provider:* / `segments`. Standard attributes
 * without tags (Neutron's segment model has no tag support), hence
 * `standardAttributes: false` and the columns declared here. Never shows a
 * project: a segment belongs to its network. Behaviour in core/segment.
 */
export const segmentResource = defineResource({
  name: 'segment',
  collection: 'segments',
  path: 'segments',
  table: 'network_segments',
  standardAttributes: false,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  attributes: {
    id: ID,
    tenant_id: { ...TENANT_ID, visible: false },
    network_id: { allowPost: true, allowPut: false, required: true, validate: v.uuid, filter: true, sort: true },
    // Stored '' when absent (the unique key needs a value); the hooks show null.
    physical_network: { allowPost: true, allowPut: false, default: null, validate: v.stringOrNone(64), filter: true, sort: true },
    network_type: { allowPost: true, allowPut: false, required: true, validate: v.stringValidator(32), filter: true, sort: true },
    // Stored 0 when absent; the hooks show null.
    segmentation_id: { allowPost: true, allowPut: false, default: null, convert: v.toIntOrNone, sort: true, storage: 'integer' },
    name: { allowPost: true, allowPut: true, default: null, validate: v.nameStringOrNone(255), filter: true, sort: true },
    description: { allowPost: true, allowPut: true, default: '', validate: v.stringValidator(255), filter: true, sort: true },
    created_at: { allowPost: false, allowPut: false, sort: true },
    updated_at: { allowPost: false, allowPut: false, sort: true },
    revision_number: { allowPost: false, allowPut: false, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
    segment_index: { allowPost: false, allowPut: false, visible: false, storage: 'integer' },
  },
});

/** The segment extension: the resource, and `segment_id` on subnets (set on create). */
export const segment = defineExtension({
  alias: 'segment', name: 'Segment', updated: '2016-02-24T17:00:00-00:00',
  description: 'Segments extension.',
  requires: ['standard-attr-description'],
  resources: [segmentResource],
  attributes: {
    // A segment's project is its network's: accepted in a body (tenant_id), never shown.
    segments: { project_id: { allowPost: true, allowPut: false, visible: false, column: 'project_id', validate: v.stringValidator(255) } },
    subnets: { segment_id: { allowPost: true, allowPut: false, default: null, validate: v.uuidOrNone, filter: true, sort: true } },
  },
});

/** description (and the other standard attributes) on segments. */
export const standardAttrSegment = defineExtension({
  alias: 'standard-attr-segment', name: 'Standard Attribute Segment Extension', updated: '2018-04-09T10:00:00-00:00',
  description: 'Add standard attributes to Segment resource',
  requires: ['segment'],
});

/** segment_id of a subnet may be set later (an unrouted network's subnet joins a segment). */
export const subnetSegmentIdWritable = defineExtension({
  alias: 'subnet-segmentid-writable', name: 'Subnet SegmentID (writable)', updated: '2018-03-12T00:00:00-00:00',
  description: 'Provides a writable segment_id attribute for a subnet resource.',
  requires: ['segment'],
  attributes: {
    subnets: { segment_id: { allowPost: true, allowPut: true, default: null, validate: v.uuidOrNone, filter: true, sort: true } },
  },
});

/** Subnets of a routed network get host routes to their peer segments' subnets (behaviour: core/segment/peer-subnet-host-routes.ts). */
export const segmentsPeerSubnetHostRoutes = defineExtension({
  alias: 'segments-peer-subnet-host-routes', name: 'Segments peer-subnet host routes', updated: '2019-01-22T10:00:00-00:00',
  description: 'Add host routes to subnets on a routed network (segments)',
  requires: ['segment'],
});
