/**
 * What drivers see of muon, and what muon sees of drivers (interfaces only).
 * Core implements `DesiredState` (core/driver-state.ts); drivers implement
 * `Driver`. A driver never reaches into core or the store beyond these.
 */

/** A network as the API shows it to an administrator (the attributes drivers use). */
export interface NetworkView {
  readonly id: string;
  readonly name: string;
  readonly project_id: string;
  readonly mtu: number;
  readonly admin_state_up: boolean;
  readonly revision_number: number;
  readonly availability_zone_hints?: readonly string[];
  /** DNS records (ovn dns-model.ts): the network's domain. */
  readonly dns_domain?: string | null;
  readonly 'provider:network_type'?: string | null;
  readonly 'provider:physical_network'?: string | null;
  readonly 'provider:segmentation_id'?: number | null;
  readonly 'router:external'?: boolean;
  /** QoS: the policy of the network's ports that have none of their own. */
  readonly qos_policy_id?: string | null;
}

export interface SubnetView {
  readonly id: string;
  readonly network_id: string;
  readonly cidr: string;
  readonly ip_version: number;
  readonly enable_dhcp: boolean;
  readonly gateway_ip: string | null;
  readonly revision_number: number;
  // DHCP (the OVN driver's DHCP_Options)
  readonly dns_nameservers?: readonly string[];
  readonly host_routes?: ReadonlyArray<{ readonly destination: string; readonly nexthop: string }>;
  readonly ipv6_address_mode?: string | null;
}

export interface PortView {
  readonly id: string;
  readonly name: string;
  readonly network_id: string;
  readonly project_id: string;
  readonly mac_address: string;
  readonly fixed_ips: ReadonlyArray<{ readonly subnet_id: string; readonly ip_address: string }>;
  readonly allowed_address_pairs?: ReadonlyArray<{ readonly ip_address: string; readonly mac_address: string }>;
  readonly port_security_enabled?: boolean;
  readonly security_groups?: readonly string[];
  readonly device_id: string;
  readonly device_owner: string;
  readonly admin_state_up: boolean;
  readonly 'binding:host_id'?: string;
  /** The active binding's profile: `migrating_to` names a live migration's destination host. */
  readonly 'binding:profile'?: Readonly<Record<string, unknown>>;
  readonly 'binding:vif_type'?: string;
  /** DNS records (ovn dns-model.ts): the port's name and its names per address, as the API shows them. */
  readonly dns_name?: string | null;
  readonly dns_assignment?: ReadonlyArray<{ readonly hostname: string; readonly ip_address: string; readonly fqdn: string }>;
  readonly revision_number: number;
  // DHCP (the OVN driver's per-port DHCP_Options)
  readonly extra_dhcp_opts?: ReadonlyArray<{ readonly opt_name: string; readonly opt_value: string | null; readonly ip_version?: number }>;
  /** QoS: the port's own policy (it overrides its network's). */
  readonly qos_policy_id?: string | null;
}

// --- Segments and security groups (the OVN driver's localnet ports, port groups and ACLs) ---

/** A network segment (the segments extension; flat and VLAN ones meet a physical network). */
export interface SegmentView {
  readonly id: string;
  readonly network_id: string;
  readonly network_type: string;
  readonly physical_network: string | null;
  readonly segmentation_id: number | null;
}

export interface SecurityGroupView {
  readonly id: string;
  readonly name: string;
  readonly project_id: string;
  readonly stateful?: boolean;
  readonly revision_number: number;
}

/** An address group (remote_address_group_id of rules): its CIDRs, both families. */
export interface AddressGroupView {
  readonly id: string;
  readonly name: string;
  readonly addresses: readonly string[];
  readonly revision_number: number;
}

export interface SecurityGroupRuleView {
  readonly id: string;
  readonly security_group_id: string;
  readonly direction: 'ingress' | 'egress';
  readonly ethertype: 'IPv4' | 'IPv6';
  readonly protocol: string | null;
  readonly port_range_min: number | null;
  readonly port_range_max: number | null;
  readonly remote_ip_prefix: string | null;
  readonly normalized_cidr?: string | null;
  readonly remote_group_id: string | null;
  readonly remote_address_group_id?: string | null;
  readonly revision_number: number;
}

/** One change-log entry (the change feed's item). */
export interface ChangeView {
  readonly revision: number;
  readonly resource_type: string;
  readonly resource_id: string;
  readonly action: string;
}


/** An IP block routed to a port (muon's ip-blocks extension): the block's prefix reaches the port. */
export interface IpBlockView {
  readonly id: string;
  readonly cidr: string;
  readonly port_id: string;
}

/* --- Routing (L3) views: routers, floating IPs, port forwardings, trunks --- */

/** A router as an administrator sees it (external_gateway_info, routes, flags). */
export interface RouterView {
  readonly id: string;
  readonly name: string;
  readonly project_id: string;
  readonly admin_state_up: boolean;
  readonly revision_number: number;
  readonly external_gateway_info: {
    readonly network_id: string;
    readonly enable_snat?: boolean;
    readonly external_fixed_ips?: ReadonlyArray<{ readonly subnet_id: string; readonly ip_address: string }>;
    /** qos-gateway-ip: the policy of the gateway's traffic. */
    readonly qos_policy_id?: string | null;
  } | null;
  readonly routes?: ReadonlyArray<{ readonly destination: string; readonly nexthop: string }>;
  readonly distributed?: boolean | null;
  readonly availability_zone_hints?: readonly string[];
}

