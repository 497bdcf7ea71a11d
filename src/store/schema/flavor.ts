/** Flavors and service profiles (expand 0021). */

/** A flavor: project_id is who made it (never shown: flavors belong to no project). */
export interface FlavorTable {
  id: string;
  project_id: string;
  name: string;
  description: string | null;
  service_type: string;
  enabled: number;
  created_at: string;
  updated_at: string;
  revision_number: number;
}

/** A service profile: a driver and/or metainfo for it. */
export interface ServiceProfileTable {
  id: string;
  project_id: string;
  description: string | null;
  driver: string;
  metainfo: string | null;
  enabled: number;
  created_at: string;
  updated_at: string;
  revision_number: number;
}

/** One flavor ↔ service profile association (the pair is the key). */
export interface FlavorServiceProfileBindingTable {
  flavor_id: string;
  service_profile_id: string;
}
