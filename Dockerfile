# syntax=docker/dockerfile:1
# The connector images, as the Airbyte platform runs them: one target per connector.
#
#   docker build --target source -t ghcr.io/kroll-connector/source-kroll:0.1.0 .
#   docker build --target destination -t ghcr.io/kroll-connector/destination-kroll:0.1.0 .
#
# Each target's LABELs equal dockerRepository and dockerImageTag in connectors/<name>/metadata.yaml,
# its ENTRYPOINT is absolute (the platform chooses the working directory) and AIRBYTE_ENTRYPOINT is
# that ENTRYPOINT joined by spaces. test/acceptance/dockerfile.test.ts checks these agreements, and
# test/acceptance/image.test.ts runs each ENTRYPOINT against the same production-only install.

# Build: dev dependencies, types generated from spec/ and catalogs/, TypeScript compiled, then
# packed exactly as `npm pack` ships the package (package.json "files").
FROM node:20-bookworm-slim AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm pack --ignore-scripts --pack-destination /tmp/pack \
 && mv /tmp/pack/*.tgz /build/package.tgz

# Runtime: the packed package and its production dependencies only, at the versions of the lock
# file (an install of the tarball alone would resolve transitive dependencies afresh). No install
# scripts: the one dependency that has one (dtrace-provider, optional for bunyan) is not needed.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
# The platform runs connectors as the non-root user airbyte (uid 1000) and mounts its files under
# /airbyte, which that user must be able to write. The base image's uid 1000 user becomes airbyte.
RUN groupmod --new-name airbyte node \
 && usermod --login airbyte --home /airbyte node \
 && rm -rf /home/node \
 && mkdir -p /airbyte/integration_code \
 && chown airbyte:airbyte /airbyte
WORKDIR /airbyte/integration_code
COPY --from=build /build/package.tgz /tmp/package.tgz
COPY --from=build /build/package-lock.json ./package-lock.json
RUN tar -xzf /tmp/package.tgz --strip-components=1 --no-same-owner \
 && npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force \
 && rm /tmp/package.tgz
# The code stays root's, read-only to the connector.
USER airbyte

FROM runtime AS destination
LABEL io.airbyte.name="ghcr.io/kroll-connector/destination-kroll"
LABEL io.airbyte.version="0.1.0"
ENV AIRBYTE_ENTRYPOINT="/airbyte/integration_code/bin/container-node /airbyte/integration_code/bin/destination-kroll"
ENTRYPOINT ["/airbyte/integration_code/bin/container-node", "/airbyte/integration_code/bin/destination-kroll"]

# Last, so that a plain `docker build .` builds the source.
FROM runtime AS source
LABEL io.airbyte.name="ghcr.io/kroll-connector/source-kroll"
LABEL io.airbyte.version="0.1.0"
ENV AIRBYTE_ENTRYPOINT="/airbyte/integration_code/bin/container-node /airbyte/integration_code/bin/source-kroll"
ENTRYPOINT ["/airbyte/integration_code/bin/container-node", "/airbyte/integration_code/bin/source-kroll"]
