import { ID, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';
import { ConversionError } from '../validators/types.ts';

/**
 * The `object_type`s of RBAC policies (one per rbac-* alias below, and
 * qos_policy, which comes with the qos extension as in Neutron). A kind
 * added here also needs its entry in core/rbac/rbac-object-types.ts, where
 * its behaviour lives.
 */
export const RBAC_OBJECT_TYPE_NAMES: readonly string[] = ['network', 'qos_policy', 'security_group', 'address_scope', 'subnetpool', 'address_group'];

/** neutron's convert_valid_object_type: trimmed, lower-cased, one of the known types. */
const toRbacObjectType = (value: unknown): unknown => {
  const normalized = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (typeof normalized === 'string' && RBAC_OBJECT_TYPE_NAMES.includes(normalized)) return normalized;
  throw new ConversionError(`'${v.pyStr(value)}' is not a valid RBAC object type`);
};

/**
 * RBAC policies: an object's owner shares it with one project, or (admins)
 * with every project ('*'). Only `target_tenant` changes after creation.
 * Neutron offers no pagination on this collection (sorting yes), and the
 * policies have no standard attributes. Behaviour lives in core/rbac.
 */
export const rbacPolicyResource = defineResource({
  name: 'rbac_policy',
  collection: 'rbac_policies',
  path: 'rbac-policies',
  table: 'rbac_policies',
  standardAttributes: false,
  bulk: true,
  pagination: false,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  quotaResource: 'rbac_policy',
  attributes: {
    id: ID,
    object_type: { allowPost: true, allowPut: false, required: true, convert: toRbacObjectType, filter: true, sort: true },
    object_id: { allowPost: true, allowPut: false, required: true, validate: v.uuid, filter: true, sort: true },
    target_tenant: { allowPost: true, allowPut: true, required: true, validate: v.stringValidator(255), filter: true, sort: true },
    tenant_id: TENANT_ID,
    action: { allowPost: true, allowPut: false, required: true, validate: v.stringValidator(255), filter: true, sort: true },
  },
});

export const rbacPolicies = defineExtension({
  alias: 'rbac-policies', name: 'RBAC Policies', updated: '2015-06-17T12:15:12-00:00',
  description: 'Allows creation and modification of policies that control tenant access to resources.',
  resources: [rbacPolicyResource],
});

export const rbacSecurityGroups = defineExtension({
  alias: 'rbac-security-groups', name: 'Add security_group type to network RBAC', updated: '2019-02-14T00:00:00-00:00',
  description: 'Add security_group type to network RBAC', requires: ['rbac-policies', 'security-group'],
});

export const rbacAddressScope = defineExtension({
  alias: 'rbac-address-scope', name: 'Add address_scope type to RBAC', updated: '2020-02-12T00:00:00-00:00',
  description: 'Add address_scope type to RBAC', requires: ['rbac-policies', 'address-scope'],
});

export const rbacSubnetpool = defineExtension({
  alias: 'rbac-subnetpool', name: 'Add subnetpool type to RBAC', updated: '2020-02-05T00:00:00-00:00',
  description: 'Add subnetpool type to RBAC', requires: ['rbac-policies', 'rbac-address-scope'],
});

export const rbacAddressGroup = defineExtension({
  alias: 'rbac-address-group', name: 'Add address_group type to RBAC', updated: '2021-01-20T00:00:00-00:00',
  description: 'Add address_group type to network RBAC', requires: ['rbac-policies', 'security-group'],
});
