// A monitor's rules: what counts as a change worth an alert between two visits of one URL.
// Each rule is a row of RULES: what its argument is, whether it compares two visits that
// showed the page (a failed visit shows nothing, so it is compared only by status-change),
// and the facts it finds. A URL's first visit is its baseline: nothing to compare, no alert.
// Pure.
import { HOST_PAIR_CAUSES } from '../capture/vocabulary.js';
import type { Finding } from './alert.js';
import { CONTENT_OUTCOMES, type ChildHost, type Observation, type TermRule } from './observation.js';
import { parseTerm, type Term } from './terms.js';

export const MONITOR_RULE_NAMES = [
  'new-child-host',
  'gone-child-host',
  'new-tracker',
  'gone-tracker',
  'hash-change',
  'keyword',
  'regex',
  'gone-keyword',
  'new-redirect',
  'status-change',
  'cert-change',
  'cloaking',
] as const;
export type MonitorRuleName = (typeof MONITOR_RULE_NAMES)[number];

/** The page hashes hash-change compares, by the name a rule lists them with. */
const HASHES = { body: 'body_sha256', dom: 'dom_sha256', favicon: 'favicon_mmh3' } as const satisfies Record<
  string,
  keyof Observation
>;
type HashName = keyof typeof HASHES;

export interface MonitorRule {
  /** As written, e.g. `new-child-host:script.src,iframe.src`. */
  text: string;
  name: MonitorRuleName;
  /** Child-host rules: only these causes; hash-change: only these hashes (absent: all). */
  only?: ReadonlySet<string>;
  /** keyword, regex, gone-keyword. */
  term?: Term;
}

/** A fact a rule found, before the monitor's URL and the visit make it a finding. */
type Fact = Omit<Finding, 'rule' | 'scope'>;

interface RuleSpec {
  /** What may follow the colon: nothing, an optional list of causes or hashes, or a keyword or pattern (required). */
  arg: 'none' | 'causes' | 'hashes' | 'keyword' | 'regex';
  /** Compares two visits that showed the page (true), or any two visits (status-change). */
  content: boolean;
  find(prev: Observation, next: Observation, r: MonitorRule): Fact[];
}

const childFacts = (from: Observation, against: Observation, r: MonitorRule, page: Observation): Fact[] => {
  const counts = (c: ChildHost) => !r.only || c.causes.some((x) => r.only!.has(x));
  const had = new Set(against.children.filter(counts).map((c) => c.host));
  return from.children
    .filter((c) => counts(c) && !had.has(c.host))
    .map((c) => ({
      subject: c.host,
      details: { child: c.host, parent: c.parent, cause: c.causes.filter((x) => !r.only || r.only.has(x)).join(',') },
      urls: [page.url, c.url],
    }));
};

const trackerFacts = (from: Observation, against: Observation, page: Observation): Fact[] =>
  Object.entries(from.trackers)
    .filter(([value]) => !(value in against.trackers))
    .map(([value, type]) => ({ subject: value, details: { type }, urls: [page.url] }));

/** What a term rule found on a visit, or undefined when the visit did not look (the rule is newer than it). */
const termsOf = (o: Observation, r: MonitorRule): string[] | undefined => o.terms[r.text];

const changed = (what: string, from: unknown, to: unknown, page: Observation): Fact[] =>
  from === null || to === null || from === to
    ? []
    : [{ subject: `${what} ${String(to)}`, details: { what, from: String(from), to: String(to) }, urls: [page.url] }];

