/**
 * oslo.policy's check-string language as a syntax tree, parsed once when
 * rules are loaded (never per request).
 *
 * Grammar (the subset Neutron's rules use): `@` (always), `!` (never), the
 * empty string (always), `kind:match` checks, `not`, `and`, `or` and
 * parentheses, with `not` binding tighter than `and`, and `and` tighter than
 * `or`. Tokens are separated by whitespace; parentheses may touch a check
 * (`(role:admin)`). Keywords are case-insensitive, as in oslo.policy.
 *
 * Where oslo.policy logs a malformed string and treats it as "deny", this
 * parser throws `PolicyRuleSyntaxError`, so a bad override fails at start-up
 * with the rule's name rather than silently at request time.
 *
 * @example
 * parseRule('rule:admin_only or (role:member and project_id:%(project_id)s)')
 */

/** A parsed check string. */
export type RuleNode =
  | { readonly kind: 'always' }
  | { readonly kind: 'never' }
  | { readonly kind: 'check'; readonly type: string; readonly match: string }
  | { readonly kind: 'not'; readonly operand: RuleNode }
  | { readonly kind: 'and'; readonly operands: readonly RuleNode[] }
  | { readonly kind: 'or'; readonly operands: readonly RuleNode[] };

/** A check string that cannot be parsed; names the rule when known. */
export class PolicyRuleSyntaxError extends Error {
  constructor(readonly checkString: string, reason: string, readonly ruleName?: string) {
    super(`${ruleName === undefined ? 'Policy rule' : `Policy rule "${ruleName}"`}: ${reason} in check string ${JSON.stringify(checkString)}`);
    this.name = 'PolicyRuleSyntaxError';
  }
}

type Token =
  | { readonly type: '(' | ')' | 'and' | 'or' | 'not' }
  | { readonly type: 'atom'; readonly text: string };

/** Parses one check string; throws `PolicyRuleSyntaxError` when it is malformed. */
export function parseRule(checkString: string, ruleName?: string): RuleNode {
  if (typeof checkString !== 'string') throw new PolicyRuleSyntaxError(String(checkString), 'the check string is not a string', ruleName);
  const tokens = tokenize(checkString);
  if (tokens.length === 0) return { kind: 'always' };
  const fail = (reason: string): never => { throw new PolicyRuleSyntaxError(checkString, reason, ruleName); };
  let position = 0;

  const parseOr = (): RuleNode => {
    const operands = [parseAnd()];
    while (tokens[position]?.type === 'or') { position++; operands.push(parseAnd()); }
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  };
  const parseAnd = (): RuleNode => {
    const operands = [parseUnary()];
    while (tokens[position]?.type === 'and') { position++; operands.push(parseUnary()); }
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  };
  const parseUnary = (): RuleNode => {
    const token = tokens[position];
    if (token === undefined) return fail('unexpected end (an operand is missing)');
    position++;
    switch (token.type) {
      case 'not': return { kind: 'not', operand: parseUnary() };
      case '(': {
        const inner = parseOr();
        if (tokens[position]?.type !== ')') fail('unbalanced parentheses: ")" expected');
        position++;
        return inner;
      }
      case 'atom': return parseAtom(token.text, fail);
      default: return fail(`unexpected "${token.type}"`);
    }
  };

  const tree = parseOr();
  if (position < tokens.length) {
    const extra = tokens[position]!;
    fail(extra.type === ')' ? 'unbalanced parentheses: unexpected ")"' : `unexpected "${extra.type === 'atom' ? extra.text : extra.type}" (missing "and"/"or"?)`);
  }
  return tree;
}

/** oslo.policy's tokenizer: split on whitespace, peel parentheses off both ends of each piece. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const piece of text.split(/\s+/)) {
    if (piece === '') continue;
    let start = 0;
    let end = piece.length;
    while (start < end && piece[start] === '(') { tokens.push({ type: '(' }); start++; }
    let closing = 0;
    while (end > start && piece[end - 1] === ')') { closing++; end--; }
    const core = piece.slice(start, end);
    if (core !== '') {
      const lowered = core.toLowerCase();
      if (lowered === 'and' || lowered === 'or' || lowered === 'not') tokens.push({ type: lowered });
      else tokens.push({ type: 'atom', text: core });
    }
    for (let i = 0; i < closing; i++) tokens.push({ type: ')' });
  }
  return tokens;
}

function parseAtom(text: string, fail: (reason: string) => never): RuleNode {
  if (text === '@') return { kind: 'always' };
  if (text === '!') return { kind: 'never' };
  const colon = text.indexOf(':');
  if (colon <= 0) return fail(`"${text}" is not a check (expected kind:match, "@" or "!")`);
  const type = text.slice(0, colon);
  const match = text.slice(colon + 1);
  if (match === '') return fail(`"${text}" has an empty match`);
  return { kind: 'check', type, match };
}

/** The check string of a tree, in oslo.policy's rendering (`(a and b)`, `not a`). */
export function formatRule(node: RuleNode): string {
  switch (node.kind) {
    case 'always': return '@';
    case 'never': return '!';
    case 'check': return `${node.type}:${node.match}`;
    case 'not': return `not ${formatRule(node.operand)}`;
    case 'and': return `(${node.operands.map(formatRule).join(' and ')})`;
    case 'or': return `(${node.operands.map(formatRule).join(' or ')})`;
  }
}
