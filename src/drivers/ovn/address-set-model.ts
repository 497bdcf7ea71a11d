import type { AddressGroupView } from '../driver.ts';

/*
 * Address groups as OVN address sets, named as ML2/OVN names them (pure):
 * `ag_<group id with _ for ->_ip4` and `…_ip6`, one per family and always
 * both (a rule's match names the set of its ethertype whether or not the
 * group holds addresses of that family), with the group's CIDRs of that
 * family and external_ids `neutron:address_group_name`. A rule with
 * `remote_address_group_id` matches `$ag_<id>_ip4` (security-group-model.ts).
 */

export const AG_NAME_KEY = 'neutron:address_group_name';

export interface AddressSetSpec {
  readonly name: string;
  readonly addresses: string[];
  readonly external_ids: Record<string, string>;
}

/** The address set of an address group for one family. */
export function addressSetName(addressGroupId: string, family: 4 | 6): string {
  return `ag_${addressGroupId.replaceAll('-', '_')}_ip${family}`;
}

/** The address group id of an address set muon owns (by name), or undefined. */
export function addressGroupIdOf(setName: string): string | undefined {
  const match = /^ag_([0-9a-f]{8})_([0-9a-f]{4})_([0-9a-f]{4})_([0-9a-f]{4})_([0-9a-f]{12})_ip[46]$/.exec(setName);
  return match ? match.slice(1).join('-') : undefined;
}

/** The two address sets of a group; addresses in a stable order, so equal groups make equal rows. */
export function desiredAddressSets(group: AddressGroupView): AddressSetSpec[] {
  const external_ids = { [AG_NAME_KEY]: group.name };
  const of = (family: 4 | 6) => group.addresses.filter((cidr) => cidr.includes(':') === (family === 6)).sort();
  return [4, 6].map((family) => ({ name: addressSetName(group.id, family as 4 | 6), addresses: of(family as 4 | 6), external_ids }));
}
