/** The built-in identity service's tables (expand 0002). */
export interface IdentityDomainTable {
  id: string;
  name: string;
  description: string;
  enabled: number;
  created_at: string;
}

export interface IdentityProjectTable {
  id: string;
  domain_id: string;
  parent_id: string | null;
  name: string;
  description: string;
  enabled: number;
  /** JSON list of strings. */
  tags: string;
  created_at: string;
}

export interface IdentityUserTable {
  id: string;
  domain_id: string;
  name: string;
  /** scrypt hash string (identity/password-hash.ts); null: no password login. */
  password_hash: string | null;
  enabled: number;
  default_project_id: string | null;
  /** JSON object (Keystone's user options). */
  options: string;
  /** JSON object of extra attributes (email, description …). */
  extra: string;
  password_expires_at: string | null;
  created_at: string;
}

export interface IdentityGroupTable {
  id: string;
  domain_id: string;
  name: string;
  description: string;
}

export interface IdentityGroupMemberTable {
  group_id: string;
  user_id: string;
}

export interface IdentityRoleTable {
  id: string;
  name: string;
  /** '' for a global role (rendered as null). */
  domain_id: string;
  description: string;
  options: string;
}

export interface IdentityImpliedRoleTable {
  prior_role_id: string;
  implied_role_id: string;
}

export interface IdentityAssignmentTable {
  actor_type: 'user' | 'group';
  actor_id: string;
  target_type: 'project' | 'domain' | 'system';
  /** Project or domain id; 'all' for the system. */
  target_id: string;
  role_id: string;
}

export interface IdentityAppCredentialTable {
  id: string;
  user_id: string;
  project_id: string;
  name: string;
  description: string;
  secret_hash: string;
  /** JSON list of role ids. */
  roles: string;
  expires_at: string | null;
  unrestricted: number;
  created_at: string;
}

export interface IdentityRevocationTable {
  kind: 'audit' | 'user' | 'project' | 'app_cred';
  value: string;
  /** ms since the epoch: tokens issued at or before this instant are revoked. */
  revoked_at: number;
  /** ms since the epoch after which no matching token can still be valid. */
  expires_at: number;
}

export interface IdentityKeyTable {
  id: string;
  secret: string;
  created_at: string;
}
