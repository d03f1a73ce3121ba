// The documentation must not lie about the repository. The README is a short page for a
// newcomer and the reference lives in docs/, one page per topic, with links between them
// and into the code; code moves and commands change, and a doc nobody runs goes stale
// silently. This test reads every markdown file of the repository (no network, no build)
// and fails, naming file and line, on:
//   - a relative link [text](path) or [text](path#anchor) to a file or folder that does
//     not exist, or to an #anchor that is no heading of the target (GitHub's slugs);
//   - a vucrawl command line in a code block or inline code span (`vucrawl COMMAND ...`,
//     `npx vucrawl COMMAND ...`, `node dist/cli/main.js COMMAND ...`) naming a command or
//     subcommand that does not exist, or a --flag that command does not take. Commands and
//     their flags are read from the CLI itself: cli/main.ts's table and each command's
//     flag groups (cli/flags.ts defineCommand), so this cannot drift from what runs;
//   - a page of docs/ that neither the README nor docs/README.md lists, or a README that
//     grew past a five-minute read (250 lines) or lost the set-up commands CI runs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_FLAGS, type Command } from '../../cli/flags.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folders that are not the project's documentation: dependencies, builds, crawl outputs. */
const skipDir = (name: string) =>
  ['node_modules', 'dist'].includes(name) || name.startsWith('.') || name.startsWith('vucrawl-');

/** Every markdown file of the repository, as paths relative to ROOT. */
function markdownFiles(dir = ''): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = dir ? `${dir}/${d.name}` : d.name;
    if (d.isDirectory()) return skipDir(d.name) ? [] : markdownFiles(rel);
    return d.name.endsWith('.md') ? [rel] : [];
  });
}

/** A fenced code block: its fence, then its lines. */
const FENCED = /^(```|~~~)[^\n]*\n([\s\S]*?)^\1[^\n]*$/gm;
const INLINE_CODE = /(`+)([\s\S]*?)\1/g;

/** Text blanked out, newlines kept, so that offsets and line numbers stay. */
const blank = (s: string) => s.replace(/[^\n]/g, ' ');
const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** A file's text with fenced code blocks and inline code blanked out. */
const prose = (text: string) => text.replace(FENCED, blank).replace(INLINE_CODE, blank);

/** GitHub's anchor for a heading: its text without markup, lower case, punctuation other than - and _ dropped, spaces as -. */
function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a markdown file offers: its headings' slugs (repeats get -1, -2, ... as on GitHub) and explicit ids. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of prose(text).matchAll(/^#{1,6}[ \t]+.*$/gm)) {
    // Headings come from the original text: inline code in them counts.
    const heading = text
      .slice(m.index, m.index + m[0].length)
      .replace(/^#+\s+/, '')
      .replace(/\s+#+\s*$/, '');
    const s = slug(heading);
    const n = seen.get(s) ?? 0;
    seen.set(s, n + 1);
    anchors.add(n ? `${s}-${n}` : s);
  }
  for (const m of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]!);
  return anchors;
}

