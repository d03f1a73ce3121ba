// Watches: standing searches over every page crawled, whatever crawl produced it. A rule is
// one line:
//
//   NAME:VALUE [OPTION ...]        VALUE is a literal, or @PROJECT for a project's indicators
//
//   new-parent:HOST [cause:C,...]      a host pair into HOST (or a host under it) from a host
//                                      outside it, whose parent was never seen leading there
//                                      before (an inbound redirect, hot-linked assets)
//   new-tracker-host:ID                a host never seen before carrying tracker ID
//   favicon-copy:MMH3 outside:H,...    a page whose favicon hash is MMH3, on a host outside H
//   resource-copy:SHA256 outside:H,... a body with that SHA-256 served by a host outside H
//   keyword:WORD [tag:TAG]             a page (of a seed tagged TAG) showing WORD
//   regex:PATTERN [tag:TAG]            the same with a regular expression (no spaces: use \s)
//   cloaking:HOST                      a comparison that found cloaking (a cloaking event) on a
//                                      target under HOST, or one that led a visit, posted a form
//                                      or ended under it, or on a look-alike of its domain (the
//                                      variants `vucrawl variants` makes)
//
// With @PROJECT the values are the project's indicators of the rule's kind and its hosts
// and domains count as "inside" (outside: adds more). Each rule is a row of RULES: the event
// type it reads, the indicator kinds its value is, and what it finds in one event. "Never
// seen before" is a question for the store: a candidate carries it (novelty) and the caller
// asks. Pure.
import { HOST_PAIR_CAUSES } from '../capture/vocabulary.js';
import { hostOf, inScope, siteOf } from '../capture/url.js';
import { domainVariants } from '../seeds/variants.js';
import { schemaType, type EventOf, type EventType, type VucrawlEvent } from '../extractor/events.js';
import type { Seen } from './alert.js';
import { OWN_KINDS, valuesOf, type IndicatorKind, type ProjectIndicators } from './project.js';
import { parseTerm, termMatches, type Term } from './terms.js';

export const WATCH_RULE_NAMES = [
  'new-parent',
  'new-tracker-host',
  'favicon-copy',
  'resource-copy',
  'keyword',
  'regex',
  'cloaking',
] as const;
export type WatchRuleName = (typeof WATCH_RULE_NAMES)[number];

const OPTIONS = ['cause', 'outside', 'tag'] as const;
type OptionName = (typeof OPTIONS)[number];

export interface WatchRule {
  /** As written. */
  text: string;
  name: WatchRuleName;
  /** The literal value, or (with project) undefined. */
  value?: string;
  project?: string;
  causes?: ReadonlySet<string>;
  outside: readonly string[];
  tag?: string;
  term?: Term;
}

/** A watch with its values: the literal, or its project's indicators, and the hosts that are the user's own. */
export interface ResolvedWatch {
  name: string;
  rule: WatchRule;
  values: ReadonlySet<string>;
  inside: readonly string[];
  /** For cloaking: each look-alike domain of the values' registrable domains -> the domain it imitates. */
  variants: ReadonlyMap<string, string>;
}

/** A question only the store can answer: was this seen before the candidate's capture? */
export type Novelty =
  | { kind: 'parent'; parent: string; child: string }
  | { kind: 'tracker-host'; value: string; host: string };

export interface WatchCandidate extends Seen {
  /** Present when the finding counts only if this was never seen before. */
  novelty?: Novelty;
}

/** What only a capture holds about a page (the crawl that made it knows it; a loader does not). */
export interface PageContext {
  text(): string;
}

type Found = Omit<WatchCandidate, 'rule' | 'observed_at' | 'capture_id'>;

interface WatchSpec<T extends EventType> {
  on: T;
  /** The indicator kinds of its value (none: a literal only). */
  kinds: readonly IndicatorKind[];
  /** Checks a literal value; returns it as the store holds it, or throws. */
  literal(v: string): string;
  /** It needs the user's own hosts (outside:, or a project's). */
  needsInside: boolean;
  find(w: ResolvedWatch, e: EventOf<T>, page: PageContext | undefined): Found | undefined;
}

const asIs = (v: string) => v;
const lowerHost = (v: string) => v.toLowerCase().replace(/\.$/, '');

