import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_SERVICE } from './base.ts';

/**
 * What host agents send muon (POST /v2.0/muon/agents, PUT
 * /v2.0/muon/ports/{id}/status): heartbeats and port status. Services (the
 * agents' credential) and the cloud administrator; in Neutron the same
 * happens over the message bus, outside the policy engine.
 */
export const agentReportsPolicy: ResourcePolicy = {
  resource: 'agent_report',
  rules: {
    create_agent_report: ADMIN_OR_SERVICE,
    report_port_status: ADMIN_OR_SERVICE,
  },
};
