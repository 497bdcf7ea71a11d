import type { RequestContext } from '../core/context.ts';
import { credentialsOf, KEYSTONE_IMPLIED_ROLES } from './credentials.ts';
import { DEFAULT_POLICIES } from './defaults/index.ts';
import { readPolicyFile } from './policy-file.ts';
import type { ResourcePolicy } from './resource-policy.ts';
import type { Visibility } from '../store/repos/list-query.ts';
import { visibilityFor } from './visibility.ts';
import { compileRules, NETWORK_FIELD, type CompiledCheck, type CompiledRules, type Credentials, type Related, type Target } from './rule-compiler.ts';

/** What a resource definition must tell the policy: its singular name and attribute defaults. */
export interface PolicyResource {
  /** Singular (`network`), as in rule names. */
  readonly name: string;
  readonly attributes: Readonly<Record<string, { readonly default?: unknown }>>;
}

/** The answer to "may this caller do this", with what Neutron's 403 message needs. */
export interface PolicyDecision {
  readonly allowed: boolean;
  /**
   * The checked rule as Neutron renders it, for `<rule> is disallowed by
   * policy`: `rule:create_network`, or with attribute rules
   * `(rule:create_network and rule:create_network:shared)`.
   */
  readonly rule: string;
  /** The rules that failed, action first: `['create_network:shared']`. Empty when allowed. */
  readonly failed: readonly string[];
  /**
   * Denied, and the caller may not even see the object (or, for a create
   * on a network, that network): answer 404 rather than 403, so existence
   * does not leak.
   */
  readonly notFound: boolean;
}

/** Which attributes of one resource a caller may see, computed once per response. */
export interface AttributeView {
  /** Attribute names to leave out of every record of the response (`project_id` hidden implies `tenant_id`). */
  readonly hidden: ReadonlySet<string>;
  /** `record` without the hidden attributes (the same object when nothing is hidden). */
  strip<T extends Record<string, unknown>>(record: T): T;
}

/** What Neutron derives from the caller's roles once per request (`context.is_admin`, `is_service_role`). */
export interface CallerPowers {
  readonly admin: boolean;
  readonly service: boolean;
}

export interface PolicyOptions {
  /** Operator rules (from a policy file): replace defaults of the same name, or add rules. */
  readonly overrides?: Readonly<Record<string, string>>;
  /** Role implications applied to the caller's roles; default Keystone's admin ⇒ manager ⇒ member ⇒ reader. */
  readonly impliedRoles?: Readonly<Record<string, readonly string[]>>;
  /** The default rule set; default `DEFAULT_POLICIES` (tests may pass their own). */
  readonly defaults?: readonly ResourcePolicy[];
}

const ALLOW_ALL: AttributeView = { hidden: new Set(), strip: (record) => record };

/**
 * Neutron's policy engine: default rules (src/policy/defaults/) merged with an
 * operator's overrides, compiled once into closures at load. Every method is
 * pure and synchronous: no I/O, safe to call inside a transaction, cheap
 * enough per row. Rules that read a related resource (`network:project_id`,
 * `shared` of a port's network) need it in `related` — `relatedNeededFor`
 * says which; a missing one throws `PolicyTargetError` (a wiring bug).
 *
 * @example
 * const policy = Policy.load({ overrides: readPolicyFile('/etc/muon/policy.yaml') });
 * policy.authorize(ctx, 'get_network', networkRecord);                 // → boolean
 * policy.checkCreate(ctx, networkDefinition, values);                  // → PolicyDecision
 * policy.checkUpdate(ctx, portDefinition, current, changes, { network });
 * policy.attributeView(ctx, 'port', firstRow, { network }).strip(row); // per response
 */
export class Policy {
  /** What each request's caller is to the rules, made at its first check: one entry per request context. */
  private readonly callers = new WeakMap<RequestContext, { readonly creds: Credentials; powers?: CallerPowers }>();
  private readonly getRules = new Map<string, ReadonlyArray<readonly [string, string]>>();
  /** The `<action>:<attribute>` rules of each action's enforced attributes, looked up once per action. */
  private readonly attributeRulesByAction = new Map<string, readonly AttributeRule[]>();
  private readonly fallback: CompiledCheck;

