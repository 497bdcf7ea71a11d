import { formatRule, parseRule, PolicyRuleSyntaxError, type RuleNode } from './rule-parser.ts';

/**
 * Compiles parsed check strings into closures, once, when rules are loaded.
 * Each closure is a pure function of (target, credentials, related
 * resources): no I/O, no parsing, no allocation beyond string formatting.
 *
 * The checks (oslo.policy plus Neutron's two registered kinds):
 * - `rule:NAME` — another rule (a reference to an undefined rule, or a
 *   cycle, is a load error);
 * - `role:NAME` — the caller has the role (case-insensitive; `%(x)s` allowed);
 * - `project_id:%(x)s` / `tenant_id:%(x)s` — the caller's project equals the
 *   target's field x; `%(network:project_id)s` reads the related network;
 * - `field:RESOURCE:FIELD=VALUE` — the target's field equals VALUE
 *   (`True`/`False` compare as booleans, `~regex` matches from the start);
 *   a field the target lacks is read from its related network (Neutron reads
 *   `shared` of a port's network the same way);
 * - anything else (`is_admin:True`, `user_id:%(user_id)s`,
 *   `'literal':%(x)s`) — oslo's generic check: the credential (or literal)
 *   named by the kind equals the substituted match.
 */

/** What a check knows about the caller (oslo.policy "creds"). */
export interface Credentials {
  readonly project_id: string;
  readonly tenant_id: string;
  readonly user_id: string;
  /** Lower-case, with implied roles already added. */
  readonly roles: readonly string[];
  readonly is_admin: boolean;
  readonly [key: string]: unknown;
}

/** The object a rule is checked against: a resource record, or what a create would make. */
export type Target = Readonly<Record<string, unknown>>;

/**
 * Resources a check may need besides the target, already loaded by the caller
 * (the policy module does no I/O): `network` for subnets and ports (owner
 * checks on `%(network:project_id)s`, `field:networks:shared`).
 */
export type Related = Readonly<Record<string, Target | undefined>>;

export interface CheckInput {
  readonly target: Target;
  readonly creds: Credentials;
  readonly related: Related;
  /** A check that needs a related resource not supplied: throw `PolicyTargetError` (default), or count as false. */
  readonly missingRelated?: 'throw' | 'deny';
}

export type CompiledCheck = (input: CheckInput) => boolean;

/** A rule needed a related resource the caller did not supply: a wiring bug, not a denial. */
export class PolicyTargetError extends Error {
  constructor(rule: string, resource: string) {
    super(`Policy check "${rule}" needs the related ${resource}: pass it as related.${resource}`);
    this.name = 'PolicyTargetError';
  }
}

/** Marker in `relatedUsedBy`: a `field:networks:…` check, which reads the related network of a subnet or port. */
export const NETWORK_FIELD = 'field:networks';

/** A compiled rule table. */
export interface CompiledRules {
  /** Closures by rule name. */
  readonly checks: ReadonlyMap<string, CompiledCheck>;
  /** The (normalised) check string of each rule, for messages and docs. */
  readonly sources: ReadonlyMap<string, string>;
  /** Related resources each rule may read, following rule references (`NETWORK_FIELD` for network field checks). */
  relatedUsedBy(name: string): ReadonlySet<string>;
}

/**
 * Parses and compiles every rule of `table` (name → check string).
 * Throws `PolicyRuleSyntaxError` for a malformed string, an unknown check
 * kind, a reference to an undefined rule or a cycle of references.
 */
export function compileRules(table: Readonly<Record<string, string>>): CompiledRules {
  const trees = new Map<string, RuleNode>();
  for (const [name, source] of Object.entries(table)) trees.set(name, parseRule(source, name));
  for (const [name, tree] of trees) checkReferences(name, tree, table[name]!, trees);
  rejectCycles(trees, table);

  const checks = new Map<string, CompiledCheck>();
  // A reference is looked up once, at its first evaluation (the referenced rule may be compiled later).
  const resolve = (name: string): CompiledCheck => {
    let target: CompiledCheck | undefined;
    return (input) => (target ??= checks.get(name)!)(input);
  };
  for (const [name, tree] of trees) checks.set(name, compileNode(tree, name, table[name]!, resolve));

  const relatedMemo = new Map<string, ReadonlySet<string>>();
  const relatedUsedBy = (name: string): ReadonlySet<string> => {
    const known = relatedMemo.get(name);
    if (known) return known;
    const found = new Set<string>();
    relatedMemo.set(name, found);
    const tree = trees.get(name);
    if (tree) collectRelated(tree, found, relatedUsedBy);
    return found;
  };
  return { checks, sources: new Map([...trees].map(([n, t]) => [n, formatRule(t)])), relatedUsedBy };
}

