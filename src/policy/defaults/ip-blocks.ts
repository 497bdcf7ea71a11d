import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN, ADMIN_OR_PROJECT_READER } from './base.ts';

/** muon's IP blocks: the operator assigns them; the project's readers see its own. */
export const ipBlockPolicy: ResourcePolicy = {
  resource: 'ip_block',
  rules: {
    create_ip_block: ADMIN,
    get_ip_block: ADMIN_OR_PROJECT_READER,
    update_ip_block: ADMIN,
    delete_ip_block: ADMIN,
    'create_ip_block:tags': ADMIN,
    'get_ip_block:tags': ADMIN_OR_PROJECT_READER,
    'update_ip_block:tags': ADMIN,
    'delete_ip_block:tags': ADMIN,
  },
};
