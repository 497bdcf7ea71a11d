import type { Policy } from '../../policy/policy.ts';
import type { FlavorBindingRepo } from '../../store/repos/flavor-binding-repo.ts';
import type { ResourceRepo } from '../../store/repos/resource-repo.ts';
import type { Store, Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { FlavorNotFound, FlavorServiceProfileBindingExists, FlavorServiceProfileBindingNotFound, PolicyNotAuthorized, ServiceProfileNotFound } from '../errors.ts';
import { bumpRevision } from '../resource/revision.ts';

/** An association as the API shows it: the bound profile's id. */
export interface FlavorProfileBinding { readonly id: string }

/**
 * The flavor ↔ service profile associations
 * (/v2.0/flavors/{id}/service_profiles[/{profile_id}]): one transaction per
 * request, admins only by default (create_ / delete_ / get_flavor_service_profile).
 * An association changes its flavor's `service_profiles`, so it bumps the
 * flavor's revision (and the change log sees it).
 */
export class FlavorProfileBindings {
  constructor(
    private readonly store: Store,
    private readonly policy: Policy,
    private readonly flavors: ResourceRepo,
    private readonly profiles: ResourceRepo,
    private readonly bindings: FlavorBindingRepo,
  ) {}

  /**
   * Associates a profile with a flavor. The policy decides first (403), as
   * in Neutron; then 404 FlavorNotFound / ServiceProfileNotFound, and 409
   * FlavorServiceProfileBindingExists when the pair is associated already.
   */
  async associate(ctx: RequestContext, flavorId: string, profileId: string): Promise<FlavorProfileBinding> {
    return this.store.transaction(async (tx) => {
      const target = { flavor_id: flavorId, id: profileId };
      if (!this.policy.authorize(ctx, 'create_flavor_service_profile', target)) throw new PolicyNotAuthorized('rule:create_flavor_service_profile');
      if (!(await this.flavors.get(tx, flavorId, { forUpdate: true }))) throw new FlavorNotFound(flavorId);
      if (!(await this.profiles.get(tx, profileId, { forUpdate: true }))) throw new ServiceProfileNotFound(profileId);
      if (!(await this.bindings.add(tx, flavorId, profileId))) throw new FlavorServiceProfileBindingExists(profileId, flavorId);
      await bumpRevision(tx, 'flavors', flavorId, { force: true });
      return { id: profileId };
    });
  }

  /**
   * Dissociates. An association that does not exist is a 404
   * FlavorServiceProfileBindingNotFound, and so is one the caller may not
   * even read; one it reads but may not delete a 403.
   */
  async dissociate(ctx: RequestContext, flavorId: string, profileId: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      await this.readable(tx, ctx, flavorId, profileId, 'delete_flavor_service_profile');
      await this.bindings.remove(tx, flavorId, profileId);
      await bumpRevision(tx, 'flavors', flavorId, { force: true });
    });
  }

  /** One association (404 when absent or not readable by the caller). */
  async show(ctx: RequestContext, flavorId: string, profileId: string): Promise<FlavorProfileBinding> {
    return this.store.read(async (tx) => {
      await this.readable(tx, ctx, flavorId, profileId, 'get_flavor_service_profile');
      return { id: profileId };
    });
  }

  /** Checks that the association exists and that the caller may do `action` on it. */
  private async readable(tx: Tx, ctx: RequestContext, flavorId: string, profileId: string, action: string): Promise<void> {
    if (!(await this.bindings.exists(tx, flavorId, profileId))) throw new FlavorServiceProfileBindingNotFound(profileId, flavorId);
    const decision = this.policy.checkAction(ctx, action, { flavor_id: flavorId, service_profile_id: profileId }, {}, 'get_flavor_service_profile');
    if (!decision.allowed) throw decision.notFound ? new FlavorServiceProfileBindingNotFound(profileId, flavorId) : new PolicyNotAuthorized(decision.rule);
  }
}
