# One Dockerfile for every service: a shared build stage, then one small
# runtime stage per app (compose picks it with `target:`). Builds the same way
# as CI does (npm install, see ../shared/TOOLCHAIN.md; nx build).
FROM node:20-bookworm-slim AS build
WORKDIR /workspace
ENV NX_DAEMON=false NX_NO_CLOUD=true CI=true
COPY package.json package-lock.json ./
# The CLI's link (a file: dependency, for `npx garmin-sync`) must exist before npm install.
COPY apps/cli/package.json apps/cli/package.json
COPY apps/cli/bin apps/cli/bin
RUN npm install --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build -p auth-gateway web sync-worker migrate garmin-sim --outputStyle=static \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
USER node
COPY --from=build --chown=node:node /workspace/node_modules ./node_modules

FROM runtime AS migrate
COPY --from=build --chown=node:node /workspace/dist/tools/migrate ./dist
CMD ["node", "dist/main.js", "up"]

FROM runtime AS auth-gateway
COPY --from=build --chown=node:node /workspace/dist/apps/auth-gateway ./dist
COPY --from=build --chown=node:node /workspace/dist/apps/web ./web
ENV WEB_APP_DIR=web
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]

FROM runtime AS sync-worker
COPY --from=build --chown=node:node /workspace/dist/apps/sync-worker ./dist
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3001/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]

# The local Garmin, for demos and tests of the whole stack in containers (never in production).
FROM runtime AS garmin-sim
ENV NODE_ENV=development HOST=0.0.0.0
COPY --from=build --chown=node:node /workspace/dist/apps/garmin-sim ./dist
EXPOSE 4010
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:4010/__sim/ping').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]
