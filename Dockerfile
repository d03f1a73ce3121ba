# vucrawl on Playwright's image: its Chromium and headless shell are already there
# (/ms-playwright), built for the same Playwright version as the package (keep the tag
# in step with package.json; test/compose.test.ts checks it).
FROM mcr.microsoft.com/playwright:v1.65.1-noble

# Run as the image's unprivileged user. /data is where crawlers write (captures, NDJSON
# copies, kafka-spill/): created here owned by pwuser, so that an empty named volume
# mounted on it takes that owner.
RUN mkdir -p /app /data && chown pwuser:pwuser /app /data
WORKDIR /app
USER pwuser

COPY --chown=pwuser:pwuser package.json package-lock.json tsconfig.json ./
# Everything tsconfig.json compiles (the demo runs the bundled test internet, internet/),
# and the JSON Schemas.
COPY --chown=pwuser:pwuser capture capture
COPY --chown=pwuser:pwuser seeds seeds
COPY --chown=pwuser:pwuser crawler crawler
COPY --chown=pwuser:pwuser extractor extractor
COPY --chown=pwuser:pwuser alerting alerting
COPY --chown=pwuser:pwuser sinks sinks
COPY --chown=pwuser:pwuser store store
COPY --chown=pwuser:pwuser exchange exchange
COPY --chown=pwuser:pwuser pipeline pipeline
COPY --chown=pwuser:pwuser runtime runtime
COPY --chown=pwuser:pwuser cli cli
COPY --chown=pwuser:pwuser server server
COPY --chown=pwuser:pwuser internet internet
COPY --chown=pwuser:pwuser tools tools
COPY --chown=pwuser:pwuser bench bench
COPY --chown=pwuser:pwuser test test
COPY --chown=pwuser:pwuser schemas schemas

# `npm install`, not `npm ci`: the lock file is written by an npm configuration that
# `npm ci` rejects elsewhere (the README and CI use `npm install` too). Its prepare script
# compiles to dist/ and checks the browser (it finds the image's own).
RUN npm install --no-audit --no-fund

ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["demo", "--out", "/data"]
