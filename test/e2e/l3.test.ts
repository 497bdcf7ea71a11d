import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { acquireLease } from '../../src/sandbox/dhcp-client.ts';
import { waitFor } from '../../src/sandbox/host-command.ts';
import { execInInstance, plugInstance, type Instance } from '../../src/sandbox/instance.ts';
import { E2eDeployment } from '../helpers/e2e-deployment.ts';
import { stackSkipReason, type OvnStack } from '../helpers/ovn-stack.ts';
import { askWhoami, Whoami } from '../helpers/whoami.ts';

const skip = stackSkipReason();

/*
 * Acceptance 4 of the data-plane issue (routers, SNAT, floating IPs, port
 * forwarding), through muon's API only, with real packets. The stack has a
 * provider network `public`: br-ex on both chassis, joined in an outside
 * namespace whose own address 172.24.4.1 is the external subnet's gateway
 * (the "outside host"). A router with its gateway on the flat external
 * network joins two tenant subnets:
 *   a  10.81.0.0/24  hv1  (the gateway chassis)   whoami on 8080
 *   b  10.82.0.0/24  hv2                          whoami on 8080
 * The default security group admits ICMP and TCP 8080 (from anywhere), so
 * what decides reachability below is the router alone. The outside host runs
 * whoami on 9000: its answer names the address it saw, which is how SNAT and
 * floating IP sources are checked. Floating IPs are checked on the router as
 * made (centralized: translated on hv1) and once it is distributed
 * (translated on the instance's chassis, answering ARP with its own MAC);
 * the port forwarding from outside and from behind the router. Positive
 * checks after a change are retried for a bounded time; negative ones are
 * single, after the northbound change is seen and every chassis has it
 * (`--wait=hv`).
 */

const PHYSNET = 'public';
const OUTSIDE = '172.24.4.1';
const CIDR = { a: '10.81.0.0/24', b: '10.82.0.0/24' } as const;
const SERVICE_PORT = 8080;
const OUTSIDE_PORT = 9000;
type Name = 'a' | 'b';

