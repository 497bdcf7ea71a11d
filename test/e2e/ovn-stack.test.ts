import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { acquireLease } from '../../src/sandbox/dhcp-client.ts';
import { execInInstance, plugInstance, unplugInstance, type Instance } from '../../src/sandbox/instance.ts';
import { listNetns } from '../../src/sandbox/netns.ts';
import { waitFor } from '../../src/sandbox/host-command.ts';
import { stackSkipReason, startTestStack, stopTestStack, type OvnStack } from '../helpers/ovn-stack.ts';

const skip = stackSkipReason();

/**
 * The sandbox on its own, without muon: a two-chassis stack, a switch made
 * with ovn-nbctl, two instances on different chassis that get OVN's DHCP
 * answer and ping across the Geneve tunnel; stop() leaves nothing behind.
 */
describe('sandbox OVN stack', { skip, timeout: 180_000 }, () => {
  let stack: OvnStack;
  let failed = false;
  const instances: Instance[] = [];

  before(async () => { stack = await startTestStack('s', ['hv1', 'hv2']); });
  after(async () => {
    const prefix = stack?.manifest.prefix;
    await stopTestStack(stack, { keepLogs: failed });
    if (prefix) assert.deepEqual(listNetns(prefix), [], 'every namespace of the stack is gone');
  });

  test('both chassis registered, with Geneve encaps on their own underlay addresses', () => {
    const encaps = stack.sbctl('--bare', '--columns=ip', 'list', 'encap').split('\n').filter(Boolean).sort();
    assert.deepEqual(encaps, ['10.254.0.1', '10.254.0.2']);
    assert.equal(stack.sbctl('--bare', '--columns=name', 'find', 'chassis', 'external_ids:ovn-cms-options=enable-chassis-as-gw')
      || stack.sbctl('--bare', '--columns=name', 'find', 'chassis', 'other_config:ovn-cms-options=enable-chassis-as-gw'), 'hv1', 'the first chassis may host gateways');
  });

  test('instances on two chassis get OVN DHCP leases with the MTU and ping each other', async () => {
    failed = true;
    const cidr = '10.71.0.0/24';
    stack.nbctl('ls-add', 'sw0', '--', 'lsp-add', 'sw0', 'p1', '--', 'lsp-set-addresses', 'p1', 'fa:16:3e:71:00:01 10.71.0.11',
      '--', 'lsp-add', 'sw0', 'p2', '--', 'lsp-set-addresses', 'p2', 'fa:16:3e:71:00:02 10.71.0.12');
    const dhcp = stack.nbctl('create', 'DHCP_Options', `cidr=${cidr}`,
      'options="lease_time"="3600" "router"="10.71.0.1" "server_id"="10.71.0.1" "server_mac"="fa:16:3e:71:ff:ff" "mtu"="1400"');
    stack.nbctl('lsp-set-dhcpv4-options', 'p1', dhcp, '--', 'lsp-set-dhcpv4-options', 'p2', dhcp);
    instances.push(await plugInstance(stack, { name: 'a', chassis: 'hv1', portId: 'p1', macAddress: 'fa:16:3e:71:00:01' }));
    instances.push(await plugInstance(stack, { name: 'b', chassis: 'hv2', portId: 'p2', macAddress: 'fa:16:3e:71:00:02' }));
    const boundTo = (port: string) => stack.sbctl('--bare', '--columns=chassis', 'find', 'port_binding', `logical_port=${port}`);
    await waitFor('both ports bound', () => boundTo('p1') !== '' && boundTo('p2') !== '');
    stack.nbctl('--timeout=30', '--wait=hv', 'sync');
    const [a, b] = instances as [Instance, Instance];
    const leaseA = await acquireLease(a, stack.dir);
    const leaseB = await acquireLease(b, stack.dir);
    assert.deepEqual([leaseA.ip, leaseA.prefixLength, leaseA.mtu, leaseA.router], ['10.71.0.11', 24, 1400, '10.71.0.1']);
    assert.equal(leaseB.ip, '10.71.0.12');
    assert.match(execInInstance(a, 'ip', ['link', 'show', 'eth0']).stdout, /mtu 1400/);
    const ping = execInInstance(a, 'ping', ['-c', '2', '-W', '2', '10.71.0.12']);
    assert.equal(ping.status, 0, ping.stdout + ping.stderr);
    failed = false;
  });

  test('an unplugged instance is gone and its peer no longer answers', async () => {
    const [a, b] = instances as [Instance, Instance];
    await unplugInstance(stack, b);
    assert.equal(listNetns(b.netns).length, 0);
    assert.equal(stack.vsctl('hv2', 'list-ports', 'br-int').includes(b.tap), false);
    assert.notEqual(execInInstance(a, 'ping', ['-c', '1', '-W', '1', '10.71.0.12']).status, 0);
  });
});
