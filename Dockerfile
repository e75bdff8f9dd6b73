# syntax=docker/dockerfile:1
# territory-worker: build stage compiles TypeScript, runtime stage holds only JS and production deps.
# Not built on the development machine (no Docker engine there); see README "Deployment".

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts are skipped here because `prepare` (the build) needs the sources copied below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY schemas ./schemas
COPY src ./src
COPY jobs ./jobs
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    REGIONS_DIR=/data/regions \
    OUT_DIR=/data/out \
    API_HOST=0.0.0.0 \
    API_PORT=8080
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
EXPOSE 8080
ENTRYPOINT ["node", "bin/territory.js"]
# Other roles: `scheduler`, `api`, `serve`, or one-off `plan --region /data/regions/<name>`.
CMD ["worker"]