  private constructor(
    private readonly compiled: CompiledRules,
    private readonly enforced: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly implied: Readonly<Record<string, readonly string[]>>,
    /** "resource:attribute" of dict attributes whose keys have rules of their own. */
    private readonly dictAttributes: ReadonlySet<string> = new Set(),
  ) {
    this.fallback = compiled.checks.get('default') ?? (() => false);
  }

  /**
   * Compiles the defaults with `overrides` applied. Throws
   * `PolicyRuleSyntaxError` naming the rule when a check string is malformed,
   * refers to an undefined rule or forms a cycle: bad overrides fail at
   * start-up, never at request time.
   */
  static load(options: PolicyOptions = {}): Policy {
    const defaults = options.defaults ?? DEFAULT_POLICIES;
    const table: Record<string, string> = Object.create(null);
    for (const policy of defaults) Object.assign(table, policy.rules);
    Object.assign(table, options.overrides ?? {});
    const enforced = new Map(defaults.filter((p) => p.resource && p.enforced).map((p) => [p.resource!, new Set(p.enforced)]));
    const dicts = new Set(defaults.flatMap((p) => (p.dictAttributes ?? []).map((a) => `${p.resource}:${a}`)));
    return new Policy(compileRules(table), enforced, options.impliedRoles ?? KEYSTONE_IMPLIED_ROLES, dicts);
  }

  /** `load` with the overrides of a YAML or JSON policy file. */
  static loadFile(path: string, options: Omit<PolicyOptions, 'overrides'> = {}): Policy {
    return Policy.load({ ...options, overrides: readPolicyFile(path) });
  }

  /** Whether rule `action` allows `ctx` on `target` (a rule that does not exist falls back to `default`). */
  authorize(ctx: RequestContext, action: string, target: Target = {}, related: Related = {}): boolean {
    return this.evaluate(action, { target, creds: this.credentialsOf(ctx), related });
  }

  /**
   * A plain action on an existing object (delete, tag changes, member
   * actions such as `add_prefixes`): the decision, with `notFound` when the
   * caller may not see the object either (`showAction`, default
   * `get_<resource>`; member actions such as `add_prefixes` pass theirs).
   */
  checkAction(ctx: RequestContext, action: string, target: Target, related: Related = {}, showAction = `get_${resourceOf(action)}`): PolicyDecision {
    const input = { target, creds: this.credentialsOf(ctx), related };
    if (this.evaluate(action, input)) return { allowed: true, rule: `rule:${action}`, failed: [], notFound: false };
    return { allowed: false, rule: `rule:${action}`, failed: [action], notFound: !this.evaluate(showAction, input) };
  }

  /**
   * Creating `values` (converted, defaults filled, `project_id` set):
   * `create_<resource>` plus `create_<resource>:<attr>` for each policy
   * attribute set to something other than its default, plus
   * `create_<resource>:<attr>:<key>` for keys of list items
   * (`fixed_ips: [{ip_address}]`). Subnets and ports pass their network as
   * `related.network`; a denial on a network the caller cannot see is `notFound`.
   */
  checkCreate(ctx: RequestContext, resource: PolicyResource, values: Target, related: Related = {}): PolicyDecision {
    const decision = this.matchRule(ctx, `create_${resource.name}`, resource.name, values, related, (name) => setAwayFromDefault(resource, values, name));
    if (decision.allowed || related.network === undefined) return decision;
    return { ...decision, notFound: !this.evaluate('get_network', { target: related.network, creds: this.credentialsOf(ctx), related: {} }) };
  }

  /**
   * Updating `current` with `changes`: `update_<resource>` on the merged
   * object plus `update_<resource>:<attr>` for every policy attribute in
   * `changes`, even when the value is unchanged (OSSA-2014-031: re-setting
   * an admin-only attribute to its current or an empty value is still a
   * write). `notFound` when the caller may not see `current`.
   */
  checkUpdate(ctx: RequestContext, resource: PolicyResource, current: Target, changes: Target, related: Related = {}): PolicyDecision {
    // Object.assign, not `{ ...current, ...changes }`: V8 builds a new hidden class per property added after a spread.
    const target = Object.assign({}, current, changes);
    const decision = this.matchRule(ctx, `update_${resource.name}`, resource.name, target, related,
      (name) => Object.hasOwn(changes, name) && changes[name] !== undefined);
    if (decision.allowed) return decision;
    return { ...decision, notFound: !this.evaluate(`get_${resource.name}`, { target: current, creds: this.credentialsOf(ctx), related }) };
  }

