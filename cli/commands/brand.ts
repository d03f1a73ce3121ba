// vucrawl brand: the brands that brand protection watches over (docs/brands.md): their
// official domains, keywords, logos (perceptual hashes computed here, on add, with the
// screenshots' pHash) and the project their findings go to, in the store's brands table.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { perceptualHash } from '../../crawler/phash.js';
import { errorText } from '../../runtime/errors.js';
import { withStoreAccess } from '../../store/choose.js';
import { addBrand, brandDomain, listBrands, removeBrand } from '../../store/queries/brands.js';
import { checkName } from '../../alerting/names.js';
import { defineCommand, type FlagValues } from '../flags.js';
import { STORE_GROUP, storeFlagsFrom } from '../store-flags.js';
import { runSubcommand, type StoreContext, subcommandUsage, type Subcommand } from '../subcommands.js';
import { JSON_FLAG, printRows } from '../table.js';

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
  ...JSON_FLAG,
} as const;

type Context = StoreContext<FlagValues<typeof FLAGS>>;
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
};

export const command = defineCommand(
  {
    name: 'brand',
    summary: 'brands for brand protection: official domains, logos (perceptual hashes), keywords, a project',
    args: 'add|list|remove ...',
    description: [
      subcommandUsage('brand', SUBCOMMANDS),
      '',
      "A logo's perceptual hash (pHash, as screenshots have) is computed on add; the file itself is not kept.",
      'Stored in the table brands (view brands_current). docs/brands.md: the impersonation verdict, and what is planned.',
    ].join('\n'),
    groups: [{ title: 'Brand', flags: FLAGS }, STORE_GROUP],
  },
  async ({ values: v, positionals, log }) =>
    runSubcommand('brand', SUBCOMMANDS, positionals, {
      v,
      log,
      run: (fn) => withStoreAccess(storeFlagsFrom(v), log, fn),
    }),
);
