#!/usr/bin/env bash
# Container check: lints the Dockerfile, validates docker-compose.yml, builds the image with podman and proves
# that a container of it runs as a non-root user, answers /health, keeps its SQLite data and key file in the
# /data volume when the container is replaced, and stops cleanly and quickly on SIGTERM. Prints PASS/FAIL
# lines and exits non-zero on the first failure. Needs root (apt-get, podman); see docs/deployment.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$repo/../shared" 2>/dev/null && pwd || echo /work/shared)
[ -f "$shared/container/make-node-base.sh" ] || shared=/work/shared
export CONTAINERS_CONF="$shared/container/containers.conf"

base_image=docker.io/library/node:20-bookworm-slim
build_base=localhost/agentry-ci-node:20-bookworm-slim
image=localhost/agentry:ci
run_id="agentry-ci-$$"
volume="$run_id-data"
api_key="ci-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
started=$SECONDS
work=$(mktemp -d)

step() { step_started=$SECONDS; printf '\n== %s\n' "$1"; }
pass() { printf 'PASS %s (%ss)\n' "$1" "$((SECONDS - step_started))"; }
fail() {
  printf 'FAIL %s\n' "$1"
  for name in "$run_id-1" "$run_id-2"; do
    podman container exists "$name" 2>/dev/null && { echo "--- logs of $name"; podman logs "$name" 2>&1 | tail -30; }
  done
  exit 1
}
cleanup() {
  podman rm -f -t 0 "$run_id-1" "$run_id-2" >/dev/null 2>&1 || true
  podman volume rm -f "$volume" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# Starts a container of the image on the test volume with a random loopback port; prints its base URL.
# (No healthcheck timer: podman schedules those with systemd, absent here; the check runs it by hand.)
start_container() {
  podman run -d --name "$1" --health-interval=disable -p 127.0.0.1::8080 -v "$volume:/data" -e AGENTRY_API_KEY="$api_key" "$image" \
    >"$work/run.log" 2>&1 || { cat "$work/run.log" >&2; return 1; }
  podman port "$1" 8080 | head -n1 | sed 's|^|http://|'
}
# Waits (at most 30 s) until $2/health answers 200; gives up at once if container $1 has exited.
wait_healthy() {
  for _ in $(seq 1 60); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$2/health")" = 200 ] && return 0
    [ "$(podman inspect -f '{{.State.Running}}' "$1")" = true ] || return 1
    sleep 0.5
  done
  return 1
}
# Sends SIGTERM (podman stop, SIGKILL after 10 s) and checks the exit code is 0 within 5 s.
stop_cleanly() {
  local begin=$SECONDS code
  podman stop -t 10 "$1" >/dev/null 2>"$work/stop.log" || { cat "$work/stop.log"; return 1; }
  code=$(podman inspect -f '{{.State.ExitCode}}' "$1")
  echo "stopped in $((SECONDS - begin))s with exit code $code"
  [ "$code" = 0 ] && [ $((SECONDS - begin)) -le 5 ]
}

step "Tools"
need=()
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
pass "tools ready"

step "Lint Dockerfile (dockerfile-utils: hadolint is in neither Debian nor npm without a GitHub download)"
cd "$repo"
lint=$(npx --yes dockerfile-utils@0.16.3 lint Dockerfile 2>&1) || { echo "$lint"; fail "Dockerfile lint"; }
[ -z "$lint" ] || { echo "$lint"; fail "Dockerfile lint warnings"; }
# Rules dockerfile-utils does not know (hadolint DL3002, DL3009, DL3015, DL3020 and no secrets in the image).
grep -qE '^ADD ' Dockerfile && fail "Dockerfile uses ADD (use COPY)"
[ "$(grep -E '^USER ' Dockerfile | tail -n1)" = "USER agentry" ] || fail "Dockerfile: last USER must be agentry"
grep -E 'apt-get install' Dockerfile | grep -vq -- '--no-install-recommends' && fail "apt-get install without --no-install-recommends"
grep -q 'rm -rf /var/lib/apt/lists' Dockerfile || fail "apt lists not removed"
grep -Eq '^(ENV|ARG).*AGENTRY_(API|SECRET)_KEY' Dockerfile && fail "a key is set in the Dockerfile"
pass "Dockerfile lint"

step "Validate docker-compose.yml"
AGENTRY_API_KEY=ci docker-compose -f docker-compose.yml config -q || fail "docker-compose.yml (default)"
AGENTRY_API_KEY=ci AGENTRY_MODEL=llama3.2:1b docker-compose -f docker-compose.yml --profile postgres config -q \
  || fail "docker-compose.yml (postgres profile)"
if docker-compose -f docker-compose.yml config -q 2>/dev/null; then fail "compose starts without AGENTRY_API_KEY"; fi
pass "docker-compose.yml valid"

step "Base image ($base_image stand-in, plus Node's C headers for node-gyp)"
bash "$shared/container/make-node-base.sh"
# The official image ships Node's headers in /usr/local/include/node; the stand-in may not. Add this
# machine's headers (the stand-in's Node is this machine's Node) in a separate tag.
if podman run --rm "$base_image" test -f /usr/local/include/node/node.h; then
  build_base=$base_image