  /**
   * Attributes of `resource` (singular) this caller may not see, from the
   * `get_<resource>:<attr>` rules evaluated once against `sample` (the first
   * record of the response, as Neutron does). Attributes without such a rule
   * are visible. Pass the sample's network as `related.network` for subnets
   * and ports (their `tags` rules ask whether the caller owns it); without
   * it such rules count as false and the attribute is hidden.
   */
  attributeView(ctx: RequestContext, resource: string, sample: Target = {}, related: Related = {}): AttributeView {
    const rules = this.attributeRules(resource);
    if (rules.length === 0) return ALLOW_ALL;
    // A rule needing a related resource not passed counts as false: the attribute is hidden (fail closed).
    const input = { target: sample, creds: this.credentialsOf(ctx), related, missingRelated: 'deny' as const };
    const hidden = new Set<string>();
    for (const [attribute, rule] of rules) {
      if (this.evaluate(rule, input)) continue;
      hidden.add(attribute);
      if (attribute === 'project_id') hidden.add('tenant_id');
    }
    if (hidden.size === 0) return ALLOW_ALL;
    return new HidingView(hidden);
  }

  /**
   * Neutron's `context.is_admin` and `context.is_service_role`: the
   * `context_is_admin` and `service_api` rules (so an override of either
   * also widens or narrows what the database layer lets the caller read, as
   * in Neutron). Computed once per request context.
   */
  powersOf(ctx: RequestContext): CallerPowers {
    const caller = this.callerOf(ctx);
    if (!caller.powers) {
      const input = { target: {}, creds: caller.creds, related: {} };
      caller.powers = Object.freeze({ admin: this.evaluate('context_is_admin', input), service: this.evaluate('service_api', input) });
    }
    return caller.powers;
  }

  /**
   * The SQL pre-filter of `ctx`'s reads of `collection` (Neutron's
   * model-query scoping), or undefined when it reads every row. It lets
   * through at least what the default get_* rules allow; callers then check
   * each row with `authorize`.
   */
  visibility(ctx: RequestContext, collection: string): Visibility | undefined {
    return visibilityFor(ctx.projectId, this.powersOf(ctx), collection);
  }

  /** Related resources (`network`) the rules of `action` and its attribute rules may read. */
  relatedNeededFor(action: string): ReadonlySet<string> {
    const used = new Set(this.compiled.relatedUsedBy(action));
    const prefix = `${action}:`;
    for (const name of this.compiled.checks.keys()) if (name.startsWith(prefix)) for (const r of this.compiled.relatedUsedBy(name)) used.add(r);
    if (!this.compiled.checks.has(action)) for (const r of this.compiled.relatedUsedBy('default')) used.add(r);
    // A network field check reads the target itself on networks, the related network on subnets and ports.
    if (used.delete(NETWORK_FIELD) && resourceOf(action) !== 'network') used.add('network');
    return used;
  }

  /** The effective check string of a rule (after overrides), normalised; undefined when not defined. */
  ruleSource(name: string): string | undefined {
    return this.compiled.sources.get(name);
  }

  /** Every rule name, for documentation and `muon policy` style listings. */
  ruleNames(): string[] {
    return [...this.compiled.checks.keys()];
  }

  private credentialsOf(ctx: RequestContext): Credentials {
    return this.callerOf(ctx).creds;
  }

  private callerOf(ctx: RequestContext): { readonly creds: Credentials; powers?: CallerPowers } {
    let caller = this.callers.get(ctx);
    if (!caller) {
      caller = { creds: credentialsOf(ctx, this.implied) };
      this.callers.set(ctx, caller);
    }
    return caller;
  }

  private evaluate(rule: string, input: Parameters<CompiledCheck>[0]): boolean {
    return (this.compiled.checks.get(rule) ?? this.fallback)(input);
  }

