import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_SERVICE, SERVICE } from './base.ts';

/**
 * A port's bindings (binding-extended, neutron/conf/policies/port_bindings.py):
 * administrators and services read them; only services (Nova migrating an
 * instance) create, activate and delete them — not even the administrator,
 * as in Neutron's defaults (a policy file can widen them).
 */
export const portBindingPolicy: ResourcePolicy = {
  resource: 'port_binding',
  rules: {
    get_port_binding: ADMIN_OR_SERVICE,
    create_port_binding: SERVICE,
    delete_port_binding: SERVICE,
    activate: SERVICE,
  },
};
