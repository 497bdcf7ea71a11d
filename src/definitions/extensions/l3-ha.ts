import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** `ha` on routers: stored and shown to administrators only (policy); false unless an admin asks. */
export const l3Ha = defineExtension({
  alias: 'l3-ha', name: 'HA Router extension', updated: '2014-04-26T00:00:00-00:00',
  description: 'Adds HA capability to routers.',
  requires: ['router'],
  attributes: {
    routers: { ha: { allowPost: true, allowPut: true, convert: v.toBooleanOrNone, storage: 'boolean' } },
  },
});

/** `distributed` on routers: stored and shown to administrators only (policy); false unless an admin asks. */
export const dvr = defineExtension({
  alias: 'dvr', name: 'Distributed Virtual Router', updated: '2014-06-1T10:00:00-00:00',
  description: 'Enables configuration of Distributed Virtual Routers.',
  requires: ['router'],
  attributes: {
    routers: { distributed: { allowPost: true, allowPut: true, convert: v.toBooleanOrNone, storage: 'boolean' } },
  },
});
