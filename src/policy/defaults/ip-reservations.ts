import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN, ADMIN_OR_PROJECT_READER } from './base.ts';

/**
 * muon's IP reservations (not a Neutron resource): the operator holds
 * addresses for a project, so only administrators make, change and end
 * them; the project's readers see what is held for it.
 */
export const ipReservationPolicy: ResourcePolicy = {
  resource: 'ip_reservation',
  rules: {
    create_ip_reservation: ADMIN,
    get_ip_reservation: ADMIN_OR_PROJECT_READER,
    update_ip_reservation: ADMIN,
    delete_ip_reservation: ADMIN,
    'create_ip_reservation:tags': ADMIN,
    'get_ip_reservation:tags': ADMIN_OR_PROJECT_READER,
    'update_ip_reservation:tags': ADMIN,
    'delete_ip_reservation:tags': ADMIN,
  },
};