const RULES: { [N in WatchRuleName]: WatchSpec<EventType> } = {
  'new-parent': spec({
    on: 'host_pair',
    kinds: ['host', 'domain'],
    literal: lowerHost,
    needsInside: false,
    find: (w, e) => {
      if (
        !inScope(e.child_host, [...w.values]) ||
        inScope(e.parent_host, [...w.values]) ||
        (w.rule.causes && !w.rule.causes.has(e.cause))
      )
        return undefined;
      return {
        subject: e.parent_host,
        scope: e.child_host,
        details: { parent: e.parent_host, child: e.child_host, cause: e.cause },
        urls: [e.page_url, e.parent_url, e.child_url],
        novelty: { kind: 'parent', parent: e.parent_host, child: e.child_host },
      };
    },
  }),
  'new-tracker-host': spec({
    on: 'tracker',
    kinds: ['tracker'],
    literal: asIs,
    needsInside: false,
    find: (w, e) =>
      !w.values.has(e.value) || inScope(e.host, w.inside)
        ? undefined
        : {
            subject: e.host,
            scope: e.value,
            details: { type: e.type, value: e.value, where: e.where.slice(0, 500) },
            urls: [e.page_url],
            novelty: { kind: 'tracker-host', value: e.value, host: e.host },
          },
  }),
  'favicon-copy': spec({
    on: 'page',
    kinds: ['favicon'],
    literal: int32,
    needsInside: true,
    find: (w, e) =>
      e.favicon_mmh3 === null || !w.values.has(String(e.favicon_mmh3)) || inScope(e.host, w.inside)
        ? undefined
        : {
            subject: e.host,
            scope: String(e.favicon_mmh3),
            details: { favicon_mmh3: String(e.favicon_mmh3), favicon_url: e.favicon_url ?? '', final_url: e.final_url },
            urls: [e.final_url, e.favicon_url ?? ''],
          },
  }),
  'resource-copy': spec({
    on: 'resource',
    kinds: ['sha256'],
    literal: sha256,
    needsInside: true,
    find: (w, e) =>
      e.sha256 === null || !w.values.has(e.sha256) || inScope(e.host, w.inside)
        ? undefined
        : {
            subject: e.host,
            scope: e.sha256,
            details: { sha256: e.sha256, url: e.url, resource_type: e.resource_type },
            urls: [e.page_url, e.url],
          },
  }),
  keyword: spec({
    on: 'page',
    kinds: [],
    literal: asIs,
    needsInside: false,
    find: (w, e, page) => termFound(w, e, page),
  }),
  regex: spec({
    on: 'page',
    kinds: [],
    literal: asIs,
    needsInside: false,
    find: (w, e, page) => termFound(w, e, page),
  }),
  cloaking: spec({
    on: 'cloaking',
    kinds: ['host', 'domain'],
    literal: lowerHost,
    needsInside: false,
    find: cloakingFound,
  }),
};

/** A cloaking event that touches the watched names: its target, a host a visit was led to, posted to or ended on, or a look-alike of them. */
function cloakingFound(w: ResolvedWatch, e: EventOf<'cloaking'>): Found | undefined {
  const values = [...w.values];
  const hosts = [
    e.host,
    ...e.child_hosts.map((c) => c.host),
    ...e.final_urls.map(hostOf),
    ...e.form_action_sites.flat(),
  ];
  const touched = hosts.find((h) => inScope(h, values));
  const imitated = touched === undefined ? w.variants.get(e.site) : undefined;
  if (touched === undefined && imitated === undefined) return undefined;
  return {
    subject: e.host,
    scope: e.url,
    details: {
      signals: e.signals.join(','),
      profiles: e.profiles.join(','),
      comparison_id: e.comparison_id ?? '',
      ...(touched !== undefined ? { host: touched } : { variant_of: imitated! }),
    },
    urls: [e.url, ...e.final_urls],
  };
}

/** Types one row against its event type. */
function spec<T extends EventType>(s: WatchSpec<T>): WatchSpec<EventType> {
  return s as unknown as WatchSpec<EventType>;
}

function termFound(w: ResolvedWatch, e: EventOf<'page'>, page: PageContext | undefined): Found | undefined {
  if ((w.rule.tag && !e.tags.includes(w.rule.tag)) || inScope(e.host, w.inside)) return undefined;
  const matches = termMatches(w.rule.term!, page ? page.text() : (e.title ?? ''));
  if (!matches.length) return undefined;
  return {
    subject: e.host,
    scope: w.rule.term!.text,
    details: { matched: matches.join(' | '), title: e.title ?? '', ...(w.rule.tag ? { tag: w.rule.tag } : {}) },
    urls: [e.final_url],
  };
}

function int32(v: string): string {
  const n = Number(v);
  if (!/^-?\d{1,10}$/.test(v) || n < -(2 ** 31) || n >= 2 ** 31)
    throw new Error(`"${v}" is not a favicon hash (a signed 32-bit integer)`);
  return String(n);
}

function sha256(v: string): string {
  if (!/^[0-9a-f]{64}$/i.test(v)) throw new Error(`"${v.slice(0, 100)}" is not a SHA-256 (64 hex digits)`);
  return v.toLowerCase();
}

