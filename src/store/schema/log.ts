/** Network logs (expand 0022). */
import type { StandardColumns } from './columns.ts';

export interface LogTable extends StandardColumns {
  name: string;
  /** A loggable type (`security_group`). */
  resource_type: string;
  /** The logged security group (cascades: the log goes with it). */
  resource_id: string | null;
  /** The logged port (cascades: the log goes with it). */
  target_id: string | null;
  /** ACCEPT, DROP or ALL. */
  event: string;
  enabled: number;
}
