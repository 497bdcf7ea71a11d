/** What every resource has beside its row: tags, quotas, the change log. */
import type { Generated } from 'kysely';

export interface TagTable {
  resource_id: string;
  resource_type: string;
  tag: string;
}

export interface QuotaTable {
  project_id: string;
  resource: string;
  limit: number;
}

/** The change log agents and drivers watch: one row per committed change. */
export interface ChangeTable {
  revision: Generated<number>;
  resource_type: string;
  resource_id: string;
  action: string;
  project_id: string;
  changed_at: string;
}
