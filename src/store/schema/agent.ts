/** Agents (expand 0012). */
/** What agents report about themselves (muon agent, drivers). */
export interface AgentTable {
  id: string;
  project_id: string;
  agent_type: string;
  binary: string;
  topic: string;
  host: string;
  availability_zone: string | null;
  admin_state_up: number;
  started_at: string;
  heartbeat_timestamp: string;
  /** JSON object. */
  configurations: string;
  resources_synced: number | null;
  description: string | null;
  created_at: string;
  updated_at: string;
  revision_number: number;
}