  /** Neutron's _build_match_rule: the action, then one rule per explicitly set policy attribute. */
  private matchRule(ctx: RequestContext, action: string, resource: string, target: Target, related: Related,
    explicit: (name: string) => boolean): PolicyDecision {
    const input = { target, creds: this.credentialsOf(ctx), related };
    const failed: string[] = [];
    if (!this.evaluate(action, input)) failed.push(action);
    let rule = `rule:${action}`;
    for (const { attribute, name: attributeRule, check, dict } of this.attributeRulesOf(action, resource)) {
      if (!explicit(attribute)) continue;
      if (!check(input)) failed.push(attributeRule);
      const subRules: string[] = [];
      const value = target[attribute];
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && dict) {
        for (const key of Object.keys(value)) {
          const subRule = `${attributeRule}:${key}`;
          subRules.push(`rule:${subRule}`);
          if (!this.evaluate(subRule, input)) failed.push(subRule);
        }
      }
      if (Array.isArray(value)) {
        for (const item of value) {
          if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
          for (const key of Object.keys(item)) {
            const subRule = `${attributeRule}:${key}`;
            subRules.push(`rule:${subRule}`);
            if (!this.evaluate(subRule, input) && !failed.includes(subRule)) failed.push(subRule);
          }
        }
      }
      const part = subRules.length > 0 ? `(rule:${attributeRule} and (${subRules.join(' and ')}))` : `rule:${attributeRule}`;
      rule = `(${rule} and ${part})`;
    }
    return { allowed: failed.length === 0, rule, failed, notFound: false };
  }

  /** The enforced attributes of `resource` with their rule under `action` (`action` names the resource: one list per action). */
  private attributeRulesOf(action: string, resource: string): readonly AttributeRule[] {
    let rules = this.attributeRulesByAction.get(action);
    if (!rules) {
      rules = [...this.enforced.get(resource) ?? []].map((attribute) => {
        const name = `${action}:${attribute}`;
        return { attribute, name, check: this.compiled.checks.get(name) ?? this.fallback, dict: this.dictAttributes.has(`${resource}:${attribute}`) };
      });
      this.attributeRulesByAction.set(action, rules);
    }
    return rules;
  }

  private attributeRules(resource: string): ReadonlyArray<readonly [string, string]> {
    let rules = this.getRules.get(resource);
    if (!rules) {
      const prefix = `get_${resource}:`;
      rules = [...this.compiled.checks.keys()].filter((n) => n.startsWith(prefix)).map((n) => [n.slice(prefix.length), n] as const);
      this.getRules.set(resource, rules);
    }
    return rules;
  }
}

/** An attribute view that hides some attributes (a class: a closure made per response costs more under tsx's keepNames). */
class HidingView implements AttributeView {
  constructor(readonly hidden: ReadonlySet<string>) {}

  strip<T extends Record<string, unknown>>(record: T): T {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) if (!this.hidden.has(key)) out[key] = record[key];
    return out as T;
  }
}

/** An enforced attribute's rule under one action (`create_port:fixed_ips`), compiled check included. */
interface AttributeRule {
  readonly attribute: string;
  /** `<action>:<attribute>`, as failures and messages name it. */
  readonly name: string;
  readonly check: CompiledCheck;
  /** A dict attribute whose keys have rules of their own. */
  readonly dict: boolean;
}

/** Whether a create sets `name` to something other than its default (Neutron's _is_attribute_explicitly_set). */
function setAwayFromDefault(resource: PolicyResource, values: Target, name: string): boolean {
  if (!Object.hasOwn(values, name) || values[name] === undefined) return false;
  const spec = resource.attributes[name];
  return !(spec && 'default' in spec && spec.default !== undefined && deepEqual(values[name], spec.default));
}

/** `delete_network:tags` → `network`, `update_port` → `port`. */
function resourceOf(action: string): string {
  const head = action.split(':', 1)[0]!;
  const underscore = head.indexOf('_');
  return underscore < 0 ? head : head.slice(underscore + 1);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a as object);
  const keysB = Object.keys(b as object);
  return keysA.length === keysB.length
    && keysA.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
