# paperbot as a container: docs/deploy.md explains each part.
#   docker build -t paperbot .
#   docker run --init --env-file .env -v paperbot-cache:/var/cache/paperbot paperbot

# Build: every dependency (TypeScript, the native SQLite driver), then compile, then drop the
# development dependencies so that only what runs is copied on.
FROM node:20-slim AS build
# better-sqlite3 compiles from source where no prebuilt binary can be downloaded.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY . .
RUN npm run build && npm prune --omit=dev

# Run: Node 20 slim, the compiled code and the production dependencies, as the unprivileged `node` user.
FROM node:20-slim
ENV NODE_ENV=production \
    PAPERBOT_CACHE_DIR=/var/cache/paperbot \
    DATABASE_PATH=/var/lib/paperbot/paperbot.db
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/adapters ./dist/adapters
COPY --from=build /app/dist/commands ./dist/commands
COPY --from=build /app/dist/bin ./dist/bin
COPY --from=build /app/data/papers-listing.txt /app/data/papers-listing.ids.json ./data/
RUN mkdir -p /var/cache/paperbot /var/lib/paperbot && chown node:node /var/cache/paperbot /var/lib/paperbot
USER node
# The index cache survives restarts and may be shared by replicas; SQLite (without DATABASE_URL) too.
VOLUME ["/var/cache/paperbot", "/var/lib/paperbot"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m --retries=3 CMD ["node", "dist/bin/healthcheck.js"]
ENTRYPOINT ["node", "dist/bin/paperbot.js"]
CMD ["start"]
