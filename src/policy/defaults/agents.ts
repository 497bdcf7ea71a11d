import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN } from './base.ts';

/** Agents: the cloud administrator's (neutron/conf/policies/agent.py); others list none. */
export const agentPolicy: ResourcePolicy = {
  resource: 'agent',
  rules: {
    create_agent: ADMIN,
    get_agent: ADMIN,
    update_agent: ADMIN,
    delete_agent: ADMIN,
  },
};
