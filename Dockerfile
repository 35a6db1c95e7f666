# syntax=docker/dockerfile:1
# Vigil: build with the dev dependencies, run on node:20 slim with the production dependencies only.
#   docker build -t vigil .
#   docker run -p 3000:3000 -v vigil-data:/data -e ADMIN_TOKEN=... [-e DATABASE_URL=postgres://...] vigil
#   docker run -e DATABASE_URL=postgres://... -e METRICS_PORT=9464 -e METRICS_TOKEN=... vigil node dist/server.js worker
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY drizzle ./drizzle
# The embedded database (PGlite, when DATABASE_URL is unset) lives in /data: mount a volume there.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# No curl in the slim image: node's own http client does the check (src/healthcheck.ts). It asks the server on PORT; a
# worker (`node dist/server.js worker`) serves /healthz only on METRICS_PORT, where the check asks when nothing
# listens on PORT: set METRICS_PORT on worker containers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "dist/healthcheck.js"]
CMD ["node", "dist/server.js"]
