#!/bin/bash
# Runs ../shared/tools/tempest (Tempest's network API tests with dynamic credentials) against a
# fresh muon with its embedded identity: a temporary SQLite database, a free loopback port, the
# bootstrap admin. The server is stopped by its PID afterwards.
#
#   conformance/run-tempest.sh [OUTDIR]     (SUITES, CONCURRENCY, EXTRA_REGEX … pass through)
#
# Needs Debian's tempest and neutron-tempest-plugin packages.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
RUNNER="$REPO/../shared/tools/tempest/tempest.sh"
[ -f "$RUNNER" ] || { echo "tempest runner not found at $RUNNER" >&2; exit 2; }
command -v tempest >/dev/null || { echo "tempest is not installed: apt-get install -y tempest neutron-tempest-plugin" >&2; exit 2; }
OUT="${1:-$REPO/conformance/results/run-$(date +%Y%m%d-%H%M%S)}"
WORK="$(mktemp -d /tmp/muon-tempest.XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
PASSWORD="tempest-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')"

# A VLAN range on physical network "public" too: the plugin's provider_vlans (tempest.sh's default "public")
# makes VLAN provider networks there with an allocated segmentation id (test_trunk's inherit tests), as
# devstack's ML2 configuration allows.
VLAN_RANGES="${MUON_NETWORK_VLAN_RANGES:-physnet1:100:200,public:100:200}"
(cd "$REPO" && MUON_ADMIN_PASSWORD="$PASSWORD" MUON_NETWORK_VLAN_RANGES="$VLAN_RANGES" exec node --max-semi-space-size=64 --import tsx src/cli/main.ts serve \
   --listen "127.0.0.1:$PORT" --database-url "sqlite:$WORK/muon.db") >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 600); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break; sleep 0.2; done

# The external network Tempest's router-gateway and floating IP tests use (devstack's "public").
PUBLIC_NETWORK_ID="$(/usr/bin/python3 - "$PORT" "$PASSWORD" <<'PY'
import json, sys, urllib.request
port, password = sys.argv[1:]
base = f"http://127.0.0.1:{port}"
def call(method, path, body, token=None):
    headers = {"Content-Type": "application/json", **({"X-Auth-Token": token} if token else {})}
    request = urllib.request.Request(base + path, json.dumps(body).encode(), headers, method=method)
    with urllib.request.urlopen(request) as answer:
        return answer.headers, json.load(answer)
auth = {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "password": password, "domain": {"name": "Default"}}}},
                 "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}
headers, _ = call("POST", "/identity/v3/auth/tokens", auth)
token = headers["X-Subject-Token"]
_, net = call("POST", "/v2.0/networks", {"network": {"name": "public", "router:external": True}}, token)
call("POST", "/v2.0/subnets", {"subnet": {"network_id": net["network"]["id"], "name": "public-subnet", "ip_version": 4,
                                           "cidr": "172.24.4.0/24", "gateway_ip": "172.24.4.1", "enable_dhcp": False}}, token)
print(net["network"]["id"])
PY
)"

cat > "$WORK/endpoint.conf" <<CONF
AUTH_URL=http://127.0.0.1:$PORT/identity/v3
ADMIN_USERNAME=admin
ADMIN_PASSWORD=$PASSWORD
ADMIN_PROJECT_NAME=admin
ADMIN_DOMAIN_NAME=Default
REGION=RegionOne
PUBLIC_NETWORK_ID=$PUBLIC_NETWORK_ID
SUITES="${SUITES:-tempest.api.network}"
CONCURRENCY=${CONCURRENCY:-2}
CONF
bash "$RUNNER" "$WORK/endpoint.conf" "$OUT"