export interface FloatingIpView {
  readonly id: string;
  readonly project_id: string;
  readonly floating_ip_address: string;
  readonly floating_network_id: string;
  readonly router_id: string | null;
  readonly port_id: string | null;
  readonly fixed_ip_address: string | null;
  readonly revision_number: number;
  /** The `network:floatingip` port holding the address (its MAC is the NAT's external MAC). */
  readonly floating_port_id?: string;
  /** qos-fip: the policy of the floating IP's traffic. */
  readonly qos_policy_id?: string | null;
}

export interface PortForwardingView {
  readonly id: string;
  readonly floatingip_id: string;
  readonly protocol: string;
  readonly internal_port_id: string;
  readonly internal_ip_address: string;
  readonly internal_port: number | null;
  readonly external_port: number | null;
  /** "N:M" (or "N" for a single port). */
  readonly internal_port_range: string | null;
  readonly external_port_range: string | null;
  readonly revision_number: number;
}

export interface TrunkView {
  readonly id: string;
  readonly port_id: string;
  readonly admin_state_up: boolean;
  readonly sub_ports: ReadonlyArray<{ readonly port_id: string; readonly segmentation_type: string; readonly segmentation_id: number }>;
}

/** What routing back ends read besides networks and ports (part of `DesiredState`). */
export interface RoutingState {
  routers(): Promise<RouterView[]>;
  router(id: string): Promise<RouterView | undefined>;
  /** The ports a router owns (interfaces and gateway: device_id = the router). */
  routerPorts(routerId: string): Promise<PortView[]>;
  /** All floating IPs, or those on one router. */
  floatingIps(routerId?: string): Promise<FloatingIpView[]>;
  floatingIp(id: string): Promise<FloatingIpView | undefined>;
  /** All port forwardings, or those of one floating IP. */
  portForwardings(floatingipId?: string): Promise<PortForwardingView[]>;
  portForwarding(id: string): Promise<PortForwardingView | undefined>;
  trunks(): Promise<TrunkView[]>;
  /** QoS: the bandwidth limit and DSCP marking rules of a policy (none when it is gone). */
  qosRules(policyId: string): Promise<QosRuleView[]>;
  /** QoS: the networks whose switch a policy's rows go to (its ports', and the external networks of its floating IPs and router gateways). */
  networksUsingQosPolicy(policyId: string): Promise<string[]>;
}

/** A QoS rule OVN can enforce (bandwidth limit, DSCP marking). */
export interface QosRuleView {
  readonly id: string;
  readonly type: 'bandwidth_limit' | 'dscp_marking';
  readonly qos_policy_id: string;
  /** egress (from the port) or ingress; DSCP marking is egress only. */
  readonly direction?: 'egress' | 'ingress';
  readonly max_kbps?: number;
  readonly max_burst_kbps?: number;
  readonly dscp_mark?: number;
}

/**
 * muon's desired state, read as an administrator, plus the change feed.
 * Every call is a fresh read (no caching): level-based reconcilers call it
 * when they act, so they act on what is true now. Reads may block on the
 * database; none writes.
 */
export interface DesiredState extends RoutingState {
  networks(): Promise<NetworkView[]>;
  network(id: string): Promise<NetworkView | undefined>;
  /** All subnets, or those of one network. */
  subnets(networkId?: string): Promise<SubnetView[]>;
  subnet(id: string): Promise<SubnetView | undefined>;
  /** All ports, or those of one network. */
  ports(networkId?: string): Promise<PortView[]>;
  port(id: string): Promise<PortView | undefined>;
  // --- Segments and security groups ---
  /** All segments, or those of one network. */
  segments(networkId?: string): Promise<SegmentView[]>;
  segment(id: string): Promise<SegmentView | undefined>;
  securityGroups(): Promise<SecurityGroupView[]>;
  securityGroup(id: string): Promise<SecurityGroupView | undefined>;
  /** All rules, or those of one security group. */
  securityGroupRules(securityGroupId?: string): Promise<SecurityGroupRuleView[]>;
  securityGroupRule(id: string): Promise<SecurityGroupRuleView | undefined>;
  addressGroups(): Promise<AddressGroupView[]>;
  addressGroup(id: string): Promise<AddressGroupView | undefined>;
  /** IP blocks routed to ports: all of them, or those routed to these ports. */
  routedIpBlocks(portIds?: readonly string[]): Promise<IpBlockView[]>;
  /** The change feed: changes after `since`, waiting up to `timeoutMs` for one; `revision` is where to continue. */
  changes(since: number, timeoutMs: number, abort?: AbortSignal): Promise<{ changes: ChangeView[]; revision: number }>;
  /** A revision up to which every change has committed: a full resync reads state after it, then follows changes from it. */
  headRevision(): Promise<number>;
}

/** A back end that makes the world match the desired state (OVN, Linux, …). */
export interface Driver {
  /** Connects, resyncs fully, then follows the change feed until `stop`. Resolves once the first resync is done. */
  start(): Promise<void>;
  /** Stops following and closes connections. Idempotent. */
  stop(): Promise<void>;
}

/** A failure worth retrying (a lost connection, a conflicting concurrent write): the key is requeued with backoff. */
export class RetryableError extends Error {}
/** A failure retrying cannot fix (the desired state cannot be expressed): reported, not retried. */
export class TerminalError extends Error {}
