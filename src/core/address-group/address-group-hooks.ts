import type { AddressGroupRepo } from '../../store/repos/address-group-repo.ts';
import type { SecurityGroupRepo } from '../../store/repos/security-group-repo.ts';
import { AddressGroupInUse } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { normaliseAddresses } from './address-group-addresses.ts';

/**
 * Address groups: the addresses given on create are stored normalised and
 * deduplicated (their arrival is the group's first change, revision 1);
 * a group that security group rules match cannot be deleted (409).
 */
export function addressGroupHooks(addresses: AddressGroupRepo, securityGroups: SecurityGroupRepo): ResourceHooks {
  return {
    async beforeCreate(_tx, _ctx, values) {
      // The validator (subnet_list) let only CIDRs through.
      values.addresses = normaliseAddresses((values.addresses as unknown[] | undefined) ?? []).addresses;
      values.revision_number = (values.addresses as string[]).length > 0 ? 1 : 0;
    },

    async afterCreate(tx, _ctx, values) {
      await addresses.add(tx, String(values.id), values.addresses as string[]);
    },

    async beforeDelete(tx, _ctx, current) {
      if (await securityGroups.addressGroupInUse(tx, String(current.id))) throw new AddressGroupInUse(String(current.id));
    },

    async extend(tx, _ctx, records) {
      const byGroup = await addresses.addressesOf(tx, records.map((r) => String(r.id)));
      for (const record of records) record.addresses = byGroup.get(String(record.id)) ?? [];
    },

    extendCreated(records, values) {
      records.forEach((record, i) => { record.addresses = [...(values[i]!.addresses as string[])].sort(); });
    },
  };
}
