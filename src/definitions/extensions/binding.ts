import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

export const VNIC_TYPES = ['normal', 'direct', 'direct-physical', 'macvtap', 'baremetal', 'virtio-forwarder', 'smart-nic', 'vdpa', 'accelerator-direct', 'accelerator-direct-physical', 'remote-managed'];

/** binding:* on ports: where and how a port is plugged. Admin (or service) only. */
export const binding = defineExtension({
  alias: 'binding', name: 'Port Binding', updated: '2014-02-03T10:00:00-00:00',
  description: 'Host binding of ports: host, vnic type, profile, and the resulting vif type and details.',
  attributes: {
    ports: {
      'binding:host_id': { allowPost: true, allowPut: true, default: '', validate: v.stringValidator(255), filter: true },
      'binding:vnic_type': { allowPost: true, allowPut: true, default: 'normal', validate: v.values(VNIC_TYPES), filter: true },
      'binding:profile': { allowPost: true, allowPut: true, default: {}, convert: v.noneToEmptyDict, validate: v.dictOrEmpty, storage: 'json' },
      'binding:vif_type': { allowPost: false, allowPut: false },
      'binding:vif_details': { allowPost: false, allowPut: false, storage: 'json' },
    },
  },
});