/** Every relative link of one file that does not resolve, as "file:line: [text](target): why". */
function brokenLinks(file: string, text: string, read: (f: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const m of prose(text).matchAll(/!?\[((?:[^\][]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = m[2]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:, ...
    const where = `${file}:${lineAt(text, m.index)}: ${text.slice(m.index, m.index + m[0].length)}`;
    const [filePart = '', anchor] = target.split('#');
    const resolved = filePart
      ? path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(filePart)))
      : file;
    if (filePart && (resolved.startsWith('..') || !existsSync(path.join(ROOT, resolved)))) {
      out.push(`${where}: no such file or folder ${resolved}`);
      continue;
    }
    if (
      anchor === undefined ||
      !resolved.endsWith('.md') ||
      (filePart && statSync(path.join(ROOT, resolved)).isDirectory())
    )
      continue;
    const targetText = filePart ? read(resolved) : text;
    if (targetText === undefined || !anchorsOf(targetText).has(anchor))
      out.push(`${where}: ${resolved} has no heading #${anchor}`);
  }
  return out;
}

/** The command lines a file mentions: code block lines (with their \ continuations) and inline code spans that start with vucrawl. */
function commandMentions(text: string): { line: number; text: string }[] {
  const start = /^\s*(?:\$\s+)?(?:npx\s+vucrawl|vucrawl|node\s+dist\/cli\/main\.js)\s+\S/;
  const out: { line: number; text: string }[] = [];
  for (const block of text.matchAll(FENCED)) {
    const first = lineAt(text, block.index) + 1;
    const lines = block[2]!.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!start.test(lines[i]!)) continue;
      let command = lines[i]!;
      const line = first + i;
      while (command.endsWith('\\') && i + 1 < lines.length) command = `${command.slice(0, -1)} ${lines[++i]}`;
      out.push({ line, text: command });
    }
  }
  for (const m of text.replace(FENCED, blank).matchAll(INLINE_CODE)) {
    const span = m[2]!.replace(/\s+/g, ' ');
    if (start.test(span)) out.push({ line: lineAt(text, m.index), text: span });
  }
  return out;
}

interface KnownCommand {
  flags: Set<string>;
  /** Its subcommands (monitor add|list|..., fleet status), from the usage line; none for plain commands. */
  subcommands: string[];
}

