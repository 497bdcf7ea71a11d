import type { IdentityRepos } from '../store/repos/identity/index.ts';
import type { ImpliedRule, RoleRow } from '../store/repos/identity/role-repo.ts';
import type { Store, Tx } from '../store/store.ts';
import { Conflict, NotFound, ValidationError } from './identity-errors.ts';
import { newId } from './new-id.ts';
import { wouldCycle } from './role-graph.ts';

export interface RoleInput { id?: string; name?: string; domain_id?: string | null; description?: string | null; options?: Record<string, unknown> }

/**
 * Roles (global, or specific to a domain) and implied-role rules. Each call
 * is one transaction. Deleting a role removes its assignments and rules, so
 * tokens that listed it stop validating.
 */
export class RoleService {
  constructor(private readonly store: Store, private readonly repos: IdentityRepos) {}

  get(id: string): Promise<RoleRow> {
    return this.store.read((tx) => this.require(tx, id));
  }

  list(filter: { name?: string; domain_id?: string } = {}): Promise<RoleRow[]> {
    return this.store.read((tx) => this.repos.roles.list(tx, { ...filter, domain_id: filter.domain_id ?? '' }));
  }

  /** A global role by id or name. */
  find(nameOrId: string): Promise<RoleRow | undefined> {
    return this.store.read(async (tx) => (await this.repos.roles.get(tx, nameOrId)) ?? this.repos.roles.getByName(tx, nameOrId));
  }

  create(input: RoleInput & { name: string }): Promise<RoleRow> {
    return this.store.transaction(async (tx) => this.createIn(tx, input));
  }

  /** Creates a role inside the caller's transaction (bootstrap). */
  async createIn(tx: Tx, input: RoleInput & { name: string }): Promise<RoleRow> {
    const domainId = input.domain_id ?? '';
    if (domainId !== '' && !await this.repos.domains.get(tx, domainId)) throw ValidationError.field('domain_id', `domain ${domainId} does not exist`);
    if (await this.repos.roles.getByName(tx, input.name, domainId)) throw Conflict.duplicate('role', `Duplicate entry found with name ${input.name}`);
    const row: RoleRow = { id: input.id ?? newId(), name: input.name, domain_id: domainId, description: input.description ?? '', options: JSON.stringify(input.options ?? {}) };
    await this.repos.roles.insert(tx, row);
    return row;
  }

  update(id: string, input: RoleInput): Promise<RoleRow> {
    return this.store.transaction(async (tx) => {
      const row = await this.require(tx, id);
      if (input.domain_id !== undefined && (input.domain_id ?? '') !== row.domain_id) throw ValidationError.field('domain_id', 'the domain of a role cannot be changed');
      if (input.name !== undefined && input.name !== row.name && await this.repos.roles.getByName(tx, input.name, row.domain_id)) {
        throw Conflict.duplicate('role', `Duplicate entry found with name ${input.name}`);
      }
      const patch = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description ?? '' } : {}),
        ...(input.options !== undefined ? { options: JSON.stringify(input.options) } : {}),
      };
      await this.repos.roles.update(tx, id, patch);
      return { ...row, ...patch };
    });
  }

  delete(id: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      await this.require(tx, id);
      await this.repos.roles.delete(tx, id);
    });
  }

  /** prior ⇒ implied. 400 for a cycle or a domain-specific prior role (Keystone's rules). Idempotent. */
  createImplied(priorId: string, impliedId: string): Promise<{ prior: RoleRow; implied: RoleRow }> {
    return this.store.transaction(async (tx) => {
      const prior = await this.require(tx, priorId);
      const implied = await this.require(tx, impliedId);
      if (prior.domain_id !== '') throw new ValidationError('A domain-specific role cannot imply other roles.');
      if (wouldCycle(priorId, impliedId, await this.repos.roles.listImplied(tx))) throw new ValidationError(`Implied role ${impliedId} would create a cycle with ${priorId}.`);
      await this.repos.roles.addImplied(tx, priorId, impliedId);
      return { prior, implied };
    });
  }

  getImplied(priorId: string, impliedId: string): Promise<{ prior: RoleRow; implied: RoleRow }> {
    return this.store.read(async (tx) => {
      const prior = await this.require(tx, priorId);
      const implied = await this.require(tx, impliedId);
      const rules = await this.repos.roles.listImplied(tx);
      if (!rules.some((r) => r.prior_role_id === priorId && r.implied_role_id === impliedId)) throw NotFound.of('implied role', `${priorId} implies ${impliedId}`);
      return { prior, implied };
    });
  }

  deleteImplied(priorId: string, impliedId: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      await this.require(tx, priorId);
      await this.require(tx, impliedId);
      if (!await this.repos.roles.removeImplied(tx, priorId, impliedId)) throw NotFound.of('implied role', `${priorId} implies ${impliedId}`);
    });
  }

  /** Rules, with the roles they name, optionally only those of one prior role. */
  inferences(priorId?: string): Promise<{ rules: ImpliedRule[]; roles: Map<string, RoleRow> }> {
    return this.store.read(async (tx) => {
      if (priorId !== undefined) await this.require(tx, priorId);
      const rules = (await this.repos.roles.listImplied(tx)).filter((r) => priorId === undefined || r.prior_role_id === priorId);
      const ids = [...new Set(rules.flatMap((r) => [r.prior_role_id, r.implied_role_id]))];
      const roles = new Map((await this.repos.roles.list(tx, { ids })).map((r) => [r.id, r]));
      return { rules, roles };
    });
  }

  async require(tx: Tx, id: string): Promise<RoleRow> {
    const row = await this.repos.roles.get(tx, id);
    if (!row) throw NotFound.of('role', id);
    return row;
  }
}
