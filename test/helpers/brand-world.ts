// The test brand's world for brand runs (test/brands.test.ts, test/kafka/brand-fleet.test.ts):
// the test internet with Acme Bank's look-alikes, a DNS server with their records, an RDAP
// server with their registrations (and its bootstrap file), and what a first run of the
// brand must find: each look-alike's verdict and exactly the alerts listed.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ACME_BANK,
  ACME_BANK_BLUE,
  ACME_BANK_DNS,
  acmeBankLogo,
  acmeBankRegistrations,
  setAcmeUnrelated,
  startTestInternet,
  type TestInternet,
} from '../../internet/server.js';
import { startDnsServer, type TestDnsServer } from './dns-server.js';
import { startRdapServer, type TestRdapServer } from './rdap-server.js';

export interface BrandWorld {
  net: TestInternet;
  dns: TestDnsServer;
  rdap: TestRdapServer;
  /** A folder with the RDAP bootstrap file (dns.json) and the brand's logo (logo.svg). */
  dir: string;
  bootstrap: string;
  logo: string;
  /** How many domain lookups the RDAP server answered. */
  rdapLookups(): number;
  close(): Promise<void>;
}

export async function startBrandWorld(now = Date.now()): Promise<BrandWorld> {
  const net = await startTestInternet();
  const dns = await startDnsServer((name, type) => ACME_BANK_DNS[name]?.[type as 'A' | 'NS' | 'MX'] ?? []);
  const rdap = await startRdapServer(acmeBankRegistrations(now));
  const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-brands-'));
  const bootstrap = path.join(dir, 'dns.json');
  writeFileSync(bootstrap, JSON.stringify(rdap.bootstrap));
  const logo = path.join(dir, 'logo.svg');
  writeFileSync(logo, acmeBankLogo(ACME_BANK_BLUE));
  return {
    net,
    dns,
    rdap,
    dir,
    bootstrap,
    logo,
    rdapLookups: () => rdap.requests.filter((r) => r.path.startsWith('/rdap/domain/')).length,
    close: async () => {
      setAcmeUnrelated('unrelated');
      await net.close();
      await dns.close();
      await rdap.close();
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

/** `vucrawl brand add` of the test brand, with its logo. */
export const addBrandArgs = (w: BrandWorld): string[] => [
  'brand',
  'add',
  ACME_BANK.brand,
  '--domain',
  ACME_BANK.official,
  '--keyword',
  ACME_BANK.keyword,
  '--logo',
  w.logo,
];

/** The flags that let a crawl reach the test internet, and a comparison's dwell short. */
export const crawlArgs = (w: BrandWorld): string[] => [
  '--allow-private',
  '--host-resolver-rules',
  w.net.hostResolverRules,
  '--compare-dwell',
  '1000',
];

/** `vucrawl brand run --once --json` of the test brand, with its DNS and RDAP servers. */
export const brandRunArgs = (w: BrandWorld, out: string): string[] => [
  'brand',
  'run',
  ACME_BANK.brand,
  '--once',
  '--json',
  '--out',
  out,
  '--dns-server',
  w.dns.address,
  '--rdap-bootstrap',
  w.bootstrap,
  ...crawlArgs(w),
];

/** The lines of an NDJSON file, parsed; none when it does not exist. */
export const ndjson = <T>(file: string): T[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T)
    : [];
