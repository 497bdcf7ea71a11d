/** Networks, their segments and network segment ranges. */
import type { Generated } from 'kysely';
import type { StandardColumns } from './columns.ts';

export interface NetworkTable extends StandardColumns {
  name: string;
  admin_state_up: number;
  status: string;
  shared: number;
  router_external: number;
  mtu: number;
  port_security_enabled: number;
  dns_domain: string;
  availability_zone_hints: string;
  /** Expand 0012 (qos). */
  qos_policy_id: string | null;
  /** Expand 0019 (auto-allocated-topology): the default external network (at most one; 0 when not written). */
  is_default: Generated<number>;
}

/** Expand 0019: each project's auto-allocated topology (get-me-a-network). */
export interface AutoAllocatedTopologyTable {
  project_id: string;
  network_id: string | null;
  router_id: string | null;
}

export interface NetworkSegmentTable {
  id: string;
  network_id: string;
  network_type: string;
  /** '' for tunnel types, so that the unique key works (NULLs are distinct in SQL). */
  physical_network: string;
  /** 0 for flat networks, for the same reason. */
  segmentation_id: number;
  segment_index: number;
  /** The network's project (expand 0011): names the segment in the change log, never shown. */
  project_id: string;
  /** Standard attributes of the segment resource (expand 0011). */
  name: string | null;
  description: string;
  created_at: string;
  updated_at: string;
  revision_number: number;
}

export interface NetworkSegmentRangeTable extends StandardColumns {
  /** '' for shared ranges (shown null). */
  project_id: string;
  name: string;
  is_default: number;
  shared: number;
  network_type: string;
  /** '' for tunnel types (shown null). */
  physical_network: string;
  minimum: number;
  maximum: number;
}
