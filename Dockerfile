# The app image: the compiled API (build/) plus the built explorer, pointed at a Neo4j given by NEO4J_URI (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund
COPY --from=build /app/build ./build
COPY --from=build /app/client/dist ./client/dist
# The datasets an empty database is seeded with; the seed CLIs run as `node build/seed/cli.js`.
COPY seed/data ./seed/data
# Quote checks need the articles; mount them at /app/documents or leave the checks to be skipped.
RUN mkdir -p /app/documents
EXPOSE 3000
# Node runs the compiled entry directly (not `npm start`, which rebuilds), so SIGTERM reaches the server and it drains.
CMD ["node", "--enable-source-maps", "build/server/main.js"]