const RULES: Record<MonitorRuleName, RuleSpec> = {
  'new-child-host': { arg: 'causes', content: true, find: (prev, next, r) => childFacts(next, prev, r, next) },
  'gone-child-host': { arg: 'causes', content: true, find: (prev, next, r) => childFacts(prev, next, r, next) },
  'new-tracker': { arg: 'none', content: true, find: (prev, next) => trackerFacts(next, prev, next) },
  'gone-tracker': { arg: 'none', content: true, find: (prev, next) => trackerFacts(prev, next, next) },
  'hash-change': {
    arg: 'hashes',
    content: true,
    find: (prev, next, r) =>
      (Object.keys(HASHES) as HashName[])
        .filter((h) => !r.only || r.only.has(h))
        .flatMap((h) => changed(h, prev[HASHES[h]], next[HASHES[h]], next)),
  },
  keyword: {
    arg: 'keyword',
    content: true,
    find: (prev, next, r) =>
      termsOf(prev, r)?.length === 0 && termsOf(next, r)?.length
        ? [{ subject: r.term!.text, details: { title: next.title ?? '' }, urls: [next.final_url] }]
        : [],
  },
  regex: {
    arg: 'regex',
    content: true,
    find: (prev, next, r) => {
      const before = termsOf(prev, r);
      return before === undefined
        ? []
        : (termsOf(next, r) ?? [])
            .filter((m) => !before.includes(m))
            .map((m) => ({ subject: m, details: { pattern: r.term!.text }, urls: [next.final_url] }));
    },
  },
  'gone-keyword': {
    arg: 'keyword',
    content: true,
    find: (prev, next, r) =>
      termsOf(prev, r)?.length && termsOf(next, r)?.length === 0
        ? [{ subject: r.term!.text, details: { title: next.title ?? '' }, urls: [next.final_url] }]
        : [],
  },
  'new-redirect': {
    arg: 'none',
    content: true,
    find: (prev, next) =>
      next.redirect_hosts
        .filter((h) => !prev.redirect_hosts.includes(h))
        .map((h) => ({
          subject: h,
          details: { from: next.url, to: next.final_url },
          urls: [next.url, next.final_url],
        })),
  },
  'status-change': {
    arg: 'none',
    content: false,
    find: (prev, next) => {
      const [from, to] = [statusOf(prev), statusOf(next)];
      return from === to ? [] : [{ subject: `${from} -> ${to}`, details: { from, to }, urls: [next.url] }];
    },
  },
  'cert-change': {
    arg: 'none',
    content: true,
    find: (prev, next) => changed('certificate', prev.cert_sha256, next.cert_sha256, next),
  },
  // Its monitor visits each URL as a victim and as a scanner (a comparison crawl); a page that starts or stops cloaking is the fact.
  cloaking: {
    arg: 'none',
    content: false,
    find: (prev, next) =>
      prev.cloaking === null || next.cloaking === null || prev.cloaking === next.cloaking
        ? []
        : [
            {
              subject: next.cloaking ? 'cloaking started' : 'cloaking stopped',
              details: { from: String(prev.cloaking), to: String(next.cloaking) },
              urls: [next.url],
            },
          ],
  },
};

/** Whether a monitor's rules need its URLs visited as a comparison (victim and scanner). */
export const comparesVisits = (rules: readonly MonitorRule[]): boolean => rules.some((r) => r.name === 'cloaking');

/** An HTTP status, or the outcome of a visit that got none (failed, refused, ...). */
const statusOf = (o: Observation): string => (o.status === null ? o.outcome : String(o.status));

/** A rule as written, or an Error whose message names it and says what is allowed. */
export function parseMonitorRule(text: string): MonitorRule {
  const colon = text.indexOf(':');
  const name = (colon === -1 ? text : text.slice(0, colon)) as MonitorRuleName;
  const arg = colon === -1 ? undefined : text.slice(colon + 1);
  const spec = RULES[name];
  if (!spec)
    throw new Error(
      `unknown rule "${text.slice(0, 100)}"; known: ${MONITOR_RULE_NAMES.join(', ')} (keyword:WORD, regex:PATTERN, gone-keyword:WORD)`,
    );
  const rule: MonitorRule = { text, name };
  if (spec.arg === 'keyword' || spec.arg === 'regex') return { ...rule, term: parseTerm(spec.arg, arg ?? '') };
  if (arg === undefined) return rule;
  if (spec.arg === 'none') throw new Error(`rule ${name} takes no argument, got "${text.slice(0, 100)}"`);
  const allowed: readonly string[] = spec.arg === 'causes' ? HOST_PAIR_CAUSES : Object.keys(HASHES);
  const only = arg.split(',').map((s) => s.trim());
  const bad = only.filter((x) => !allowed.includes(x));
  if (bad.length || !only.length)
    throw new Error(`rule ${name}: "${bad.join(',').slice(0, 100)}" is not one of ${allowed.join(', ')}`);
  return { ...rule, only: new Set(only) };
}

/** The keyword and regex rules, whose matches each observation keeps. */
export function termRules(rules: readonly MonitorRule[]): TermRule[] {
  return rules.flatMap((r) => (r.term ? [{ rule: r.text, term: r.term }] : []));
}

/** The two earlier visits a new one is compared with: the latest of any outcome, and the latest that showed the page. */
export interface Previous {
  any?: Observation;
  content?: Observation;
}

/** What changed between the earlier visits and this one, per the rules (the first visit of a URL: nothing). */
export function compareVisits(rules: readonly MonitorRule[], prev: Previous, next: Observation): Finding[] {
  return rules.flatMap((r) => {
    const spec = RULES[r.name];
    const before = spec.content ? prev.content : prev.any;
    if (!before || (spec.content && !CONTENT_OUTCOMES.has(next.outcome))) return [];
    return spec.find(before, next, r).map((f) => ({ ...f, rule: r.text, scope: next.url }));
  });
}
