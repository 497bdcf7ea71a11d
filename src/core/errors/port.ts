/**
 * Ports: MACs, devices, DNS names.
 */
import { BadRequest, Conflict, NotFound, ServiceUnavailable } from './base.ts';

export class SubnetMismatchForPort extends BadRequest {
  constructor(portId: string, subnetId: string) { super(`Subnet on port ${portId} does not match the requested subnet ${subnetId}.`); }
}
export class PortNotFound extends NotFound {
  constructor(id: string) { super(`Port ${id} could not be found.`); }
}
export class MacAddressInUse extends Conflict {
  constructor(mac: string, networkId: string) { super(`Unable to complete operation for network ${networkId}. The mac address ${mac} is in use.`); }
}
export class DuplicateDnsName extends Conflict {}
export class PortInUse extends Conflict {
  constructor(networkId: string, portId: string, deviceId: string) {
    super(`Unable to complete operation on port ${portId} for network ${networkId}. Port already has an attached device ${deviceId}.`);
  }
}
export class DeviceIDNotOwnedByTenant extends Conflict {
  constructor(deviceId: string) { super(`The following device_id ${deviceId} is not owned by your project or matches another project router.`); }
}
export class MacAddressGenerationFailure extends ServiceUnavailable {
  constructor(networkId: string) { super(`Unable to generate unique mac on network ${networkId}.`); }
}
