# Production image: compiled service on Node 20, no dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY scripts/copy-console.mjs ./scripts/copy-console.mjs
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 3000
# A 128 MB young generation: the stream path allocates short-lived objects fast (docs/transfers.md, Benchmark).
CMD ["node", "--max-semi-space-size=128", "dist/main.js"]