/** A rule as written, or an Error whose message says what is wrong with it. */
export function parseWatchRule(text: string): WatchRule {
  const [head = '', ...opts] = text.trim().split(/\s+/);
  const colon = head.indexOf(':');
  const name = head.slice(0, colon) as WatchRuleName;
  const value = head.slice(colon + 1);
  const s = RULES[name];
  if (colon === -1 || !s)
    throw new Error(
      `unknown watch rule "${head.slice(0, 100)}"; known: ${WATCH_RULE_NAMES.map((n) => `${n}:VALUE`).join(', ')}`,
    );
  if (!value) throw new Error(`${name}: needs a value after the colon`);
  const options = parseOptions(name, opts);
  const project = value.startsWith('@') ? value.slice(1) : undefined;
  if (project !== undefined && !s.kinds.length)
    throw new Error(`${name}: takes a literal value, not a project (@${project})`);
  if (project === '') throw new Error(`${name}: @ needs a project name`);
  const rule: WatchRule = {
    text: text.trim(),
    name,
    project,
    outside: (options.outside ?? '').split(',').filter(Boolean).map(lowerHost),
    tag: options.tag,
  };
  if (project === undefined) rule.value = s.literal(value);
  if (s.needsInside && project === undefined && !rule.outside.length)
    throw new Error(`${name}:${value} needs outside:HOST,... (the hosts that are yours) or a @PROJECT value`);
  if (options.cause !== undefined) {
    if (name !== 'new-parent') throw new Error(`${name}: takes no cause: option`);
    const causes = options.cause.split(',');
    const bad = causes.filter((c) => !(HOST_PAIR_CAUSES as readonly string[]).includes(c));
    if (bad.length)
      throw new Error(`${name}: cause "${bad.join(',').slice(0, 100)}" is not one of ${HOST_PAIR_CAUSES.join(', ')}`);
    rule.causes = new Set(causes);
  }
  if (options.tag !== undefined && name !== 'keyword' && name !== 'regex')
    throw new Error(`${name}: takes no tag: option`);
  if (name === 'keyword' || name === 'regex') rule.term = parseTerm(name, value);
  return rule;
}

function parseOptions(name: string, opts: string[]): Partial<Record<OptionName, string>> {
  const out: Partial<Record<OptionName, string>> = {};
  for (const o of opts) {
    const colon = o.indexOf(':');
    const key = o.slice(0, colon) as OptionName;
    if (colon === -1 || !OPTIONS.includes(key) || !o.slice(colon + 1))
      throw new Error(
        `${name}: unknown option "${o.slice(0, 100)}"; options are ${OPTIONS.map((x) => `${x}:...`).join(', ')}`,
      );
    if (out[key] !== undefined) throw new Error(`${name}: option ${key}: given twice`);
    out[key] = o.slice(colon + 1);
  }
  return out;
}

/** The watch with its values, or why it cannot be evaluated (its project does not exist). */
export function resolveWatch(name: string, rule: WatchRule, projects: ProjectIndicators): ResolvedWatch | string {
  const resolved = (values: string[], inside: string[]): ResolvedWatch => ({
    name,
    rule,
    values: new Set(values),
    inside,
    variants: rule.name === 'cloaking' ? lookAlikes(values) : new Map(),
  });
  if (rule.project === undefined) return resolved([rule.value!], [...rule.outside]);
  const indicators = projects.get(rule.project);
  if (!indicators) return `watch ${name}: no project "${rule.project}"`;
  return resolved(valuesOf(indicators, RULES[rule.name].kinds), [...valuesOf(indicators, OWN_KINDS), ...rule.outside]);
}

/** The look-alike domains of the names' registrable domains (a name that has none, such as an IP address, has none). */
function lookAlikes(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const domain of new Set(names.map(siteOf))) {
    try {
      for (const v of domainVariants(domain)) if (!out.has(v.domain)) out.set(v.domain, domain);
    } catch {
      // not a registrable domain: nothing looks like it
    }
  }
  return out;
}

/** What a watch finds in a batch of events; `page` gives what only a capture holds, when the caller has it. */
export function evaluateWatch(
  w: ResolvedWatch,
  events: readonly VucrawlEvent[],
  page: (captureId: string) => PageContext | undefined = () => undefined,
): WatchCandidate[] {
  const s = RULES[w.rule.name];
  const out: WatchCandidate[] = [];
  for (const e of events) {
    if (schemaType(e.schema) !== s.on) continue;
    const found = s.find(w, e, page(e.capture_id));
    if (found) out.push({ ...found, rule: w.rule.text, observed_at: e.observed_at, capture_id: e.capture_id });
  }
  return out;
}
