import { pyStr } from '../../definitions/validators/index.ts';
import type { Policy } from '../../policy/policy.ts';
import type { AddressGroupRepo } from '../../store/repos/address-group-repo.ts';
import type { ResourceRepo } from '../../store/repos/resource-repo.ts';
import type { Store } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { AddressesAlreadyExist, AddressesNotFound, AddressGroupNotFound, HTTPBadRequest, PolicyNotAuthorized } from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import { rowToRecord } from '../resource/record-codec.ts';
import type { ResourceService } from '../resource/resource-service.ts';
import { bumpRevision } from '../resource/revision.ts';
import { normaliseAddresses } from './address-group-addresses.ts';

export type AddressGroupAction = 'add_addresses' | 'remove_addresses';

/**
 * The add_addresses and remove_addresses member actions: one transaction
 * each; addresses are normalised ("10.0.0.1" is 10.0.0.1/32); adding one
 * already there is a 400 AddressesAlreadyExist, removing one that is not
 * a 404 AddressesNotFound, and either leaves the group unchanged. A change
 * bumps the group's revision.
 */
export class AddressGroupActions {
  constructor(
    private readonly store: Store,
    private readonly policy: Policy,
    private readonly groups: ResourceRepo,
    private readonly addresses: AddressGroupRepo,
    private readonly service: ResourceService,
  ) {}

  /** Runs `action` with the request body `{"addresses": [...]}`; returns the group as it is afterwards. */
  async run(ctx: RequestContext, id: string, action: AddressGroupAction, body: unknown): Promise<ResourceRecord> {
    return this.store.transaction(async (tx) => {
      const row = await this.groups.get(tx, id, { forUpdate: true });
      if (!row) throw new AddressGroupNotFound(id);
      const decision = this.policy.checkAction(ctx, action, rowToRecord(this.service.resource, row), {}, 'get_address_group');
      if (!decision.allowed) throw decision.notFound ? new AddressGroupNotFound(id) : new PolicyNotAuthorized(decision.rule);
      const requested = requestedAddresses(body);
      const current = new Set((await this.addresses.addressesOf(tx, [id])).get(id) ?? []);
      if (action === 'add_addresses') {
        const present = requested.filter((a) => current.has(a));
        if (present.length > 0) throw new AddressesAlreadyExist(present, id);
        await this.addresses.add(tx, id, requested);
      } else {
        const absent = requested.filter((a) => !current.has(a));
        if (absent.length > 0) throw new AddressesNotFound(absent, id);
        await this.addresses.remove(tx, id, requested);
      }
      await bumpRevision(tx, 'address_groups', id, { force: true });
      return (await this.service.load(tx, ctx, [id]))[0]!;
    });
  }
}

function requestedAddresses(body: unknown): string[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HTTPBadRequest('Malformed request body');
  const list = (body as Record<string, unknown>).addresses;
  if (!Array.isArray(list)) throw new HTTPBadRequest("Unable to find 'addresses' in request body");
  const { addresses, bad } = normaliseAddresses(list);
  if (bad !== undefined) throw new HTTPBadRequest(`invalid IPNetwork ${pyStr(bad)}`);
  return addresses;
}