describe('e2e: a router with SNAT, floating IPs and port forwarding, seen from outside', { skip, timeout: 300_000 }, () => {
  let e2e: E2eDeployment;
  let stack: OvnStack;
  let router: any;
  let external: any;
  let gatewayIp: string;
  let gatewayMac: string;
  const vm = {} as Record<Name, Instance>;
  const port = {} as Record<Name, any>;
  const listeners: Whoami[] = [];
  const api = (method: string, path: string, body?: unknown) => e2e.api(method, path, body);
  const step = (fn: () => Promise<void>) => () => e2e.run(fn);
  const syncChassis = () => { stack.nbctl('--timeout=30', '--wait=hv', 'sync'); };
  const eventually = (what: string, check: () => boolean) => waitFor(what, check, 30_000);
  const ping = (from: Instance, to: string) => execInInstance(from, 'ping', ['-c', '1', '-W', '1', to], 5_000).status === 0;
  const pingFromOutside = (to: string) => stack.outside('ping', ['-c', '1', '-W', '1', to], 5_000).status === 0;
  /** The address the outside host saw `from`'s TCP connection come from (undefined: no answer). */
  const seenOutsideAs = (from: Instance) => askWhoami(from.netns, OUTSIDE, OUTSIDE_PORT)?.peer;
  /** Who answers at `address:port` when the outside host connects. */
  const reachedFromOutside = (address: string, tcpPort: number) => askWhoami(stack.provider.netns, address, tcpPort)?.name;
  const natRows = (fipId: string) => stack.nbctl('--bare', '--columns=_uuid', 'find', 'NAT', `external_ids:"neutron:fip_id"="${fipId}"`);
  /** The MAC the outside host resolved `address` to (after a fresh ARP exchange), or undefined. */
  const outsideNeighbour = (address: string) => /lladdr (\S+)/.exec(stack.outside('ip', ['neigh', 'show', address]).stdout)?.[1];
  const forgetNeighbour = (address: string) => stack.outside('ip', ['neigh', 'flush', 'to', address]);
  const vipsOf = (fipId: string) => stack.nbctl('--bare', '--columns=vips', 'find', 'Load_Balancer', `external_ids:"neutron:fip_id"="${fipId}"`);

  before(async () => {
    e2e = await E2eDeployment.start('r', 'project-e2e-l3', { provider: { physnet: PHYSNET, hostCidr: `${OUTSIDE}/24` } });
    stack = e2e.stack;
    listeners.push(await Whoami.start(stack.provider.netns, 'outside', OUTSIDE_PORT));
  });
  after(async () => {
    for (const listener of listeners) listener.stop();
    await e2e?.stop();
  });

  test('a router joins two subnets behind a flat external network; instances on two chassis ping across it', step(async () => {
    external = (await api('POST', '/networks', { network: {
      name: 'public', 'router:external': true, 'provider:network_type': 'flat', 'provider:physical_network': PHYSNET,
    } })).network;
    await api('POST', '/subnets', { subnet: {
      network_id: external.id, cidr: '172.24.4.0/24', ip_version: 4, gateway_ip: OUTSIDE, enable_dhcp: false,
      allocation_pools: [{ start: '172.24.4.10', end: '172.24.4.99' }],
    } });
    const group = (await api('GET', '/security-groups?name=default')).security_groups[0];
    for (const rule of [{ protocol: 'icmp' }, { protocol: 'tcp', port_range_min: SERVICE_PORT, port_range_max: SERVICE_PORT }]) {
      await api('POST', '/security-group-rules', { security_group_rule: { security_group_id: group.id, direction: 'ingress', ethertype: 'IPv4', ...rule } });
    }
    router = (await api('POST', '/routers', { router: { name: 'edge', external_gateway_info: { network_id: external.id } } })).router;
    gatewayIp = router.external_gateway_info.external_fixed_ips[0].ip_address;
    for (const [name, host] of [['a', 'hv1'], ['b', 'hv2']] as const) {
      const network = (await api('POST', '/networks', { network: { name: `l3-${name}` } })).network;
      const subnet = (await api('POST', '/subnets', { subnet: { network_id: network.id, cidr: CIDR[name], ip_version: 4 } })).subnet;
      await api('PUT', `/routers/${router.id}/add_router_interface`, { subnet_id: subnet.id });
      port[name] = (await api('POST', '/ports', { port: { network_id: network.id, device_id: `vm-${name}`, device_owner: 'compute:nova', 'binding:host_id': host } })).port;
      vm[name] = await plugInstance(stack, { name, chassis: host, portId: port[name].id, macAddress: port[name].mac_address, deviceId: `vm-${name}` });
    }
    await waitFor('both ports ACTIVE', async () => {
      const all = await Promise.all(Object.values(port).map(async (p) => (await api('GET', `/ports/${p.id}`)).port));
      return all.every((p) => p.status === 'ACTIVE');
    }, 60_000);
    // The gateway is scheduled on hv1, the only chassis that may host gateways.
    const gatewayPort = (await api('GET', `/ports?device_id=${router.id}&device_owner=network:router_gateway`)).ports[0];
    gatewayMac = gatewayPort.mac_address;
    await waitFor('the gateway port scheduled', () => stack.nbctl('lrp-get-gateway-chassis', `lrp-${gatewayPort.id}`).includes('hv1'), 30_000);
    syncChassis();
    for (const name of ['a', 'b'] as const) {
      const lease = await acquireLease(vm[name], stack.dir);
      assert.equal(lease.ip, port[name].fixed_ips[0].ip_address);
      assert.equal(lease.router, CIDR[name].replace('0/24', '1'), 'the router interface is the default gateway');
      listeners.push(await Whoami.start(vm[name].netns, name, SERVICE_PORT));
    }
    await eventually('a pings b across the router', () => ping(vm.a, port.b.fixed_ips[0].ip_address));
    await eventually('b reaches a\'s service across the router', () => askWhoami(vm.b.netns, port.a.fixed_ips[0].ip_address, SERVICE_PORT)?.name === 'a');
  }));

  test('SNAT: instances reach the outside host, which sees the router\'s gateway address', step(async () => {
    await eventually('a pings the outside host', () => ping(vm.a, OUTSIDE));
    await eventually('a (on the gateway chassis) is seen as the gateway address', () => seenOutsideAs(vm.a) === gatewayIp);
    await eventually('b (on the other chassis) is seen as the gateway address', () => seenOutsideAs(vm.b) === gatewayIp);
  }));

  test('a floating IP reaches the instance from outside and is its source address; disassociated, it closes', step(async () => {
    const fip = (await api('POST', '/floatingips', { floatingip: { floating_network_id: external.id, port_id: port.b.id } })).floatingip;
    await waitFor('the floating IP NAT row', () => natRows(fip.id) !== '', 20_000);
    syncChassis();
    forgetNeighbour(fip.floating_ip_address);
    await eventually('the outside host pings the floating IP', () => pingFromOutside(fip.floating_ip_address));
    // The router is not distributed: the gateway chassis translates, and answers ARP with the gateway port's MAC.
    assert.equal(outsideNeighbour(fip.floating_ip_address), gatewayMac, 'the floating IP is at the gateway port');
    await eventually('the outside host reaches b through the floating IP', () => reachedFromOutside(fip.floating_ip_address, SERVICE_PORT) === 'b');
    await eventually('b is seen from outside as its floating IP', () => seenOutsideAs(vm.b) === fip.floating_ip_address);
    assert.equal(seenOutsideAs(vm.a), gatewayIp, 'a, without a floating IP, still goes out through SNAT');

    await api('PUT', `/floatingips/${fip.id}`, { floatingip: { port_id: null } });
    await waitFor('the floating IP NAT row gone', () => natRows(fip.id) === '', 20_000);
    syncChassis();
    await eventually('b is seen as the gateway address again', () => seenOutsideAs(vm.b) === gatewayIp);
    assert.equal(reachedFromOutside(fip.floating_ip_address, SERVICE_PORT), undefined, 'no service behind the disassociated floating IP');
    assert.equal(pingFromOutside(fip.floating_ip_address), false, 'the disassociated floating IP does not answer');
  }));

  test('a port forwarding maps a TCP port of a floating IP to an instance\'s port; deleted, it closes', step(async () => {
    const fip = (await api('POST', '/floatingips', { floatingip: { floating_network_id: external.id } })).floatingip;
    const forwarding = (await api('POST', `/floatingips/${fip.id}/port_forwardings`, { port_forwarding: {
      protocol: 'tcp', internal_port_id: port.a.id, internal_ip_address: port.a.fixed_ips[0].ip_address, internal_port: SERVICE_PORT, external_port: 2222,
    } })).port_forwarding;
    await waitFor('the forwarding load balancer', () => vipsOf(fip.id).includes(`${fip.floating_ip_address}:2222`), 20_000);
    syncChassis();
    await eventually('the outside host reaches a through floating IP port 2222', () => reachedFromOutside(fip.floating_ip_address, 2222) === 'a');
    assert.equal(reachedFromOutside(fip.floating_ip_address, SERVICE_PORT), undefined, 'only the forwarded port is open');
    // From behind the router too (the load balancer on b's switch translates what b sends).
    await eventually('b reaches a through floating IP port 2222', () => askWhoami(vm.b.netns, fip.floating_ip_address, 2222)?.name === 'a');

    await api('DELETE', `/floatingips/${fip.id}/port_forwardings/${forwarding.id}`);
    await waitFor('the forwarding load balancer gone', () => vipsOf(fip.id) === '', 20_000);
    syncChassis();
    await eventually('a still reaches the outside host', () => seenOutsideAs(vm.a) === gatewayIp);
    assert.equal(reachedFromOutside(fip.floating_ip_address, 2222), undefined, 'the deleted forwarding no longer answers');
    assert.equal(askWhoami(vm.b.netns, fip.floating_ip_address, 2222), undefined, 'nor from behind the router');
  }));

  test('on a distributed router, a floating IP is translated on its instance\'s own chassis', step(async () => {
    await api('PUT', `/routers/${router.id}`, { router: { distributed: true } });
    const fip = (await api('POST', '/floatingips', { floatingip: { floating_network_id: external.id, port_id: port.b.id } })).floatingip;
    const fipPort = (await api('GET', `/ports?device_id=${fip.id}&device_owner=network:floatingip`)).ports[0];
    await waitFor('the floating IP NAT row with its own MAC', () => natRows(fip.id) !== ''
      && stack.nbctl('get', 'NAT', natRows(fip.id), 'external_mac') === `"${fipPort.mac_address}"`, 20_000);
    syncChassis();
    forgetNeighbour(fip.floating_ip_address);
    await eventually('the outside host pings the floating IP', () => pingFromOutside(fip.floating_ip_address));
    // hv2, where b is, answers ARP with the floating IP port's MAC: the traffic does not cross the gateway chassis.
    assert.equal(outsideNeighbour(fip.floating_ip_address), fipPort.mac_address, 'the floating IP is at its own MAC');
    await eventually('the outside host reaches b through the floating IP', () => reachedFromOutside(fip.floating_ip_address, SERVICE_PORT) === 'b');
    await eventually('b is seen from outside as its floating IP', () => seenOutsideAs(vm.b) === fip.floating_ip_address);
    await eventually('a, without one, still goes out through SNAT', () => seenOutsideAs(vm.a) === gatewayIp);
  }));
});
