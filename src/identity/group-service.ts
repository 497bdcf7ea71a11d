import type { GroupRow } from '../store/repos/identity/group-repo.ts';
import type { IdentityRepos } from '../store/repos/identity/index.ts';
import type { UserRow } from '../store/repos/identity/user-repo.ts';
import type { Store, Tx } from '../store/store.ts';
import { Conflict, NotFound, ValidationError } from './identity-errors.ts';
import { newId } from './new-id.ts';

export interface GroupInput { name?: string; domain_id?: string; description?: string | null }

/**
 * Groups and membership. Each call is one transaction. Leaving a group or
 * deleting it takes its roles away from its members at once: token
 * validation recomputes effective roles.
 */
export class GroupService {
  constructor(private readonly store: Store, private readonly repos: IdentityRepos) {}

  get(id: string): Promise<GroupRow> {
    return this.store.read((tx) => this.require(tx, id));
  }

  list(filter: { name?: string; domain_id?: string } = {}): Promise<GroupRow[]> {
    return this.store.read((tx) => this.repos.groups.list(tx, filter));
  }

  create(input: GroupInput & { name: string; domain_id: string }): Promise<GroupRow> {
    return this.store.transaction(async (tx) => {
      if (!await this.repos.domains.get(tx, input.domain_id)) throw ValidationError.field('domain_id', `domain ${input.domain_id} does not exist`);
      await this.checkName(tx, input.domain_id, input.name);
      const row: GroupRow = { id: newId(), domain_id: input.domain_id, name: input.name, description: input.description ?? '' };
      await this.repos.groups.insert(tx, row);
      return row;
    });
  }

  update(id: string, input: GroupInput): Promise<GroupRow> {
    return this.store.transaction(async (tx) => {
      const row = await this.require(tx, id);
      if (input.domain_id !== undefined && input.domain_id !== row.domain_id) throw ValidationError.field('domain_id', 'the domain of a group cannot be changed');
      if (input.name !== undefined && input.name !== row.name) await this.checkName(tx, row.domain_id, input.name);
      const patch = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description ?? '' } : {}),
      };
      await this.repos.groups.update(tx, id, patch);
      return { ...row, ...patch };
    });
  }

  delete(id: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      await this.require(tx, id);
      await this.repos.assignments.deleteForActor(tx, 'group', id);
      await this.repos.groups.delete(tx, id);
    });
  }

  members(id: string): Promise<UserRow[]> {
    return this.store.read(async (tx) => {
      await this.require(tx, id);
      return this.repos.users.list(tx, { ids: await this.repos.groups.memberIds(tx, id) });
    });
  }

  /** Groups of a user. */
  groupsOf(userId: string): Promise<GroupRow[]> {
    return this.store.read(async (tx) => {
      if (!await this.repos.users.get(tx, userId)) throw NotFound.of('user', userId);
      const ids = new Set(await this.repos.groups.groupIdsOf(tx, userId));
      return (await this.repos.groups.list(tx)).filter((g) => ids.has(g.id));
    });
  }

  addMember(id: string, userId: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      await this.requireBoth(tx, id, userId);
      await this.repos.groups.addMember(tx, id, userId);
    });
  }

  /** Throws NotFound when the user is not a member (Keystone answers 404). */
  isMember(id: string, userId: string): Promise<void> {
    return this.store.read(async (tx) => {
      await this.requireBoth(tx, id, userId);
      if (!await this.repos.groups.isMember(tx, id, userId)) throw new NotFound(`User ${userId} is not a member of group ${id}.`);
    });
  }

  removeMember(id: string, userId: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      await this.requireBoth(tx, id, userId);
      if (!await this.repos.groups.removeMember(tx, id, userId)) throw new NotFound(`User ${userId} is not a member of group ${id}.`);
    });
  }

  async require(tx: Tx, id: string): Promise<GroupRow> {
    const row = await this.repos.groups.get(tx, id);
    if (!row) throw NotFound.of('group', id);
    return row;
  }

  private async requireBoth(tx: Tx, id: string, userId: string): Promise<void> {
    await this.require(tx, id);
    if (!await this.repos.users.get(tx, userId)) throw NotFound.of('user', userId);
  }

  private async checkName(tx: Tx, domainId: string, name: string): Promise<void> {
    if (await this.repos.groups.getByName(tx, domainId, name)) throw Conflict.duplicate('group', `Duplicate entry found with name ${name} at domain ID ${domainId}`);
  }
}
