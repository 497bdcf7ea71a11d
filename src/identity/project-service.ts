import type { IdentityRepos } from '../store/repos/identity/index.ts';
import type { ProjectFilter, ProjectRow } from '../store/repos/identity/project-repo.ts';
import type { Store, Tx } from '../store/store.ts';
import { Conflict, Forbidden, NotFound, ValidationError } from './identity-errors.ts';
import { newId } from './new-id.ts';
import type { TokenService } from './token-service.ts';

export interface ProjectInput {
  name?: string;
  domain_id?: string;
  parent_id?: string | null;
  description?: string | null;
  enabled?: boolean;
  tags?: string[];
}

/**
 * Projects (never domains: is_domain is always false here). Each call is one
 * transaction. Disabling or deleting a project ends its tokens; deleting also
 * removes its role assignments and application credentials. Networking
 * resources owned by the project stay, as in OpenStack.
 */
export class ProjectService {
  constructor(private readonly store: Store, private readonly repos: IdentityRepos, private readonly tokens: TokenService) {}

  get(id: string): Promise<ProjectRow> {
    return this.store.read((tx) => this.require(tx, id));
  }

  list(filter: ProjectFilter = {}): Promise<ProjectRow[]> {
    return this.store.read((tx) => this.repos.projects.list(tx, filter));
  }

  /** A project by id, or by name in a domain (for the CLI and name lookups). */
  find(nameOrId: string, domainId = 'default'): Promise<ProjectRow | undefined> {
    return this.store.read(async (tx) => (await this.repos.projects.get(tx, nameOrId)) ?? this.repos.projects.getByName(tx, domainId, nameOrId));
  }

  create(input: ProjectInput & { name: string; domain_id: string }): Promise<ProjectRow> {
    return this.store.transaction(async (tx) => {
      const domain = await this.repos.domains.get(tx, input.domain_id);
      if (!domain) throw ValidationError.field('domain_id', `domain ${input.domain_id} does not exist`);
      let parentId: string | null = null;
      if (input.parent_id != null && input.parent_id !== input.domain_id) {
        const parent = await this.repos.projects.get(tx, input.parent_id);
        if (!parent) throw NotFound.of('project', input.parent_id);
        if (parent.domain_id !== input.domain_id) throw new ValidationError('Cannot create project, the parent is in a different domain.');
        parentId = parent.id;
      }
      await this.checkName(tx, input.domain_id, input.name);
      const row: ProjectRow = {
        id: newId(), domain_id: input.domain_id, parent_id: parentId, name: input.name,
        description: input.description ?? '', enabled: input.enabled === false ? 0 : 1,
        tags: JSON.stringify(input.tags ?? []), created_at: tx.now,
      };
      await this.repos.projects.insert(tx, row);
      return row;
    });
  }

  update(id: string, input: ProjectInput): Promise<ProjectRow> {
    return this.store.transaction(async (tx) => {
      const row = await this.require(tx, id);
      if (input.domain_id !== undefined && input.domain_id !== row.domain_id) throw ValidationError.field('domain_id', 'the domain of a project cannot be changed');
      if (input.parent_id !== undefined && (input.parent_id ?? row.domain_id) !== (row.parent_id ?? row.domain_id)) {
        throw new Forbidden('Update of `parent_id` is not allowed.');
      }
      if (input.name !== undefined && input.name !== row.name) await this.checkName(tx, row.domain_id, input.name);
      const patch = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description ?? '' } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled ? 1 : 0 } : {}),
        ...(input.tags !== undefined ? { tags: JSON.stringify(input.tags) } : {}),
      };
      await this.repos.projects.update(tx, id, patch);
      if (input.enabled === false && row.enabled) await this.tokens.revokeAll(tx, 'project', id);
      return { ...row, ...patch };
    });
  }

  delete(id: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      await this.require(tx, id);
      if (await this.repos.projects.countChildren(tx, id) > 0) throw new Forbidden('Cannot delete the project since it has children in its hierarchy.');
      await this.tokens.revokeAll(tx, 'project', id);
      await this.repos.assignments.deleteForTarget(tx, 'project', id);
      await this.repos.appCredentials.deleteForProject(tx, id);
      await this.repos.users.clearDefaultProject(tx, id);
      await this.repos.projects.delete(tx, id);
    });
  }

  async require(tx: Tx, id: string): Promise<ProjectRow> {
    const row = await this.repos.projects.get(tx, id);
    if (!row) throw NotFound.of('project', id);
    return row;
  }

  private async checkName(tx: Tx, domainId: string, name: string): Promise<void> {
    if (await this.repos.projects.getByName(tx, domainId, name)) {
      throw Conflict.duplicate('project', `it is not permitted to have two projects with the same name in the same domain : ${name}`);
    }
  }
}
