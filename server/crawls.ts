// Crawls submitted to the API (POST /api/v1/crawls): run one at a time inside the server
// process, as a local crawl (pipeline/crawl-run.ts) whose events go into the store the
// server holds, each with its own output folder DIR/<crawl id>. The crawler and its
// browser library are loaded at the first crawl, so a server that only answers lookups
// never loads them. A server with Kafka settings hands crawls to the fleet instead: their
// targets go to vucrawl.targets under the job's id as crawl id, the workers crawl them,
// the loader stores their events, and a job's status counts its pages in the store.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import { MAX_URL_LENGTH, parseHttpUrl, withoutCredentials } from '../capture/url.js';
import type { CrawlOptions } from '../crawler/options.js';
import { BUILTIN_PROFILE_NAMES, ProfileCatalog } from '../crawler/identity/profiles.js';
import { comparisonError } from '../crawler/options.js';
import { readCrawlState } from '../pipeline/crawl-state.js';
import { outPaths } from '../runtime/out-paths.js';
import type { OpenedStore } from '../store/open.js';
import type { KafkaOptions } from '../sinks/kafka/connect.js';
import { badRequest, HttpError } from './errors.js';

export interface CrawlRequest {
  urls: string[];
  depth?: number;
  max_pages?: number;
  profile?: string;
  /** A comparison crawl: the profiles to visit each target with (`victim`: the profile, then the scanner). */
  compare?: string[];
}

/** `submitted`: handed to the fleet (its pages arrive in the store as the workers and the loader go). */
export type CrawlStatus = 'queued' | 'running' | 'finished' | 'stopped' | 'failed' | 'interrupted' | 'submitted';

export interface CrawlJob {
  id: string;
  status: CrawlStatus;
  submitted_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  targets: string[];
  depth: number | null;
  max_pages: number | null;
  /** Pages crawled, and how many answered ok; events by type (once finished). */
  pages: number | null;
  ok: number | null;
  events: Record<string, number> | null;
  error: string | null;
}

