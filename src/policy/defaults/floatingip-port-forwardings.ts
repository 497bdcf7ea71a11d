import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_PROJECT_MEMBER, ADMIN_OR_PROJECT_READER } from './base.ts';

/**
 * Port forwardings (floatingip_port_forwarding.py): Neutron's
 * ADMIN_OR_PARENT_OWNER_MEMBER / _READER — the members of the floating IP's
 * project manage them, its readers see them. Every forwarding carries its
 * floating IP's project as its own, so the owner checks read it directly.
 */
export const floatingipPortForwardingPolicy: ResourcePolicy = {
  resource: 'floatingip_port_forwarding',
  rules: {
    create_floatingip_port_forwarding: ADMIN_OR_PROJECT_MEMBER,
    get_floatingip_port_forwarding: ADMIN_OR_PROJECT_READER,
    update_floatingip_port_forwarding: ADMIN_OR_PROJECT_MEMBER,
    delete_floatingip_port_forwarding: ADMIN_OR_PROJECT_MEMBER,
  },
};