function checkReferences(name: string, node: RuleNode, source: string, trees: ReadonlyMap<string, RuleNode>): void {
  for (const check of checksOf(node)) {
    if (check.type === 'rule' && !trees.has(check.match)) {
      throw new PolicyRuleSyntaxError(source, `"rule:${check.match}" refers to a rule that is not defined`, name);
    }
  }
}

function rejectCycles(trees: ReadonlyMap<string, RuleNode>, table: Readonly<Record<string, string>>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name].join(' → ');
      throw new PolicyRuleSyntaxError(table[name]!, `rule references form a cycle (${cycle})`, name);
    }
    state.set(name, 'visiting');
    for (const check of checksOf(trees.get(name)!)) if (check.type === 'rule') visit(check.match, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of trees.keys()) visit(name, []);
}

function* checksOf(node: RuleNode): Generator<Extract<RuleNode, { kind: 'check' }>> {
  switch (node.kind) {
    case 'check': yield node; break;
    case 'not': yield* checksOf(node.operand); break;
    case 'and': case 'or': for (const operand of node.operands) yield* checksOf(operand); break;
    default: break;
  }
}

function collectRelated(node: RuleNode, into: Set<string>, byRule: (name: string) => ReadonlySet<string>): void {
  for (const check of checksOf(node)) {
    if (check.type === 'rule') for (const r of byRule(check.match)) into.add(r);
    else if (check.type === 'project_id' || check.type === 'tenant_id') {
      const field = /^%\((.*)\)s$/.exec(check.match)?.[1] ?? '';
      if (field.includes(':')) into.add(field.slice(0, field.indexOf(':')));
    } else if (check.type === 'field' && check.match.startsWith('networks:')) into.add(NETWORK_FIELD);
  }
}

function compileNode(node: RuleNode, name: string, source: string, resolve: (name: string) => CompiledCheck): CompiledCheck {
  switch (node.kind) {
    case 'always': return () => true;
    case 'never': return () => false;
    case 'not': {
      const operand = compileNode(node.operand, name, source, resolve);
      return (input) => !operand(input);
    }
    case 'and': {
      const operands = node.operands.map((o) => compileNode(o, name, source, resolve));
      return (input) => {
        for (const check of operands) if (!check(input)) return false;
        return true;
      };
    }
    case 'or': {
      const operands = node.operands.map((o) => compileNode(o, name, source, resolve));
      return (input) => {
        for (const check of operands) if (check(input)) return true;
        return false;
      };
    }
    case 'check': return compileCheck(node.type, node.match, name, source, resolve);
  }
}

function compileCheck(type: string, match: string, name: string, source: string, resolve: (name: string) => CompiledCheck): CompiledCheck {
  const fail = (reason: string): never => { throw new PolicyRuleSyntaxError(source, reason, name); };
  switch (type) {
    case 'rule': return resolve(match);
    case 'role': {
      const role = compileTemplate(match, fail);
      return (input) => {
        const wanted = role(input.target);
        return wanted !== undefined && input.creds.roles.includes(wanted.toLowerCase());
      };
    }
    case 'project_id':
    case 'tenant_id': return compileOwnerCheck(type, match, fail);
    case 'field': return compileFieldCheck(match, fail);
    case 'http':
    case 'https': return fail(`"${type}:" checks are not supported`);
    default: return compileGenericCheck(type, match, fail);
  }
}

/** Neutron's OwnerCheck: the caller's project equals a field of the target or of a related resource. */
function compileOwnerCheck(kind: string, match: string, fail: (reason: string) => never): CompiledCheck {
  const field = /^%\((.*)\)s$/.exec(match)?.[1];
  if (field === undefined || field === '') return fail(`"${kind}:${match}" must have the form ${kind}:%(<field>)s`);
  const colon = field.indexOf(':');
  const resource = colon > 0 ? field.slice(0, colon) : undefined;
  const parentField = colon > 0 ? field.slice(colon + 1) : undefined;
  return ({ target, creds, related, missingRelated }) => {
    let value: unknown;
    if (Object.hasOwn(target, field)) value = target[field];
    else if (resource !== undefined) {
      const parent = related[resource];
      if (parent === undefined) {
        if (missingRelated === 'deny') return false;
        throw new PolicyTargetError(`${kind}:${match}`, resource);
      }
      value = parent[parentField!];
    } else return false;
    return value !== undefined && pyStr(value) === pyStr(creds[kind]);
  };
}

