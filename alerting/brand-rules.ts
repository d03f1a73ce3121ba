// A brand run's alerts (pure): what is new in a run's impersonation verdicts against what
// earlier runs saw of the same brand. Each rule is one fact, named by its key (alert.ts),
// so a fact is raised once however many runs see it:
//   new-variant             a look-alike resolves that no earlier run judged (subject: the domain)
//   verdict:impersonating   a variant judged impersonating, first seen or changed to it
//   verdict:suspicious      the same for suspicious
//   verdict-change          any other change of a variant's verdict (scope: "FROM -> TO")
// A change to impersonating or suspicious raises its verdict: alert only, so that one change
// is one alert. The brand's own domains (verdict official) raise nothing.
import type { ImpersonationEvent, ImpersonationVerdict } from '../extractor/events.js';
import type { Seen } from './alert.js';

export const BRAND_ALERT_RULES = [
  'new-variant',
  'verdict:impersonating',
  'verdict:suspicious',
  'verdict-change',
] as const;

/** What earlier runs saw of a variant (its latest verdict). */
export interface SeenVariant {
  domain: string;
  verdict: ImpersonationVerdict;
}

const ALARMING: ReadonlySet<ImpersonationVerdict> = new Set(['impersonating', 'suspicious']);

/** The findings of one run's verdicts, given the latest verdict earlier runs gave each domain. */
export function brandFindings(
  previous: ReadonlyMap<string, SeenVariant>,
  events: readonly ImpersonationEvent[],
): Seen[] {
  return events.flatMap((e) => {
    if (e.verdict === 'official') return [];
    const before = previous.get(e.domain)?.verdict;
    const seen = (rule: string, scope: string, details: Record<string, string> = {}): Seen => ({
      rule,
      subject: e.domain,
      scope,
      details: { verdict: e.verdict, score: String(e.score), fuzzer: e.fuzzer, ...details },
      urls: [e.page_url, e.final_url],
      observed_at: e.observed_at,
      capture_id: e.capture_id,
    });
    const out: Seen[] = [];
    if (before === undefined) out.push(seen('new-variant', ''));
    if (before !== e.verdict) {
      const change: Record<string, string> = before === undefined ? {} : { from: before, to: e.verdict };
      if (ALARMING.has(e.verdict)) out.push(seen(`verdict:${e.verdict}`, '', change));
      else if (before !== undefined) out.push(seen('verdict-change', `${before} -> ${e.verdict}`, change));
    }
    return out;
  });
}
