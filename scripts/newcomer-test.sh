#!/usr/bin/env bash
# The first ten minutes of a newcomer, scripted: on a fresh clone, the README quick start and the plugin
# quick start, command by command, exactly as documented. Called from .ci/run.
#
# Usage: scripts/newcomer-test.sh [SOURCE_REPOSITORY]   (default: this repository; its committed HEAD is cloned)
# Env:   NEWCOMER_SKIP   space-separated steps to skip: version demo run doctor plugin
#        NEWCOMER_DIR    where to clone (default: a new temporary folder, removed at the end)
#        NEWCOMER_PORT   port of the demo server (default 18080)
set -euo pipefail

source_repository=$(cd "${1:-$(dirname "$0")/..}" && pwd)
work=${NEWCOMER_DIR:-$(mktemp -d /tmp/agentry-newcomer.XXXXXX)}
port=${NEWCOMER_PORT:-18080}
url="http://127.0.0.1:$port"
skip=" ${NEWCOMER_SKIP:-} "
server_pid=""

step() { printf '\n---- newcomer: %s ----\n' "$1"; }
skipped() { [[ "$skip" == *" $1 "* ]] && { printf '\n---- newcomer: %s skipped (NEWCOMER_SKIP) ----\n' "$1"; }; }
fail() { printf 'newcomer test FAILED: %s\n' "$1" >&2; exit 1; }
# The server runs in its own process group (setsid): npx starts node as a child, so killing npx alone would
# leave the server running and holding the port. Stop the whole group, politely first.
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM -- "-$server_pid" 2>/dev/null || true
  for _ in $(seq 1 20); do
    kill -0 -- "-$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL -- "-$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
cleanup() {
  local status=$?
  stop_server
  if [ -z "${NEWCOMER_DIR:-}" ]; then rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT

step "clone $source_repository into $work/agentry"
git clone --quiet "$source_repository" "$work/agentry"
cd "$work/agentry"

step "npm ci"
npm ci --no-audit --no-fund

if ! skipped version; then
  step "npx agentry --version"
  version=$(npx --no-install agentry --version)
  expected=$(node -p "require('./packages/server/package.json').version")
  [ "$version" = "$expected" ] || fail "npx agentry --version printed '$version', expected $expected"
  echo "$version"
fi

start_server() {
  AGENTRY_PORT=$port AGENTRY_TOOLS_DIR="$work/agentry/tools" setsid npx --no-install agentry serve --demo \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS "$url/ready" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "agentry serve --demo exited"; }
    sleep 1
  done
  cat "$work/server.log" >&2
  fail "agentry serve --demo was not ready at $url/ready within 120 s"
}

if ! skipped demo; then
  step "agentry serve --demo (background, wait for /ready)"
  start_server
  curl -fsS "$url/ready"; echo

  if ! skipped run; then
    step 'agentry agents run demo-assistant "…" --follow'
    output=$(AGENTRY_URL=$url npx --no-install agentry agents run demo-assistant \
      "What time is it in Tokyo?" --follow 2>&1) || { echo "$output"; fail "agents run --follow failed"; }
    echo "$output"
    grep -qi "tool" <<<"$output" || fail "the followed run showed no tool call"
  fi
fi

if ! skipped doctor; then
  step "agentry doctor"
  AGENTRY_URL=$url npx --no-install agentry doctor
fi

if ! skipped plugin; then
  step "npm run create-tool -- word_count, then install, test, build"
  npm run create-tool -- word_count --yes --dir "$work/agentry-plugin-word-count"
  (cd "$work/agentry-plugin-word-count" && npm install --no-audit --no-fund && npm test && npm run build)

  step "load the plugin from the tools directory"
  mkdir -p "$work/agentry/tools/agentry-plugin-word-count"
  cp -r "$work/agentry-plugin-word-count/package.json" "$work/agentry-plugin-word-count/dist" \
    "$work/agentry/tools/agentry-plugin-word-count/"
  if [ -z "$server_pid" ]; then
    AGENTRY_PORT=$port AGENTRY_TOOLS_DIR="$work/agentry/tools" setsid npx --no-install agentry serve \
      >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 120); do curl -fsS "$url/health" >/dev/null 2>&1 && break; sleep 1; done
  else
    curl -fsS -X POST "$url/api/v1/tools/rescan" >/dev/null
  fi
  plugins=$(curl -fsS "$url/api/v1/plugins")
  echo "$plugins" | jq '[.items[] | {name, status}]'
  status=$(echo "$plugins" | jq -r '.items[] | select(.name == "agentry-plugin-word-count") | .status')
  [ "$status" = "loaded" ] || fail "agentry-plugin-word-count is '${status:-absent}' in GET /api/v1/plugins, expected loaded"
fi

printf '\nnewcomer test passed\n'