/** Neutron's FieldCheck: `field:networks:shared=True`, `field:port:device_owner=~^network:`. */
function compileFieldCheck(match: string, fail: (reason: string) => never): CompiledCheck {
  const colon = match.indexOf(':');
  const equals = match.indexOf('=', colon + 1);
  if (colon <= 0 || equals < 0 || equals === colon + 1) return fail(`"field:${match}" must have the form field:<resource>:<field>=<value>`);
  const resource = match.slice(0, colon);
  const field = match.slice(colon + 1, equals);
  const literal = match.slice(equals + 1);
  let test: (value: unknown) => boolean;
  if (literal.startsWith('~')) {
    let regex: RegExp;
    try { regex = new RegExp(literal.slice(1), 'y'); } catch (error) { return fail(`invalid regular expression in "field:${match}" (${(error as Error).message})`); }
    test = (value) => typeof value === 'string' && (regex.lastIndex = 0, regex.test(value));
  } else if (/^(true|false)$/i.test(literal)) {
    const wanted = literal.toLowerCase() === 'true';
    test = (value) => asBoolean(value) === wanted;
  } else {
    test = (value) => pyStr(value) === literal;
  }
  return ({ target, related, missingRelated }) => {
    let value: unknown;
    if (Object.hasOwn(target, field)) value = target[field];
    else if (related.network !== undefined && Object.hasOwn(related.network, field)) value = related.network[field];
    else if (resource === 'networks' && typeof target.network_id === 'string' && related.network === undefined) {
      if (missingRelated === 'deny') return false;
      throw new PolicyTargetError(`field:${match}`, 'network');
    }
    if (value === undefined || value === null) return false;
    return test(value);
  };
}

/** oslo.policy's GenericCheck: a credential (or a literal kind) equals the substituted match. */
function compileGenericCheck(kind: string, match: string, fail: (reason: string) => never): CompiledCheck {
  const template = compileTemplate(match, fail);
  const literal = parseLiteral(kind);
  const path = kind.split('.');
  return ({ target, creds }) => {
    const wanted = template(target);
    if (wanted === undefined) return false;
    if (literal !== undefined) return literal === wanted;
    let value: unknown = creds;
    for (const step of path) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, step)) return false;
      value = (value as Record<string, unknown>)[step];
    }
    if (Array.isArray(value)) return value.some((item) => pyStr(item) === wanted);
    return pyStr(value) === wanted;
  };
}

/** `True`, `False`, `None`, numbers and quoted strings are literals (Python's literal_eval), rendered as Python's str(). */
function parseLiteral(kind: string): string | undefined {
  if (kind === 'True' || kind === 'False' || kind === 'None') return kind;
  if (/^-?\d+(\.\d+)?$/.test(kind)) return String(Number(kind));
  const quoted = /^(['"])(.*)\1$/.exec(kind);
  return quoted ? quoted[2] : undefined;
}

/**
 * Python's `match % target` for `%(key)s` and `%%`: undefined when a key is
 * missing (the check is then false, as in oslo.policy). Keys may be dotted
 * paths into the target (`%(target.project.id)s`) when no such flat key exists.
 */
function compileTemplate(text: string, fail: (reason: string) => never): (target: Target) => string | undefined {
  const parts: Array<{ literal: string } | { key: string }> = [];
  const pattern = /%\(([^)]*)\)s|%%|%/g;
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    if (found.index > last) parts.push({ literal: text.slice(last, found.index) });
    if (found[0] === '%%') parts.push({ literal: '%' });
    else if (found[0] === '%') fail(`"${text}" has a "%" that is not a %(name)s substitution`);
    else parts.push({ key: found[1]! });
    last = found.index + found[0].length;
  }
  if (last < text.length) parts.push({ literal: text.slice(last) });
  if (parts.every((p) => 'literal' in p)) {
    const constant = parts.map((p) => (p as { literal: string }).literal).join('');
    return () => constant;
  }
  return (target) => {
    let out = '';
    for (const part of parts) {
      if ('literal' in part) { out += part.literal; continue; }
      const value = lookup(target, part.key);
      if (value === undefined) return undefined;
      out += pyStr(value);
    }
    return out;
  };
}

function lookup(target: Target, key: string): unknown {
  if (Object.hasOwn(target, key)) return target[key];
  let value: unknown = target;
  for (const step of key.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** Python's str() of a JSON-ish value, so `project_id:%(project_id)s` compares as oslo.policy does. */
export function pyStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true' || value === 'True') return true;
  if (value === 0 || value === '0' || value === 'false' || value === 'False') return false;
  return undefined;
}
