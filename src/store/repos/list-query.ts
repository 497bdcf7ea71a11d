/**
 * A list request in storage terms, built by core from the parsed query
 * string and executed by `ResourceRepo.list`. Pure data: no SQL, no HTTP.
 */
export interface ListQuery {
  /** AND across conditions. */
  readonly conditions: readonly Condition[];
  /** Sort keys; `id` ascending is appended as the tie-breaker. */
  readonly sort: readonly SortKey[];
  readonly limit?: number;
  /** id of the last row of the previous page. */
  readonly marker?: string;
  readonly pageReverse?: boolean;
  /** Rows the caller may see; absent = every row (admin). */
  readonly visibility?: Visibility;
  /** The caller's project, for conditions that depend on who asks (`sharedWith`); set by core. */
  readonly caller?: string;
}

export interface SortKey {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

export type Condition =
  /** column IN values (OR across repeated filter values). */
  | { readonly kind: 'in'; readonly column: string; readonly values: readonly unknown[] }
  /** ports by their addresses: fixed_ips=ip_address=…, subnet_id=…, ip_address_substr=… */
  | { readonly kind: 'fixedIps'; readonly ipAddresses: readonly string[]; readonly subnetIds: readonly string[]; readonly ipSubstrings: readonly string[] }
  /** the four tag filters. */
  | { readonly kind: 'tags'; readonly mode: 'all' | 'any' | 'notAll' | 'notAny'; readonly tags: readonly string[] }
  /**
   * rows whose object (the row itself, or the one its `column` names) being
   * shared with the caller — an access_as_shared RBAC policy naming the
   * caller's project or '*' — is one of `shared` (OR): networks?shared=true,
   * subnets?shared=true (their network), security-groups?shared=true.
   */
  | { readonly kind: 'sharedWithCaller'; readonly objectType: string; readonly column: string; readonly shared: readonly boolean[] }
  /**
   * rows whose `column` is the `select` column of a `table` row — of one
   * whose `match` column is one of `values` (OR), when given:
   * ports?security_groups=<id> is id IN (select port_id from
   * security_group_port_bindings where security_group_id IN …). `inside`
   * (default [true]) says whether rows in (true) or not in (false) that set
   * are wanted; both: either (a boolean filter given twice).
   */
  | {
    readonly kind: 'related'; readonly column: string; readonly table: string; readonly select: string;
    readonly match?: string; readonly values?: readonly unknown[]; readonly inside?: readonly boolean[];
  };

/**
 * Which rows a non-admin project may see, as data (policy/visibility.ts maps
 * resources to rules): its own, plus rows with one of `flags` set, plus rows
 * on networks it owns or that are shared/external.
 */
export interface Visibility {
  readonly projectId: string;
  /** Boolean columns that make a row visible to everyone (shared, router_external). */
  readonly flags?: readonly string[];
  /** Rows on a network with these properties are visible too. */
  readonly viaNetwork?: 'owned' | 'shared-or-external';
  /** Columns naming another owner whose project sees the row too (a rule's security group owner). */
  readonly ownerColumns?: readonly string[];
  /**
   * Rows an RBAC policy shares with the project or with every project ('*'):
   * `column` (default `id`) is the `object_id` of a policy of `objectType`
   * with one of `actions`. One sub-select, never a query per row.
   */
  readonly rbac?: RbacVisibility;
}

/** See `Visibility.rbac`. */
export interface RbacVisibility {
  readonly objectType: string;
  readonly actions: readonly string[];
  readonly column?: string;
}
