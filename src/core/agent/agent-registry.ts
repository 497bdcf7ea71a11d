import type { AgentRepo, AgentReport } from '../../store/repos/agent-repo.ts';
import type { Store } from '../../store/store.ts';

export type { AgentReport } from '../../store/repos/agent-repo.ts';

/**
 * Where agents and drivers register and send heartbeats (the data-plane
 * issue's agents call this; the API only reads, updates and deletes). One
 * row per (agent_type, host): the first report creates it (admin_state_up
 * true), later ones refresh heartbeat, configuration and zone. One
 * transaction per report; idempotent per heartbeat.
 */
export class AgentRegistry {
  constructor(private readonly store: Store, private readonly agents: AgentRepo) {}

  /** Records a report; returns the agent's id. */
  async report(report: AgentReport): Promise<string> {
    return this.store.transaction((tx) => this.agents.report(tx, report));
  }
}