/** The commands of cli/main.ts, each loaded to read its flag groups. */
async function loadCommands(): Promise<Map<string, KnownCommand>> {
  const main = readFileSync(path.join(ROOT, 'cli/main.ts'), 'utf8');
  const table = [...main.matchAll(/^\s+'?([\w-]+)'?: \{\s*summary:\s[\s\S]*?import\('\.\/commands\/([\w-]+)\.js'\)/gm)];
  const commands = new Map<string, KnownCommand>();
  for (const [, name, module] of table) {
    const { command } = (await import(path.join(ROOT, 'cli/commands', `${module}.ts`))) as { command: Command };
    const flags = new Set([...Object.keys(GENERAL_FLAGS), ...command.groups.flatMap((g) => Object.keys(g.flags))]);
    const subcommands = /^([a-z]+(?:\|[a-z]+)*)(?:\s|$)/.exec(command.args)?.[1]?.split('|') ?? [];
    commands.set(name!, { flags, subcommands });
  }
  return commands;
}

/** What is wrong with one command line: an unknown command or subcommand, flags the command does not take. */
function commandErrors(mention: string, commands: Map<string, KnownCommand>): string[] {
  // A word after vucrawl is a command; anything else is not a command line (vucrawl COMMAND --help, "vucrawl serve: listening").
  const m = /^\s*(?:\$\s+)?(?:npx\s+vucrawl|vucrawl|node\s+dist\/cli\/main\.js)\s+([a-z][a-z-]*)(\s.*)?$/.exec(mention);
  if (!m) return [];
  const [, name, rest = ''] = m;
  if (name === 'help') return [];
  const c = commands.get(name!);
  if (!c) return [`no command "${name}"`];
  const errors: string[] = [];
  const next = /^\s+([a-z][a-z-]*)(?:\s|$)/.exec(rest)?.[1];
  if (c.subcommands.length && next !== undefined && !c.subcommands.includes(next))
    errors.push(`vucrawl ${name} has no subcommand "${next}" (${c.subcommands.join(', ')})`);
  for (const f of rest.matchAll(/(?:^|[\s[(|])--([a-z][a-z0-9-]*)/g)) {
    if (!c.flags.has(f[1]!)) errors.push(`vucrawl ${name} takes no --${f[1]}`);
  }
  return errors;
}

describe('the documentation', () => {
  const files = markdownFiles();
  const texts = new Map(files.map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')]));
  let commands: Map<string, KnownCommand>;
  beforeAll(async () => {
    commands = await loadCommands();
  });

  it('finds the markdown files and the commands', () => {
    for (const f of ['README.md', 'docs/README.md', 'schemas/README.md', 'internet/README.md', 'extractor/README.md'])
      expect(files).toContain(f);
    expect(commands.size).toBeGreaterThan(15);
    expect(commands.get('crawl')!.flags).toContain('max-pages');
    expect(commands.get('monitor')!.subcommands).toEqual(['add', 'list', 'remove', 'run']);
  });

  it('has no broken relative link or anchor', () => {
    const broken = files.flatMap((f) => brokenLinks(f, texts.get(f)!, (t) => texts.get(t)));
    expect(broken, broken.join('\n')).toEqual([]);
  });

  it('mentions only commands, subcommands and flags that exist', () => {
    const mentions = files.flatMap((f) => commandMentions(texts.get(f)!));
    expect(mentions.length).toBeGreaterThan(100);
    expect(new Set(mentions.map((m) => /vucrawl\s+([a-z]+)/.exec(m.text)?.[1])).size).toBeGreaterThan(15);
    const wrong = files.flatMap((f) =>
      commandMentions(texts.get(f)!).flatMap((m) =>
        commandErrors(m.text, commands).map((e) => `${f}:${m.line}: ${e}: ${m.text.trim()}`),
      ),
    );
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('keeps the README a five-minute page whose set-up commands are what CI runs (.ci/run)', () => {
    const readme = texts.get('README.md')!;
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
  });

  it('lists every page of docs/ in the README and in docs/README.md', () => {
    const pages = files.filter((f) => f.startsWith('docs/') && f !== 'docs/README.md');
    const missing = pages.flatMap((p) => [
      ...(texts.get('README.md')!.includes(`](${p})`) ? [] : [`README.md does not link ${p}`]),
      ...(texts.get('docs/README.md')!.includes(`](${p.slice('docs/'.length)})`)
        ? []
        : [`docs/README.md does not link ${p}`]),
    ]);
    expect(missing, missing.join('\n')).toEqual([]);
  });

  it('catches what it guards against (the checks themselves)', () => {
    expect(
      brokenLinks(
        'docs/x.md',
        '# T\n[a](../README.md#set-up) [b](#t) [web](https://e.com/#x) `[code](nope.md)`\n[c](#nope)\n[d](../cli/nope.ts)\n![e](../README.md#nope)',
        (f) => texts.get(f),
      ),
    ).toEqual([
      'docs/x.md:3: [c](#nope): docs/x.md has no heading #nope',
      'docs/x.md:4: [d](../cli/nope.ts): no such file or folder cli/nope.ts',
      'docs/x.md:5: ![e](../README.md#nope): README.md has no heading #nope',
    ]);
    expect([...anchorsOf('# Top\n\n## A `b`: c, d\n\n## A `b`: c, d\n```\n# not a heading\n```\n')]).toEqual([
      'top',
      'a-b-c-d',
      'a-b-c-d-1',
    ]);
    expect(
      commandMentions('x `vucrawl monitor run\n--once` y\n```sh\nnpx vucrawl crawl a \\\n  --depth 1\n```\n').map(
        (m) => m.text,
      ),
    ).toEqual(['npx vucrawl crawl a    --depth 1', 'vucrawl monitor run --once']);
    expect(commandErrors('vucrawl crawl https://x/ --depth 1 --max-page 3 --help', commands)).toEqual([
      'vucrawl crawl takes no --max-page',
    ]);
    expect(commandErrors('npx vucrawl crawlx', commands)).toEqual(['no command "crawlx"']);
    expect(commandErrors('vucrawl monitor start --once', commands)).toEqual([
      'vucrawl monitor has no subcommand "start" (add, list, remove, run)',
    ]);
    expect(commandErrors('vucrawl fleet status --kafka-brokers h:1 --json', commands)).toEqual([]);
    expect(commandErrors('vucrawl COMMAND --help', commands)).toEqual([]);
    expect(commandErrors('vucrawl serve: listening on http://127.0.0.1:8181 (--x)', commands)).toEqual([]);
  });
});
