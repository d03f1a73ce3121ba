// vucrawl brand: the brands that brand protection watches over (docs/brands.md): their
// official domains, keywords, logos (perceptual hashes computed here, on add, with the
// screenshots' pHash) and the project their findings go to, in the store's brands table;
// and `run`, the loop over their look-alike domains (pipeline/brand-run.ts), with the
// crawl's flags and alerts raised as monitors raise theirs.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveCrawlOptions } from '../../crawler/options.js';
import { perceptualHash } from '../../crawler/phash.js';
import { runBrands, type BrandRunResult } from '../../pipeline/brand-run.js';
import type { EventDestination } from '../../pipeline/crawl-run.js';
import { errorText } from '../../runtime/errors.js';
import { loadBootstrap } from '../../seeds/rdap.js';
import { AlertDelivery } from '../../sinks/alerts/delivery.js';
import { withStoreAccess } from '../../store/choose.js';
import {
  addBrand,
  brandDomain,
  brandVariants,
  getBrand,
  listBrands,
  removeBrand,
  type BrandVariantRow,
} from '../../store/queries/brands.js';
import { checkName } from '../../alerting/names.js';
import { ALERT_FLAGS, webhooksFrom } from '../alert-flags.js';
import { CRAWL_GROUP, crawlOptionsFromFlags } from '../crawl-flags.js';
import { durationMs } from '../duration.js';
import { FLEET_FLAGS, fleetChooser } from '../fleet-flags.js';
import { KAFKA_GROUP, kafkaFrom } from '../kafka-flags.js';
import { defineCommand, type FlagValues } from '../flags.js';
import { outDir } from '../out-flag.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { runSubcommand, type StoreContext, subcommandUsage, type Subcommand } from '../subcommands.js';
import { JSON_FLAG, printRows } from '../table.js';
import { inRounds } from '../rounds.js';

const DEFAULT_BRAND_OUT = 'vucrawl-brands';

const FLAGS = {
  domain: { kind: 'list', value: 'DOMAIN', help: 'add: an official domain of the brand (its variants are watched)' },
  logo: {
    kind: 'list',
    value: 'FILE',
    help: 'add: a logo image (PNG, JPEG, WebP, ...); its perceptual hash is stored, not the file',
    split: false,
  },
  keyword: {
    kind: 'list',
    value: 'WORD',
    help: 'add: a word that names the brand besides its name (a product, a slogan)',
    split: false,
  },
  project: { kind: 'string', value: 'NAME', help: "add: the project the brand's findings go to" },
  once: { kind: 'boolean', help: 'run: one run of the brands, then exit' },
  every: {
    kind: 'string',
    value: 'DURATION',
    help: 'run, without --once: how often the brands are run, e.g. 6h, 1d',
    default: () => '1d',
  },
  ...FLEET_FLAGS,
  'rdap-bootstrap': {
    kind: 'string',
    value: 'FILE',
    help: "run: a local copy of IANA's RDAP bootstrap file for DNS (default: fetched from data.iana.org when a new name needs it)",
  },
  out: {
    kind: 'string',
    value: 'DIR',
    help: "run: each brand crawls into DIR/<brand>/; alerts.ndjson and the webhooks' dead letters are in DIR",
    default: () => DEFAULT_BRAND_OUT,
  },
  ...ALERT_FLAGS,
  ...JSON_FLAG,
} as const;

type Context = StoreContext<
  FlagValues<typeof FLAGS & typeof CRAWL_GROUP.flags & typeof KAFKA_GROUP.flags & typeof STORE_GROUP.flags>
>;
const print = (rows: object[], v: Context['v']) => printRows(rows, v.json);

/** Each logo file's name and pHash; an Error naming the file that cannot be read or decoded. */
async function logoHashes(brand: string, files: string[]): Promise<{ file: string; phash: string }[]> {
  return Promise.all(
    files.map(async (file) => {
      try {
        return { file: path.basename(file), phash: (await perceptualHash(await readFile(file))).phash };
      } catch (e) {
        throw new Error(`brand ${brand}: logo ${file}: ${errorText(e)}`);
      }
    }),
  );
}

const SUBCOMMANDS: Record<string, Subcommand<Context>> = {
  add: {
    args: 'NAME --domain DOMAIN... [--logo FILE]... [--keyword WORD]... [--project NAME]',
    min: 1,
    run: async ([name], c) => {
      // Everything checked here before a logo is decoded: a typo costs no image work.
      checkName('brand', name!);
      const domains = (c.v.domain ?? []).map((d) => brandDomain(name!, d));
      if (!domains.length) throw new Error(`brand ${name}: give its official domains (--domain)`);
      const logos = await logoHashes(name!, c.v.logo ?? []);
      const brand = await c.run((a) =>
        addBrand(a, {
          name: name!,
          domains,
          keywords: c.v.keyword ?? [],
          logo_files: logos.map((l) => l.file),
          logo_phashes: logos.map((l) => l.phash),
          project: c.v.project ?? '',
        }),
      );
      print([brand], c.v);
      return 0;
    },
  },
  list: {
    args: '',
    min: 0,
    run: async (_, c) => {
      print(await c.run(listBrands), c.v);
      return 0;
    },
  },
  remove: {
    args: 'NAME',
    min: 1,
    run: async ([name], c) => {
      await c.run((a) => removeBrand(a, name!));
      process.stderr.write(`brand ${name} removed\n`);
      return 0;
    },
  },
  report: {
    args: 'NAME [--json]',
    min: 1,
    run: async ([name], c) => {
      const rows = await c.run(async (a) => {
        await getBrand(a, name!);
        return brandVariants(a, name!);
      });
      print(c.v.json ? rows.map(reportRecord) : rows.map(reportRow), c.v);
      return 0;
    },
  },
  run: {
    args: '[NAME] [--once] [--rdap-bootstrap FILE] [crawl, store, Kafka and webhook flags]',
    min: 0,
    run: ([name], c) => runBrandLoop(name, c),
  },
};