elif ! podman image exists "$build_base"; then
  headers="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")/include/node"
  [ -f "$headers/node.h" ] || fail "no Node headers at $headers"
  cp -r "$headers" "$work/node"
  printf 'FROM %s\nCOPY node /usr/local/include/node\n' "$base_image" >"$work/Containerfile"
  podman build --pull=never -q -t "$build_base" -f "$work/Containerfile" "$work" >/dev/null
fi
pass "base image $build_base"

step "Build image"
podman build --pull=never --format docker --build-arg NODE_IMAGE="$build_base" -t "$image" . \
  >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "podman build"; }
pass "image built"

step "Image contents"
config=$(podman image inspect -f '{{.Config.User}} {{.Config.Env}} {{.Config.ExposedPorts}} {{.Config.Volumes}}' "$image")
echo "$config" | grep -q '^agentry ' || fail "image user is not agentry: $config"
echo "$config" | grep -Eq 'AGENTRY_(API|SECRET)_KEY' && fail "a key is baked into the image"
echo "$config" | grep -q '8080/tcp' || fail "port 8080 not exposed"
echo "$config" | grep -q '/data' || fail "/data is not a volume"
tools=$(podman run --rm --entrypoint sh "$image" -c 'command -v g++ gcc make python3 || true' 2>/dev/null)
[ -z "$tools" ] || fail "build tools in the runtime image: $tools"
podman image inspect -f '{{.Size}}' "$image" | awk '{printf "image size %.0f MB\n", $1/1e6}'
pass "non-root user, no keys, no compilers, 8080 exposed, /data volume"

step "Start"
podman volume create "$volume" >/dev/null
url=$(start_container "$run_id-1") || fail "podman run"
wait_healthy "$run_id-1" "$url" || fail "/health did not answer 200 within 30 s (or the container exited)"
pass "/health answers 200 at $url"

step "Non-root"
uid=$(podman exec "$run_id-1" id -u)
podman top "$run_id-1" user pid comm
[ "$uid" != 0 ] || fail "podman exec id -u is 0"
podman top "$run_id-1" user | tail -n +2 | grep -qvx agentry && fail "a process runs as another user than agentry"
pass "every process runs as agentry (uid $uid)"

step "HEALTHCHECK"
podman healthcheck run "$run_id-1" 2>/dev/null || fail "the image's HEALTHCHECK command failed"
pass "HEALTHCHECK passes"

step "Write data"
marker="ci-model-$$"
status=$(curl -s -o "$work/patch.json" -w '%{http_code}' -X PATCH "$url/api/v1/config" \
  -H "Authorization: Bearer $api_key" -H 'Content-Type: application/merge-patch+json' \
  -d "{\"ollama\":{\"model\":\"$marker\"}}")
[ "$status" = 200 ] || { cat "$work/patch.json"; fail "PATCH /api/v1/config answered $status"; }
status=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/config")
[ "$status" = 401 ] || fail "GET /api/v1/config without a key answered $status, not 401"
podman exec "$run_id-1" ls -l /data
podman exec "$run_id-1" test -f /data/agentry.db || fail "no /data/agentry.db"
podman exec "$run_id-1" test -f /data/secret.key || fail "no /data/secret.key"
pass "setting stored, database and key file in /data, API refuses requests without the key"

step "SIGTERM"
stop_cleanly "$run_id-1" || fail "did not exit 0 within 5 s of SIGTERM"
podman logs "$run_id-1" 2>&1 | grep -q 'Shutting down' || fail "no shutdown log line"
pass "exits 0 on SIGTERM"

step "Data survives a new container on the same volume"
podman rm "$run_id-1" >/dev/null 2>&1 || fail "podman rm"
url=$(start_container "$run_id-2") || fail "podman run (second container)"
wait_healthy "$run_id-2" "$url" || fail "second container: /health did not answer 200 within 30 s"
model=$(curl -s "$url/api/v1/config" -H "Authorization: Bearer $api_key" \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).ollama.model))')
[ "$model" = "$marker" ] || fail "setting lost: ollama.model is '$model', expected '$marker'"
# The online backup documented in docs/deployment.md, taken while the server runs.
backup_js=$(sed -n '/<!-- backup-command -->/,/^```$/p' docs/deployment.md \
  | sed -n 's/^docker compose exec agentry node -e "\(.*\)"$/\1/p')
[ -n "$backup_js" ] || fail "no backup command found after <!-- backup-command --> in docs/deployment.md"
podman exec "$run_id-2" node -e "$backup_js" || fail "online backup command of docs/deployment.md"
check=$(podman exec "$run_id-2" node -e "const d=require('better-sqlite3')('/data/backup.db',{readonly:true});console.log(d.pragma('integrity_check',{simple:true}),d.prepare('select count(*) n from settings').get().n)")
[ "$check" = "ok 1" ] || fail "backup: integrity check / settings row count gave '$check'"
stop_cleanly "$run_id-2" || fail "second container did not exit 0 within 5 s of SIGTERM"
pass "setting and secret key kept in the volume; online backup is consistent"

step "CLI in the image"
podman run --rm -v "$volume:/data" "$image" migrate 2>&1 | grep -q 'up to date' || fail "agentry migrate"
pass "agentry migrate runs against the volume"

printf '\nPASS container check (%ss)\n' "$((SECONDS - started))"
