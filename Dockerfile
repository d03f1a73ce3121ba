# vucrawl on Playwright's image: its own Chromium and headless shell are already there.
FROM mcr.microsoft.com/playwright:v1.65.1-noble
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY cli cli
COPY crawler crawler
COPY extractor extractor
COPY sinks sinks
COPY seeds seeds
COPY bench bench
COPY test test
RUN npm ci --no-audit --no-fund
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["demo", "--out", "/data"]
