# Multi-stage: build with dev dependencies, run with production ones only, as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY flows ./flows
# The console (console/ → dist/console) bundles its texts from locales/ at build time.
COPY console ./console
COPY locales ./locales
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY locales ./locales
COPY data ./data
USER node
# V8 otherwise lets garbage grow to ~320 MB while a 100,000-recipient broadcast is planned; live
# data stays under 200 MB (npm run bench:broadcast). Override per container when a role needs more.
ENV NODE_OPTIONS=--max-old-space-size=256
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The role is the argument: all (default), web or worker.
ENTRYPOINT ["node", "dist/src/roles/main.js"]
CMD ["all"]
