// vucrawl serve: holds the store and serves the enrichment API and the web UI; while it
// runs, the same user's pivot, sql, stats, enrich and crawl commands go through it.
import { crawlOptionsFromFlags, CRAWL_GROUP } from '../crawl-flags.js';
import { defineCommand, positionalsExactly, UsageError, wholeNumber } from '../flags.js';
import { durationMs } from '../duration.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { parseListen, refuseToListen, SERVE_DEFAULTS, type ServeOptions } from '../../server/options.js';
import { startServer } from '../../server/serve.js';

export const command = defineCommand(
  {
    name: 'serve',
    summary: 'the enrichment API and web UI over the store; other commands go through it while it runs',
    args: '',
    description:
      'GET /healthz answers once the store is open; /openapi.json describes the API; / is the web UI.\n' +
      'Binds loopback unless told otherwise, and refuses any other address without --api-keys.\n' +
      'Crawl flags below apply to crawls submitted with POST /api/v1/crawls.',
    groups: [
      {
        title: 'Server',
        flags: {
          listen: {
            kind: 'string',
            value: 'HOST:PORT',
            help: 'address to listen on (port 0: any free port)',
            default: () => SERVE_DEFAULTS.listen,
          },
          'api-keys': {
            kind: 'string',
            value: 'FILE',
            help: 'API keys, one "ROLE KEY" a line (roles read, admin); without it reads are open, on loopback only',
          },
          cors: {
            kind: 'string',
            value: 'ORIGIN',
            help: 'let this one origin call the API from a browser (no CORS headers otherwise)',
          },
          'rate-limit': {
            kind: 'string',
            value: 'N',
            help: 'requests a minute per key (per address without one)',
            default: () => SERVE_DEFAULTS.rateLimitPerMinute,
          },
          'answer-cache': {
            kind: 'string',
            value: 'MB',
            help: 'lookup answers kept in memory until the store is written to (0: none)',
            default: () => SERVE_DEFAULTS.answerCacheMB,
          },
          'answer-cache-ttl': {
            kind: 'string',
            value: 'DURATION',
            help: 'how long an answer may be served at most (90s, 5m); by default until a write for the embedded store, 10s for a ClickHouse server, which other processes write to',
          },
          'crawl-dir': {
            kind: 'string',
            value: 'DIR',
            help: 'submitted crawls write their files under DIR/<crawl id>',
            default: () => SERVE_DEFAULTS.crawlDir,
          },
          'screenshot-dir': {
            kind: 'list',
            value: 'DIR',
            help: "crawl output folders (their --out) whose screenshots the web UI shows; submitted crawls' are shown too",
            default: () => SERVE_DEFAULTS.screenshotDirs.join(', '),
          },
        },
      },
      STORE_GROUP,
      { ...CRAWL_GROUP, title: 'Submitted crawls' },
      KAFKA_GROUP,
    ],
  },
  async ({ values: v, positionals, log }) => {
    positionalsExactly(positionals, 0, 'serve takes no arguments');
    let listen: ReturnType<typeof parseListen>;
    try {
      listen = parseListen(v.listen ?? SERVE_DEFAULTS.listen);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (v.cors !== undefined && !/^https?:\/\/[^/\s]+$/.test(v.cors))
      throw new UsageError(
        `--cors needs an origin such as https://siem.example:8443 (scheme, host, port; no path), got "${v.cors}"`,
      );
    const serve: ServeOptions = {
      listen,
      apiKeysFile: v['api-keys'],
      corsOrigin: v.cors,
      crawlDir: v['crawl-dir'] ?? SERVE_DEFAULTS.crawlDir,
      screenshotDirs: v['screenshot-dir'] ?? [...SERVE_DEFAULTS.screenshotDirs],
      rateLimitPerMinute: wholeNumber(v['rate-limit'], 'rate-limit') ?? SERVE_DEFAULTS.rateLimitPerMinute,
      answerCacheMB: wholeNumber(v['answer-cache'], 'answer-cache'),
      answerCacheTtlMs:
        v['answer-cache-ttl'] === undefined ? undefined : durationMs(v['answer-cache-ttl'], 'answer-cache-ttl'),
    };
    const refusal = refuseToListen(serve);
    if (refusal) throw new UsageError(refusal);
    const server = await startServer(
      {
        store: storeFlagsFrom(v),
        serve,
        crawl: crawlOptionsFromFlags(v),
        kafka: kafkaFrom(v),
      },
      log,
    );
    process.stdout.write(
      `vucrawl serve: listening on ${server.url} (web UI ${server.url}/, API ${server.url}/api/v1, OpenAPI ${server.url}/openapi.json); store: ${server.store}\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = (sig: NodeJS.Signals) => {
        log.info(`${sig}: stopping the server (submitted crawls stop first)`);
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
);