export interface CrawlJobsOptions {
  store: OpenedStore;
  /** Output folders go under it. */
  dir: string;
  /** The server's crawl settings (egress policy, browser, bounds); a request sets depth, pages and profile. */
  crawl: Partial<CrawlOptions>;
  kafka?: KafkaOptions;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class CrawlJobs {
  private readonly jobs = new Map<string, CrawlJob>();
  private queue: Promise<void> = Promise.resolve();
  private running?: { stop(): void };
  private closing = false;

  constructor(
    private readonly o: CrawlJobsOptions,
    private readonly log: Logger,
  ) {}

  async submit(req: CrawlRequest): Promise<CrawlJob> {
    if (this.closing) throw new HttpError(503, 'unavailable', 'the server is stopping');
    const targets = req.urls.map((u, i) => {
      const url = u.length <= MAX_URL_LENGTH ? parseHttpUrl(u) : undefined;
      if (!url) throw badRequest(`urls[${i}] is not an http(s) URL of at most ${MAX_URL_LENGTH} characters`);
      return withoutCredentials(url.href);
    });
    const profiles = ProfileCatalog.with(this.o.crawl.profiles);
    if (req.profile !== undefined && !profiles.has(req.profile))
      throw badRequest(`unknown profile "${req.profile.slice(0, 40)}"; known: ${profiles.names.join(', ')}`);
    const wrongComparison = req.compare && comparisonError(req.compare, profiles.names);
    if (wrongComparison) throw badRequest(`compare: ${wrongComparison}`);
    const job: CrawlJob = {
      id: randomUUID(),
      status: 'queued',
      submitted_at: new Date().toISOString(),
      started_at: null,
      finished_at: null,
      targets,
      depth: req.depth ?? this.o.crawl.depth ?? 0,
      max_pages: req.max_pages ?? this.o.crawl.maxPages ?? null,
      pages: null,
      ok: null,
      events: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    if (this.o.kafka) {
      const { submitTargets } = await import('../pipeline/fleet/submit.js');
      await submitTargets(
        this.o.kafka,
        seedsOf(job, req),
        { crawlId: job.id, depth: job.depth ?? 0, scope: 'site', tags: [] },
        this.log,
      );
      return Object.assign(job, { status: 'submitted' as const });
    }
    this.queue = this.queue.then(() => this.runLocally(job, req));
    return job;
  }

  /** A job of this server run (a fleet's with its pages in the store so far), or one an earlier run left in the crawl folder (by its state file). */
  async get(id: string): Promise<CrawlJob | undefined> {
    const job = this.jobs.get(id);
    if (job?.status === 'submitted') return { ...job, ...(await this.storedPages(job.id)) };
    if (job || !ID.test(id)) return job;
    const state = readCrawlState(outPaths(path.join(this.o.dir, id)));
    if (!state) return undefined;
    return {
      id,
      status: state.status === 'finished' ? 'finished' : 'interrupted',
      submitted_at: null,
      started_at: state.started_at,
      finished_at: null,
      targets: state.seeds.map((s) => s.url),
      depth: null,
      max_pages: null,
      pages: null,
      ok: null,
      events: null,
      error: null,
    };
  }

  /** Stops the crawl that runs (pages in flight get the shutdown grace), drops the queued ones, waits. */
  async close(): Promise<void> {
    this.closing = true;
    this.running?.stop();
    await this.queue;
  }

  /** A fleet crawl's pages in the store (ok: those that answered ok). */
  private async storedPages(crawlId: string): Promise<{ pages: number; ok: number }> {
    const { store, db } = this.o.store;
    const rows = await (
      await store.client.query({
        query: `SELECT count() AS pages, countIf(outcome = 'ok') AS ok FROM ${db}.pages WHERE crawl_id = {id:String}`,
        query_params: { id: crawlId },
        format: 'JSONEachRow',
      })
    ).json<{ pages: string; ok: string }>();
    return { pages: Number(rows[0]?.pages ?? 0), ok: Number(rows[0]?.ok ?? 0) };
  }

  private async runLocally(job: CrawlJob, req: CrawlRequest): Promise<void> {
    if (this.closing) {
      Object.assign(job, { status: 'stopped', finished_at: new Date().toISOString() });
      return;
    }
    const log = this.log.child({ crawl: job.id });
    Object.assign(job, { status: 'running', started_at: new Date().toISOString() });
    try {
      const [{ CrawlRun }, { resolveCrawlOptions }] = await Promise.all([
        import('../pipeline/crawl-run.js'),
        import('../crawler/options.js'),
      ]);
      const opts = resolveCrawlOptions({
        ...this.o.crawl,
        depth: job.depth ?? 0,
        ...(job.max_pages === null ? {} : { maxPages: job.max_pages }),
      });
      const run = await CrawlRun.open(
        opts,
        seedsOf(job, req),
        path.join(this.o.dir, job.id),
        log,
        { held: this.o.store },
        { fresh: true },
      );
      this.running = run.crawl;
      if (this.closing) run.crawl.stop();
      const r = await run.run();
      Object.assign(job, {
        status: r.summary.stoppedEarly ? 'stopped' : 'finished',
        pages: r.summary.pages,
        ok: r.summary.ok,
        events: { ...r.events },
      });
    } catch (e) {
      log.error({ err: (e as Error).message }, 'submitted crawl failed');
      Object.assign(job, { status: 'failed', error: (e as Error).message.slice(0, 500) });
    } finally {
      this.running = undefined;
      job.finished_at = new Date().toISOString();
    }
  }
}

/** A job's targets as seeds, with the request's profile and comparison. */
function seedsOf(job: CrawlJob, req: CrawlRequest): { url: string; profile?: string; compare?: string[] }[] {
  return job.targets.map((url) => ({
    url,
    ...(req.profile ? { profile: req.profile } : {}),
    ...(req.compare ? { compare: req.compare } : {}),
  }));
}

export const CRAWL_REQUEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['urls'],
  properties: {
    urls: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: { type: 'string', maxLength: MAX_URL_LENGTH },
      description: 'targets: http(s) URLs',
    },
    depth: { type: 'integer', minimum: 0, maximum: 5, description: 'link depth to follow from each target' },
    max_pages: { type: 'integer', minimum: 1, maximum: 100000, description: 'pages in this crawl' },
    profile: {
      type: 'string',
      maxLength: 64,
      description: `virtual-user profile: ${BUILTIN_PROFILE_NAMES.join(', ')}, or one of the server's --profiles`,
    },
    compare: {
      type: 'array',
      minItems: 1,
      maxItems: 8,
      items: { type: 'string', maxLength: 64 },
      description:
        'a comparison crawl: visit each target with each of these profiles (victim: the profile, then the scanner) and store a cloaking event where they diverge',
    },
  },
} as const;

export const CRAWL_JOB_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: {
      type: 'string',
      enum: ['queued', 'running', 'finished', 'stopped', 'failed', 'interrupted', 'submitted'],
    },
    submitted_at: { type: ['string', 'null'] },
    started_at: { type: ['string', 'null'] },
    finished_at: { type: ['string', 'null'] },
    targets: { type: 'array', items: { type: 'string' } },
    depth: { type: ['integer', 'null'] },
    max_pages: { type: ['integer', 'null'] },
    pages: { type: ['integer', 'null'] },
    ok: { type: ['integer', 'null'] },
    events: { type: ['object', 'null'], additionalProperties: { type: 'integer' } },
    error: { type: ['string', 'null'] },
  },
} as const;
