/** Columns shared by the resource tables. */
/** The columns every Neutron resource table has (standard attributes). */
export interface StandardColumns {
  id: string;
  project_id: string;
  description: string;
  created_at: string;
  updated_at: string;
  revision_number: number;
}
