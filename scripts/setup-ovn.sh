#!/usr/bin/env bash
# Installs what muon's OVN backend and its tests need: Debian's OVN and Open vSwitch
# (ovsdb-server, ovsdb-tool, ovn-northd, ovn-controller, ovs-vswitchd, the schemas under
# /usr/share/ovn and /usr/share/openvswitch). Idempotent; needs root (apt-get).
# Starts no service: tests run their own ovsdb-server on private Unix sockets.
set -euo pipefail
if command -v ovsdb-server >/dev/null 2>&1 && command -v ovn-northd >/dev/null 2>&1 && [ -f /usr/share/ovn/ovn-nb.ovsschema ]; then
  echo "OVN and Open vSwitch are installed ($(ovsdb-server --version | head -n1))"
  exit 0
fi
echo "installing ovn-central ovn-host openvswitch-switch"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ovn-central ovn-host openvswitch-switch >/dev/null
echo "installed $(ovsdb-server --version | head -n1)"
