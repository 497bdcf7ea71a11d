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
/** binding-extended: no binding of the port on that host. */
export class PortBindingNotFound extends NotFound {
  constructor(portId: string, host: string) { super(`Binding for port ${portId} for host ${host} could not be found.`); }
}
/** binding-extended: activating the binding that is already the active one. */
export class PortBindingAlreadyActive extends Conflict {
  constructor(portId: string, host: string) { super(`Binding for port ${portId} on host ${host} is already active.`); }
}
/** binding-extended: the port already has a binding (active or not) on that host. */
export class PortBindingAlreadyExists extends Conflict {
  constructor(portId: string, host: string) { super(`Binding for port ${portId} on host ${host} already exists.`); }
}
