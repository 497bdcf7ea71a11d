/** RBAC policies (expand 0010). */
import type { StandardColumns } from './columns.ts';

/** Who shares which object with which project ('*': every project). */
export interface RbacPolicyTable extends StandardColumns {
  object_type: string;
  object_id: string;
  action: string;
  target_tenant: string;
}
