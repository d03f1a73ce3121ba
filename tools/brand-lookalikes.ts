// The test brand Acme Bank and its look-alikes on the test internet, ready for a brand run
// as operators run it: the DNS server that resolves them, the RDAP server that knows their
// registrations (and the bootstrap file naming it), and the arguments of `vucrawl brand add`
// and `vucrawl brand run` that point at them. Shared by test/brands.test.ts and `npm run
// screenshots`, so that the example in the docs is the run the test checks.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDnsServer, type TestDnsServer } from '../internet/dns-server.js';
import { startRdapServer, type TestRdapServer } from '../internet/rdap-server.js';
import {
  ACME_BANK,
  ACME_BANK_BLUE,
  ACME_BANK_DNS,
  acmeBankLogo,
  acmeBankRegistrations,
  type TestInternet,
} from '../internet/server.js';

export interface BrandLookalikes {
  dns: TestDnsServer;
  rdap: TestRdapServer;
  /** The brand's logo (logo.svg in `dir`), as `brand add --logo` is given it. */
  logo: string;
  /** `vucrawl brand add`'s arguments for the test brand, its logo included (without the store flags). */
  add: string[];
  /** `vucrawl brand run`'s arguments for a run of it once into `out` (without the store flags). */
  run(out: string): string[];
  close(): Promise<void>;
}

/** Starts the DNS and RDAP servers (registrations relative to `now`) and writes the bootstrap file into `dir`. */
export async function startBrandLookalikes(net: TestInternet, dir: string, now: number): Promise<BrandLookalikes> {
  const dns = await startDnsServer((name, type) => ACME_BANK_DNS[name]?.[type as 'A' | 'NS' | 'MX'] ?? []);
  const rdap = await startRdapServer(acmeBankRegistrations(now));
  const bootstrap = path.join(dir, 'rdap-bootstrap.json');
  writeFileSync(bootstrap, JSON.stringify(rdap.bootstrap));
  const logo = path.join(dir, 'logo.svg');
  writeFileSync(logo, acmeBankLogo(ACME_BANK_BLUE));
  return {
    dns,
    rdap,
    logo,
    add: [
      'brand',
      'add',
      ACME_BANK.brand,
      '--domain',
      ACME_BANK.official,
      '--keyword',
      ACME_BANK.keyword,
      '--logo',
      logo,
    ],
    run: (out) => [
      'brand',
      'run',
      ACME_BANK.brand,
      '--once',
      '--out',
      out,
      '--dns-server',
      dns.address,
      '--rdap-bootstrap',
      bootstrap,
      '--allow-private',
      '--host-resolver-rules',
      net.hostResolverRules,
    ],
    async close() {
      await dns.close();
      await rdap.close();
    },
  };
}
