# The web app as it ships: `vite build` (web/dist) served by web/server (express + helmet) on one origin, with
# /api/<service> proxied to the services and identity. Build from the repository root:
#
#   docker build -f deploy/web.Dockerfile -t fieldtotable/web:dev .
#
# Same stages as deploy/Dockerfile: dependencies from the lockfile, a build with the dev dependencies (vite, esbuild),
# then a runtime with the production dependencies only, as non-root, read-only files.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
ARG PNPM_VERSION=12.4.2
ENV CI=true
RUN npm install -g "pnpm@${PNPM_VERSION}" && npm cache clean --force
WORKDIR /app

FROM base AS deps
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch --store-dir /pnpm/store

FROM deps AS build
# A Stripe publishable key is public by design; without one checkout uses the simulated provider.
ARG STRIPE_PUBLISHABLE_KEY=""
ARG VITE_MAP_TILE_URL=""
COPY . .
RUN pnpm install --frozen-lockfile --offline --store-dir /pnpm/store \
 && pnpm build \
 && STRIPE_PUBLISHABLE_KEY="${STRIPE_PUBLISHABLE_KEY}" VITE_MAP_TILE_URL="${VITE_MAP_TILE_URL}" pnpm --filter @ftt/web build

FROM build AS prod
RUN find . -name node_modules -prune -exec rm -rf {} + \
 && pnpm install --prod --frozen-lockfile --offline --store-dir /pnpm/store \
 && rm -rf .local test-results coverage

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY --from=prod --chown=root:root /app /app
RUN test -f /app/web/server/dist/main.mjs && test -f /app/web/dist/index.html
USER 1000:1000
LABEL org.opencontainers.image.title="fieldtotable-web" \
      org.opencontainers.image.source="https://example.invalid/fieldtotable"
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "web/server/dist/main.mjs"]
