import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/**
 * An operator's policy override file, in oslo.policy's format: a mapping of
 * rule name → check string, as YAML (`policy.yaml`) or JSON (`policy.json`).
 * Only the syntax is read here; the rules are compiled (and so validated)
 * by `Policy.load`, once, at start-up.
 *
 * @example
 * # policy.yaml
 * "create_network": "rule:admin_only"
 * "get_network:provider:network_type": "rule:admin_only or role:network_viewer"
 */

/** The file cannot be read as a rule table; says which file and why. */
export class PolicyFileError extends Error {
  constructor(readonly source: string, reason: string) {
    super(`Policy file ${source}: ${reason}`);
    this.name = 'PolicyFileError';
  }
}

/** Parses override text. `format` defaults to JSON when the text starts with `{`, else YAML (JSON is YAML too). */
export function parsePolicyText(text: string, source = '<policy>', format?: 'yaml' | 'json'): Record<string, string> {
  const chosen = format ?? (text.trimStart().startsWith('{') ? 'json' : 'yaml');
  let data: unknown;
  try {
    data = chosen === 'json' ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch (error) {
    throw new PolicyFileError(source, `not valid ${chosen.toUpperCase()} (${(error as Error).message.split('\n')[0]})`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new PolicyFileError(source, 'the top level must be a mapping of rule name to check string');
  const rules: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(data)) {
    if (typeof value !== 'string') {
      const shape = Array.isArray(value) ? 'a list (the old list-of-lists syntax is not supported)' : value === null ? 'empty' : `a ${typeof value}`;
      throw new PolicyFileError(source, `rule "${name}" is ${shape}; write its check string as text, e.g. "${name}": "rule:admin_only"`);
    }
    rules[name] = value;
  }
  return rules;
}

/** Reads and parses an override file; the format follows the extension (.json, else YAML). */
export function readPolicyFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyFileError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parsePolicyText(text, path, path.endsWith('.json') ? 'json' : 'yaml');
}
