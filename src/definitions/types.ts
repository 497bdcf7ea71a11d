import type { Converter, Validator } from './validators/types.ts';

/** How an attribute is kept in its resource's table. `none` = computed by a hook, never stored there. */
export type Storage = 'text' | 'integer' | 'boolean' | 'json' | 'none';

/**
 * One attribute of a resource, as data (neutron-lib's RESOURCE_ATTRIBUTE_MAP
 * entry). The generic engine derives request validation, defaults, filters,
 * sort keys, `fields=` and visibility from it.
 */
export interface AttributeSpec {
  /** May appear in a create body. */
  readonly allowPost: boolean;
  /** May appear in an update body. */
  readonly allowPut: boolean;
  /** Filled on create when absent. Absent here = "not specified": a hook decides. */
  readonly default?: unknown;
  /** Create fails with 400 when absent. */
  readonly required?: boolean;
  /** false = accepted as input/filter but never returned (Neutron's is_visible). */
  readonly visible?: boolean;
  /** Usable as a list filter. */
  readonly filter?: boolean;
  /** Usable as sort_key. */
  readonly sort?: boolean;
  /** Input normaliser; runs before `validate`. */
  readonly convert?: Converter;
  readonly validate?: Validator;
  /** Default 'text'. */
  readonly storage?: Storage;
  /** Column name; default = attribute name with ':' replaced by '_'. */
  readonly column?: string;
  /** Converter for filter values when it differs from `convert` (e.g. query strings are always strings). */
  readonly filterConvert?: Converter;
}

export type AttributeMap = Readonly<Record<string, AttributeSpec>>;

/** A top-level REST resource (networks, ports, …). */
export interface ResourceDefinition {
  /** Singular body key: `network`. */
  readonly name: string;
  /** Plural body key: `networks`. */
  readonly collection: string;
  /** URL segment under /v2.0: `networks`, `network-ip-availabilities`. */
  readonly path: string;
  /** Table holding the rows; absent for computed resources. */
  readonly table?: string;
  /** Has description/tags/created_at/updated_at/revision_number (standard-attr-*). */
  readonly standardAttributes: boolean;
  /** Bulk create allowed. */
  readonly bulk: boolean;
  /** false: `limit`, `marker` and `page_reverse` are ignored (Neutron's allow_pagination=False); default true. */
  readonly pagination?: boolean;
  /** Which verbs exist. */
  readonly operations: ReadonlyArray<'create' | 'show' | 'list' | 'update' | 'delete'>;
  readonly attributes: AttributeMap;
  /** Name used in quota accounting (`network`, `port` …), when quota-limited. */
  readonly quotaResource?: string;
}

/**
 * An API extension, one per Neutron alias: what `/v2.0/extensions` lists,
 * plus the attributes it adds to existing resources and any resources it
 * introduces.
 */
export interface ExtensionDefinition {
  readonly alias: string;
  readonly name: string;
  readonly description: string;
  /** ISO timestamp of the extension's last API change, as Neutron reports it. */
  readonly updated: string;
  readonly requires?: readonly string[];
  /** collection → attributes added to it. */
  readonly attributes?: Readonly<Record<string, AttributeMap>>;
  readonly resources?: readonly ResourceDefinition[];
}

/** Identity helper that keeps literal types while checking the shape. */
export function defineExtension(extension: ExtensionDefinition): ExtensionDefinition {
  return extension;
}

export function defineResource(resource: ResourceDefinition): ResourceDefinition {
  return resource;
}

/** The column an attribute lives in. */
export function columnOf(name: string, spec: AttributeSpec): string {
  return spec.column ?? name.replace(/:/g, '_');
}
