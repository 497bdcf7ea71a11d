import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** Static routes of a router (`routes`, replaced as a whole by PUT). */
export const extraroute = defineExtension({
  alias: 'extraroute', name: 'Neutron Extra Route', updated: '2013-02-01T10:00:00-00:00',
  description: 'Extra routes configuration for L3 router',
  requires: ['router'],
  attributes: {
    routers: { routes: { allowPost: false, allowPut: true, convert: v.noneToEmptyList, validate: v.hostRoutes, storage: 'json' } },
  },
});

/** PUT /routers/{id}/add_extraroutes and remove_extraroutes: edit the routes on the server, atomically. */
export const extrarouteAtomic = defineExtension({
  alias: 'extraroute-atomic', name: 'Atomically add/remove extra routes', updated: '2019-07-10T00:00:00+00:00',
  description: 'Edit extra routes of a router on server side by atomically adding/removing extra routes',
  requires: ['router', 'extraroute'],
});
