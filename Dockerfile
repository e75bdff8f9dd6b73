# syntax=docker/dockerfile:1
# territory-worker: build stage compiles TypeScript, runtime stage holds only JS and production deps.
# Not built on the development machine (no Docker engine there); see README "Deployment".

# Node 24 is the active LTS (Node 20 reached end of life in April 2026); the suite also passes on
# Node 20 and 24 (BENCHMARKS.md / README "Deployment").
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts are skipped here because `prepare` (the build) needs the sources copied below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY schemas ./schemas
COPY src ./src
COPY jobs ./jobs
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-slim AS runtime
ENV NODE_ENV=production \
    REGIONS_DIR=/data/regions \
    OUT_DIR=/data/out \
    API_HOST=0.0.0.0 \
    API_PORT=8080 \
    METRICS_HOST=0.0.0.0 \
    METRICS_PORT=9464
WORKDIR /app
# Application files stay owned by root (read-only for the service user); only /data/out is writable.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY schemas ./schemas
RUN mkdir -p /data/regions /data/out && chown node:node /data/out
USER node
VOLUME ["/data/out"]
EXPOSE 8080 9464
# Worker and scheduler answer GET /healthz on METRICS_PORT (503 once Redis has not answered for a
# minute or the worker stopped); the api role's compose service checks its own /healthz on 8080.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "bin/healthcheck.js"]
ENTRYPOINT ["node", "bin/territory.js"]
# Other roles: `scheduler`, `api`, `serve`, or one-off `plan --region /data/regions/<name>`.
CMD ["worker"]
