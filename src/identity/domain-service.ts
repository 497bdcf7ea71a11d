import type { DomainRow } from '../store/repos/identity/domain-repo.ts';
import type { IdentityRepos } from '../store/repos/identity/index.ts';
import type { Store, Tx } from '../store/store.ts';
import { Conflict, Forbidden, NotFound } from './identity-errors.ts';
import { newId } from './new-id.ts';
import type { TokenService } from './token-service.ts';

export interface DomainInput { id?: string; name?: string; description?: string | null; enabled?: boolean }

/**
 * Domains. Each call is one transaction. Deleting a domain requires it to be
 * disabled first (Keystone's rule) and removes its projects, users, groups and
 * domain-specific roles with it.
 */
export class DomainService {
  constructor(private readonly store: Store, private readonly repos: IdentityRepos, private readonly tokens: TokenService) {}

  get(id: string): Promise<DomainRow> {
    return this.store.read((tx) => this.require(tx, id));
  }

  list(filter: { name?: string; enabled?: boolean } = {}): Promise<DomainRow[]> {
    return this.store.read((tx) => this.repos.domains.list(tx, filter));
  }

  create(input: DomainInput & { name: string }): Promise<DomainRow> {
    return this.store.transaction(async (tx) => {
      if (await this.repos.domains.getByName(tx, input.name)) throw Conflict.duplicate('domain', `Duplicate entry found with name ${input.name}`);
      if (input.id !== undefined && await this.repos.domains.get(tx, input.id)) throw Conflict.duplicate('domain', `Duplicate ID, ${input.id}`);
      const row: DomainRow = { id: input.id ?? newId(), name: input.name, description: input.description ?? '', enabled: input.enabled === false ? 0 : 1, created_at: tx.now };
      await this.repos.domains.insert(tx, row);
      return row;
    });
  }

  update(id: string, input: DomainInput): Promise<DomainRow> {
    return this.store.transaction(async (tx) => {
      const row = await this.require(tx, id);
      if (input.name !== undefined && input.name !== row.name && await this.repos.domains.getByName(tx, input.name)) {
        throw Conflict.duplicate('domain', `Duplicate entry found with name ${input.name}`);
      }
      const patch = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description ?? '' } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled ? 1 : 0 } : {}),
      };
      await this.repos.domains.update(tx, id, patch);
      if (input.enabled === false && row.enabled) await this.revokeDomain(tx, id);
      return { ...row, ...patch };
    });
  }

  delete(id: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      const row = await this.require(tx, id);
      if (row.enabled) throw new Forbidden('Cannot delete a domain that is enabled, please disable it first.');
      await this.revokeDomain(tx, id);
      for (const project of await this.repos.projects.list(tx, { domain_id: id })) {
        await this.repos.assignments.deleteForTarget(tx, 'project', project.id);
      }
      // Children before parents: delete deepest projects first.
      const projects = await this.repos.projects.list(tx, { domain_id: id });
      const depth = (p: { parent_id: string | null }): number => {
        let d = 0;
        for (let cur = p.parent_id; cur !== null; d++) cur = projects.find((q) => q.id === cur)?.parent_id ?? null;
        return d;
      };
      for (const project of projects.sort((a, b) => depth(b) - depth(a))) await this.repos.projects.delete(tx, project.id);
      for (const user of await this.repos.users.list(tx, { domain_id: id })) {
        await this.repos.assignments.deleteForActor(tx, 'user', user.id);
        await this.repos.users.delete(tx, user.id);
      }
      for (const group of await this.repos.groups.list(tx, { domain_id: id })) {
        await this.repos.assignments.deleteForActor(tx, 'group', group.id);
        await this.repos.groups.delete(tx, group.id);
      }
      for (const role of await this.repos.roles.list(tx, { domain_id: id })) await this.repos.roles.delete(tx, role.id);
      await this.repos.assignments.deleteForTarget(tx, 'domain', id);
      await this.repos.domains.delete(tx, id);
    });
  }

  async require(tx: Tx, id: string): Promise<DomainRow> {
    const row = await this.repos.domains.get(tx, id);
    if (!row) throw NotFound.of('domain', id);
    return row;
  }

  /** Disabling a domain ends the tokens of its users and of its projects. */
  private async revokeDomain(tx: Tx, id: string): Promise<void> {
    for (const user of await this.repos.users.list(tx, { domain_id: id })) await this.tokens.revokeAll(tx, 'user', user.id);
    for (const project of await this.repos.projects.list(tx, { domain_id: id })) await this.tokens.revokeAll(tx, 'project', project.id);
  }
}
