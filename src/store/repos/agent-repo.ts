import { randomUUID } from 'node:crypto';
import type { AgentTable } from '../schema.ts';
import type { Tx } from '../store.ts';

/** What an agent says about itself in a report (Neutron's agent state report). */
export interface AgentReport {
  readonly agent_type: string;
  readonly binary: string;
  readonly topic: string;
  readonly host: string;
  readonly availability_zone?: string | null;
  readonly configurations?: Record<string, unknown>;
  /** True on the first report after the agent (re)started: started_at moves. */
  readonly start_flag?: boolean;
}

/** Agents' own rows: reports and the zone view. All methods run inside the given transaction. */
export class AgentRepo {
  /** Creates the (agent_type, host) row or refreshes it; returns its id. */
  async report(tx: Tx, report: AgentReport): Promise<string> {
    const configurations = JSON.stringify(report.configurations ?? {});
    const existing = await tx.db.selectFrom('agents').select(['id', 'started_at']).where('agent_type', '=', report.agent_type).where('host', '=', report.host).executeTakeFirst();
    if (existing) {
      await tx.db.updateTable('agents').set({
        binary: report.binary, topic: report.topic, availability_zone: report.availability_zone ?? null, configurations,
        heartbeat_timestamp: tx.now, started_at: report.start_flag ? tx.now : existing.started_at,
      }).where('id', '=', existing.id).execute();
      return existing.id;
    }
    const row: AgentTable = {
      id: randomUUID(), project_id: '', agent_type: report.agent_type, binary: report.binary, topic: report.topic, host: report.host,
      availability_zone: report.availability_zone ?? null, admin_state_up: 1, started_at: tx.now, heartbeat_timestamp: tx.now,
      configurations, resources_synced: null, description: null, created_at: tx.now, updated_at: tx.now, revision_number: 0,
    };
    await tx.db.insertInto('agents').values(row).execute();
    return row.id;
  }

  /** Agents that name an availability zone. */
  async withZones(tx: Tx): Promise<Array<Pick<AgentTable, 'agent_type' | 'availability_zone' | 'admin_state_up' | 'heartbeat_timestamp'>>> {
    return tx.db.selectFrom('agents').select(['agent_type', 'availability_zone', 'admin_state_up', 'heartbeat_timestamp'])
      .where('availability_zone', 'is not', null).execute();
  }
}
