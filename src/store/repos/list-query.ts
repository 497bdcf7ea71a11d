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
  /** rows whose network is shared (or external), e.g. subnets?shared=true. */
  | { readonly kind: 'networkShared'; readonly shared: boolean };

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
}
