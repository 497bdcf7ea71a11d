#!/usr/bin/env bash
# Installs what muon's OVN backend, the sandbox (`muon ovn start`, `muon sandbox`) and their tests
# need: Debian's OVN and Open vSwitch (ovsdb-server, ovsdb-tool, ovn-northd, ovn-controller,
# ovs-vswitchd, the schemas under /usr/share/ovn and /usr/share/openvswitch), and for sandbox
# instances busybox (udhcpc), ethtool, ping, curl and tcpdump (the trunk test reads VLAN tags with it). Idempotent; needs root (apt-get).
# Starts no service: tests and `muon ovn start` run their own daemons on private Unix sockets.
set -euo pipefail
PACKAGES="ovn-central ovn-host openvswitch-switch busybox ethtool iputils-ping curl tcpdump"
have() { for b in ovsdb-server ovn-northd ovn-controller ovs-vswitchd busybox ethtool ping curl tcpdump; do command -v $b >/dev/null 2>&1 || return 1; done; }
if have && [ -f /usr/share/ovn/ovn-nb.ovsschema ]; then
  echo "OVN and Open vSwitch are installed ($(ovsdb-server --version | head -n1))"
  exit 0
fi
echo "installing $PACKAGES"
apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null
echo "installed $(ovsdb-server --version | head -n1)"
