/** Trunks and subports (expand 0011). */
import type { StandardColumns } from './columns.ts';

export interface TrunkTable extends StandardColumns {
  project_id: string;
  name: string;
  admin_state_up: number;
  status: string;
  /** The parent port; unique: a port parents at most one trunk. */
  port_id: string;
}

export interface TrunkSubportTable {
  /** Primary key: a port is a subport of at most one trunk. */
  port_id: string;
  trunk_id: string;
  segmentation_type: string;
  segmentation_id: number;
}
