// The test brand's world for brand runs (test/brands.test.ts, test/kafka/brand-fleet.test.ts):
// the test internet with Acme Bank's look-alikes and their DNS and RDAP servers
// (tools/brand-lookalikes.ts), and what a first run of the brand must find: each name's
// verdict and exactly the alerts listed.
import { existsSync, readFileSync } from 'node:fs';
import { ACME_BANK, setAcmeUnrelated, startTestInternet, type TestInternet } from '../../internet/server.js';
import { startBrandLookalikes, type BrandLookalikes } from '../../tools/brand-lookalikes.js';

export interface BrandWorld {
  net: TestInternet;
  acme: BrandLookalikes;
  /** How many domain lookups the RDAP server answered. */
  rdapLookups(): number;
  close(): Promise<void>;
}

/** The test internet and the brand's servers; `dir` takes the RDAP bootstrap file and the logo. */
export async function startBrandWorld(dir: string, now = Date.now()): Promise<BrandWorld> {
  const net = await startTestInternet();
  const acme = await startBrandLookalikes(net, dir, now);
  return {
    net,
    acme,
    rdapLookups: () => acme.rdap.requests.filter((r) => r.path.startsWith('/rdap/domain/')).length,
    close: async () => {
      setAcmeUnrelated('unrelated');
      await net.close();
      await acme.close();
    },
  };
}

const L = ACME_BANK.lookalikes;

/** Each name's verdict after a first run (the official domain's too). */
export const FIRST_VERDICTS = {
  [ACME_BANK.official]: 'official',
  [L.impersonating]: 'impersonating',
  [L.parked]: 'parked',
  [L.defensive]: 'defensive',
  [L.unrelated]: 'unrelated',
  [L.cloaking]: 'suspicious',
};

/** The alerts of a first run ("rule subject", sorted): each look-alike new, and the two alarming verdicts. */
export const FIRST_ALERTS = [
  ...Object.values(L).map((d) => `new-variant ${d}`),
  `verdict:impersonating ${L.impersonating}`,
  `verdict:suspicious ${L.cloaking}`,
].sort();

/** A comparison's dwell kept short in tests. */
const SHORT_DWELL = ['--compare-dwell', '1000'];

/** The flags that let a crawl (a fleet worker's) reach the test internet. */
export const crawlArgs = (w: BrandWorld): string[] => [
  '--allow-private',
  '--host-resolver-rules',
  w.net.hostResolverRules,
  ...SHORT_DWELL,
];

/** `vucrawl brand run --once --json` of the test brand into `out`. */
export const brandRunArgs = (w: BrandWorld, out: string): string[] => [...w.acme.run(out), '--json', ...SHORT_DWELL];

/** The lines of an NDJSON file, parsed; none when it does not exist. */
export const ndjson = <T>(file: string): T[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T)
    : [];

/** Every verdict of the runs into `out`, in the order they were made. */
export const judgedIn = <T>(out: string): T[] => ndjson<T>(`${out}/${ACME_BANK.brand}/impersonation.ndjson`);