/** Runs the brands (or the one named) once, or every --every until a signal; the store held for the whole loop. */
function runBrandLoop(name: string | undefined, { v, log, run }: Context): Promise<number> {
  if (name !== undefined) checkName('brand', name);
  const crawl = resolveCrawlOptions(crawlOptionsFromFlags(v));
  const everyMs = durationMs(v.every ?? '1d', 'every');
  const webhooks = webhooksFrom(v);
  const out = outDir(v.out ?? DEFAULT_BRAND_OUT);
  const bootstrapFile = v['rdap-bootstrap'];
  const kafka = kafkaFrom(v);
  const fleet = fleetChooser(kafka, v, log);
  return run(async (a) => {
    // The crawls' events go to Kafka when it is set, else into the store held here (or the server that holds it).
    const to: EventDestination = kafka
      ? { kafka, webhooks }
      : a.held
        ? { held: a.held, webhooks }
        : { store: storeFlagsFrom(v), webhooks };
    const delivery = new AlertDelivery(a, { dir: out, kafka, webhooks }, log);
    try {
      await inRounds({ once: v.once, everyMs, what: 'brand', log }, async () => {
        const results = await runBrands(
          a,
          delivery,
          name === undefined ? undefined : [name],
          { crawl, outDir: out, to, rdapBootstrap: () => loadBootstrap({ bootstrapFile }), fleet: await fleet() },
          log,
        );
        print(results.map(summaryRow), v);
      });
    } finally {
      await delivery.close();
    }
    return 0;
  });
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A variant as `brand report --json` writes it: every field, the registration date in ISO 8601. */
function reportRecord(r: BrandVariantRow) {
  return { ...r, registered_at: isoOrNull(r.registered_at) };
}

/** A variant as a table row: why in a word a rule, when registered and first seen, as days. */
function reportRow(r: BrandVariantRow) {
  return {
    domain: r.domain,
    verdict: r.verdict,
    score: r.score,
    reasons: r.reasons.join(' '),
    registered: isoOrNull(r.registered_at)?.slice(0, 10) ?? '',
    registrar: r.registrar ?? '',
    first_seen: r.first_seen.slice(0, 10),
    last_seen: r.last_seen.slice(0, 10),
    final_url: r.final_url,
  };
}

/** One line a brand: what was asked, what resolved, the verdicts, the alerts raised. */
function summaryRow(r: BrandRunResult) {
  const verdicts = new Map<string, number>();
  for (const e of r.judged) verdicts.set(e.verdict, (verdicts.get(e.verdict) ?? 0) + 1);
  return {
    brand: r.brand,
    names: r.names,
    resolving: r.resolving,
    new: r.fresh,
    verdicts: [...verdicts].map(([k, n]) => `${k} ${n}`).join(', '),
    alerts: r.alerts.length,
    raised: r.alerts.map((x) => `${x.rule} ${x.subject}`).join('; '),
  };
}

export const command = defineCommand(
  {
    name: 'brand',
    summary: 'brands for brand protection: official domains, logos, keywords; run: their look-alikes judged',
    args: 'add|list|remove|report|run ...',
    description: [
      subcommandUsage('brand', SUBCOMMANDS),
      '',
      "A logo's perceptual hash (pHash, as screenshots have) is computed on add; the file itself is not kept.",
      'Stored in the table brands (view brands_current).',
      "run: each brand's domains and their variants through DNS (NS, A, AAAA, MX; --dns-server), RDAP for the new",
      "names, a victim's comparison crawl of every name that resolves (through the fleet when one runs and Kafka is",
      'set), an impersonation verdict each; alerts once per fact (new-variant, verdict:impersonating,',
      'verdict:suspicious, verdict-change).',
      'report: every domain brand runs judged for the brand, its latest verdict, highest score first. docs/brands.md.',
    ].join('\n'),
    groups: [{ title: 'Brand', flags: FLAGS }, CRAWL_GROUP, STORE_GROUP, KAFKA_GROUP],
  },
  async ({ values: v, positionals, log }) =>
    runSubcommand('brand', SUBCOMMANDS, positionals, {
      v,
      log,
      run: (fn) => withStoreAccess(storeFlagsFrom(v), log, fn),
    }),
);
