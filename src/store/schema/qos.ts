/** QoS policies (expand 0012). */
import type { StandardColumns } from './columns.ts';

export interface QosPolicyTable extends StandardColumns {
  name: string;
  shared: number;
  /** At most one per project (partial unique index). */
  is_default: number;
}
