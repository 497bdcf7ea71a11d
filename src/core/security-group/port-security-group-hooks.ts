import type { SecurityGroupRepo } from '../../store/repos/security-group-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { PortSecurityAndIPRequiredForSecurityGroups, PortSecurityPortHasSecurityGroup, SecurityGroupConflict, SecurityGroupNotFound } from '../errors.ts';
import type { Sharing } from '../rbac/sharing.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import type { DefaultSecurityGroups } from './default-security-groups.ts';

/** network:* ports (router, DHCP, floating IP …) are trusted: no security groups, whatever is asked. */
function isTrusted(deviceOwner: unknown): boolean {
  return typeof deviceOwner === 'string' && deviceOwner.startsWith('network:');
}

/**
 * The `security_groups` of ports, composed after the port hooks (which
 * settle port_security_enabled). Creating or updating a port first makes
 * its project's default group if needed. Not specified on create: the
 * default group, unless port security is off or the port is trusted.
 * Groups need port security (400), must be visible to the caller and, on
 * create, the port project's (administrators: any; else 404), and must
 * not mix stateful and stateless (409). Turning port security off on a
 * port that keeps groups is a 409. `?security_groups=<id>` filters ports.
 */
export function portSecurityGroupHooks(defaults: DefaultSecurityGroups, repo: SecurityGroupRepo, sharing: Sharing): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      const projectId = String(values.project_id);
      const defaultGroup = await defaults.ensure(tx, ctx, projectId);
      let groups = values.security_groups as string[] | undefined;
      const trusted = isTrusted(values.device_owner);
      // The project's own default group was just found or made: nothing to check (one query less per port create).
      const requested = groups !== undefined;
      if (values.port_security_enabled !== false) {
        if (groups === undefined && !trusted && defaultGroup !== undefined) groups = [defaultGroup];
      } else if (groups !== undefined && groups.length > 0) {
        throw new PortSecurityAndIPRequiredForSecurityGroups();
      }
      if (groups === undefined || trusted) groups = [];
      else if (requested) await checkGroups(tx, ctx, repo, sharing, groups, projectId);
      values.security_groups = groups;
    },

    async afterCreate(tx, _ctx, values) {
      const groups = values.security_groups as string[];
      if (groups.length > 0) await repo.setPortGroups(tx, String(values.id), groups, true);
    },

    async beforeUpdate(tx, ctx, current, changes) {
      const portId = String(current.id);
      await defaults.ensure(tx, ctx, String(current.project_id));
      const requested = changes.security_groups as string[] | undefined;
      const security = changes.port_security_enabled ?? Number(current.port_security_enabled) === 1;
      const present = requested === undefined || security === false ? (await repo.groupsOfPorts(tx, [portId])).get(portId) ?? [] : undefined;
      if (security === false) {
        if (requested !== undefined && requested.length > 0) throw new PortSecurityAndIPRequiredForSecurityGroups();
        if (requested === undefined && present!.length > 0) throw new PortSecurityPortHasSecurityGroup();
      }
      if (requested === undefined) return;
      const before = present ?? (await repo.groupsOfPorts(tx, [portId])).get(portId) ?? [];
      if (before.length === requested.length && requested.every((g) => before.includes(g))) return;
      const groups = isTrusted(changes.device_owner) ? [] : requested;
      await checkGroups(tx, ctx, repo, sharing, groups, String(current.project_id));
      await repo.setPortGroups(tx, portId, groups);
    },

    async extend(tx, _ctx, records, rows) {
      const groups = await repo.groupsOfPorts(tx, rows);
      for (const record of records) record.security_groups = groups.get(String(record.id)) ?? [];
    },

    extendCreated(records, values) {
      records.forEach((record, i) => { record.security_groups = values[i]!.security_groups ?? []; });
    },

    filter(name, values) {
      if (name !== 'security_groups') return undefined;
      return { kind: 'related', column: 'id', table: 'security_group_port_bindings', select: 'port_id', match: 'security_group_id', values };
    },
  };
}

/**
 * Groups a port may use (Neutron's _validate_sgs_for_port): they exist and,
 * unless an administrator asks, belong to the port's project or are shared
 * with it through RBAC, and the caller sees them (its own or shared with
 * it); 404 naming the others. Stateful and stateless groups do not mix.
 */
async function checkGroups(tx: Tx, ctx: RequestContext, repo: SecurityGroupRepo, sharing: Sharing, ids: readonly string[], portProject: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await repo.groups(tx, ids);
  const usable = async (id: string) => {
    const group = found.get(id);
    if (!group) return false;
    if (ctx.isAdmin) return true;
    if (group.project_id === portProject && group.project_id === ctx.projectId) return true;
    const sharedWithPort = group.project_id === portProject || await sharing.isSharedWith(tx, 'security_group', id, portProject);
    const visible = group.project_id === ctx.projectId || await sharing.isSharedWith(tx, 'security_group', id, ctx.projectId);
    return sharedWithPort && visible;
  };
  const missing: string[] = [];
  for (const id of ids) if (!(await usable(id))) missing.push(id);
  if (missing.length > 0) throw new SecurityGroupNotFound(missing.join(', '));
  const stateful = ids.map((id) => found.get(id)!.stateful);
  if (stateful.includes(true) && stateful.includes(false)) {
    throw new SecurityGroupConflict('Cannot apply both stateful and stateless security groups on the same port at the same time');
  }
}
