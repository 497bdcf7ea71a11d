import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_PROJECT_MEMBER, ADMIN_OR_PROJECT_READER } from './base.ts';

/**
 * Get-me-a-network: a project's readers may fetch (and so have built) its
 * topology, its members take it down; administrators do both for any project.
 */
export const autoAllocatedTopologyPolicy: ResourcePolicy = {
  resource: 'auto_allocated_topology',
  rules: {
    get_auto_allocated_topology: ADMIN_OR_PROJECT_READER,
    delete_auto_allocated_topology: ADMIN_OR_PROJECT_MEMBER,
  },
};
