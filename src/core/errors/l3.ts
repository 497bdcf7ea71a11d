/**
 * Routers, floating IPs and port forwardings.
 */
import { BadRequest, Conflict, NotFound } from './base.ts';

export class RouterNotFound extends NotFound {
  constructor(id: string) { super(`Router ${id} could not be found`); }
}
export class RouterInterfaceNotFound extends NotFound {
  constructor(routerId: string, portId: string) { super(`Router ${routerId} does not have an interface with id ${portId}`); }
}
export class RouterInterfaceNotFoundForSubnet extends NotFound {
  constructor(routerId: string, subnetId: string) { super(`Router ${routerId} has no interface on subnet ${subnetId}`); }
}
export class FloatingIPNotFound extends NotFound {
  constructor(id: string) { super(`Floating IP ${id} could not be found`); }
}
export class ExternalGatewayForFloatingIPNotFound extends NotFound {
  constructor(externalNetworkId: string, subnetId: string, portId: string) {
    super(`External network ${externalNetworkId} is not reachable from subnet ${subnetId}.  Therefore, cannot associate Port ${portId} with a Floating IP.`);
  }
}
export class PortForwardingNotFound extends NotFound {
  constructor(id: string) { super(`Port Forwarding ${id} could not be found.`); }
}
export class RouterInUse extends Conflict {
  constructor(id: string, reason = 'still has ports') { super(`Router ${id} ${reason}`); }
}
export class RouterInterfaceInUseByFloatingIP extends Conflict {
  constructor(routerId: string, subnetId: string) {
    super(`Router interface for subnet ${subnetId} on router ${routerId} cannot be deleted, as it is required by one or more floating IPs.`);
  }
}
export class RouterInterfaceInUseByRoute extends Conflict {
  constructor(routerId: string, subnetId: string) {
    super(`Router interface for subnet ${subnetId} on router ${routerId} cannot be deleted, as it is required by one or more routes.`);
  }
}
export class RouterExternalGatewayInUseByFloatingIp extends Conflict {
  constructor(routerId: string, networkId: string) {
    super(`Gateway cannot be updated for router ${routerId}, since a gateway to external network ${networkId} is required by one or more floating IPs.`);
  }
}
export class FloatingIPPortAlreadyAssociated extends Conflict {
  constructor(fip: { floatingIpAddress: string; fipId: string; portId: string; fixedIp: string; networkId: string }) {
    super(`Cannot associate floating IP ${fip.floatingIpAddress} (${fip.fipId}) with port ${fip.portId} using fixed IP ${fip.fixedIp}, as that fixed IP already has a floating IP on external network ${fip.networkId}.`);
  }
}
export class ServicePortInUse extends Conflict {
  constructor(portId: string, reason: string) { super(`Port ${portId} cannot be deleted directly via the port API: ${reason}.`); }
}
export class FipInUseByPortForwarding extends Conflict {
  constructor(id: string) { super(`Floating IP ${id} in use by Port Forwarding resources.`); }
}
export class PortHasBindingFloatingIP extends Conflict {
  constructor(f: { floatingIpAddress: string; fipId: string; portId: string; fixedIp: string }) {
    super(`Cannot create port forwarding to floating IP ${f.floatingIpAddress} (${f.fipId}) with port ${f.portId} using fixed IP ${f.fixedIp}, as that port already has a binding floating IP.`);
  }
}
export class GatewayIpInUse extends Conflict {
  constructor(ip: string, portId: string) { super(`Current gateway ip ${ip} already in use by port ${portId}. Unable to update.`); }
}
export class ExternalNetworkInUse extends Conflict {
  constructor(networkId: string) { super(`External network ${networkId} cannot be updated to be made non-external, since it has existing gateway ports.`); }
}
export class ExternalIpAddressExhausted extends BadRequest {
  constructor(networkId: string) { super(`Unable to find any IP address on external network ${networkId}.`); }
}
/** extraroute: a route the router cannot use. */
export class InvalidRoutes extends BadRequest {
  constructor(routes: string, reason: string) { super(`Invalid format for routes: ${routes}, ${reason}`); }
}
