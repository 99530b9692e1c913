# Agentry REST API server. Build:  docker build -t agentry .
# Run:    docker run -d -p 8080:8080 -v agentry-data:/data -e AGENTRY_API_KEY=... agentry
# See docs/deployment.md. No secret is baked in: give AGENTRY_API_KEY (and AGENTRY_SECRET_KEY, if you keep
# the key outside the data volume) when the container starts.

# The base image: the newest Node LTS the test suite passes on (CI runs it on Node 20 and 24). Any Node 20 or 24
# Debian image that ships Node's C headers in /usr/local/include/node works.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- deps: every dependency the build needs, including compilers for the better-sqlite3 native addon ----
FROM ${NODE_IMAGE} AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# node-gyp compiles against the headers that come with the base image's Node instead of downloading them.
ENV npm_config_nodedir=/usr/local \
    JOBS=max \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false \
    TURBO_TELEMETRY_DISABLED=1
# Manifests and the lockfile first: this layer and the install below are rebuilt only when they change.
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/plugin-http/package.json packages/plugin-http/
COPY packages/plugin-email-sender/package.json packages/plugin-email-sender/
COPY packages/plugin-email-reader/package.json packages/plugin-email-reader/
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
RUN npm ci --include-workspace-root \
      --workspace @agentry/core \
      --workspace @agentry/web \
      --workspace @agentry/plugin-http \
      --workspace @agentry/plugin-email-sender \
      --workspace @agentry/plugin-email-reader \
      --workspace @agentry/server

# ---- prod-deps: the same tree without dev dependencies (the compiled addon is kept, not rebuilt) ----
FROM deps AS prod-deps
# better-sqlite3 needs only its compiled .node file at run time, not the SQLite sources and object files.
RUN npm prune --omit=dev \
 && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
 && find node_modules/better-sqlite3/build -type f ! -name better_sqlite3.node -delete \
 && find node_modules/better-sqlite3/build -type d -empty -delete

# ---- build: compile the server and the workspaces it depends on ----
FROM deps AS build
COPY tsconfig.base.json turbo.json ./
COPY packages/core/ packages/core/
COPY packages/plugin-http/ packages/plugin-http/
COPY packages/plugin-email-sender/ packages/plugin-email-sender/
COPY packages/plugin-email-reader/ packages/plugin-email-reader/
COPY packages/server/ packages/server/
COPY packages/web/ packages/web/
RUN npx turbo run build --filter=@agentry/server... --output-logs=errors-only

# ---- runtime: production dependencies, built code, no compilers, not root ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    AGENTRY_HOST=0.0.0.0 \
    AGENTRY_PORT=8080 \
    AGENTRY_DATA_DIR=/data \
    AGENTRY_DATABASE=/data/agentry.db
RUN groupadd --system --gid 10001 agentry \
 && useradd --system --uid 10001 --gid agentry --home-dir /app --no-create-home --shell /usr/sbin/nologin agentry \
 && mkdir /data \
 && chown agentry:agentry /data
# tini is PID 1: it forwards SIGTERM/SIGINT to Node (which then closes the server and the database) and
# reaps zombies. The static build needs no library from the build stage.
COPY --from=deps /usr/bin/tini-static /usr/local/bin/tini
WORKDIR /app
# Code stays owned by root (read-only for the server); only /data is writable.
COPY --from=prod-deps /app ./
COPY --from=build /app/packages/core/dist packages/core/dist
COPY --from=build /app/packages/plugin-http/dist packages/plugin-http/dist
COPY --from=build /app/packages/plugin-email-sender/dist packages/plugin-email-sender/dist
COPY --from=build /app/packages/plugin-email-reader/dist packages/plugin-email-reader/dist
COPY --from=build /app/packages/server/dist packages/server/dist
# The web console's static files, served at / (the package itself holds nothing else at run time).
COPY --from=build /app/packages/web/dist packages/web/dist
RUN ln -s /app/packages/server/dist/cli.js /usr/local/bin/agentry
USER agentry
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.AGENTRY_PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/local/bin/tini", "--", "node", "/app/packages/server/dist/cli.js"]
CMD ["serve"]
