// A brand run's alerts (pure): the facts a run's impersonation verdicts show, each named by
// its key (alert.ts), so that a fact is raised once however many runs show it:
//   new-variant             a look-alike resolves and is judged (subject: the domain)
//   verdict:impersonating   a variant is judged impersonating
//   verdict:suspicious      the same for suspicious
//   verdict-change          a variant's verdict is another than the one before it (scope: "FROM -> TO")
// Every run proposes every fact its verdicts show (against the verdict each domain had
// before its current one, from the store), and delivery raises only those not raised yet:
// so a run that stopped after its verdicts were stored and before its alerts went out
// loses none of them. A change to impersonating or suspicious raises its verdict: alert
// only, so that one change is one alert. The brand's own domains raise nothing.
import type { ImpersonationEvent, ImpersonationVerdict } from '../extractor/events.js';
import type { Seen } from './alert.js';

export const BRAND_ALERT_RULES = [
  'new-variant',
  'verdict:impersonating',
  'verdict:suspicious',
  'verdict-change',
] as const;

const ALARMING: ReadonlySet<ImpersonationVerdict> = new Set(['impersonating', 'suspicious']);

/** The facts of one run's verdicts, given the verdict each domain had before its current one (absent: it never had another). */
export function brandFindings(
  before: ReadonlyMap<string, ImpersonationVerdict>,
  events: readonly ImpersonationEvent[],
): Seen[] {
  return events.flatMap((e) => {
    if (e.verdict === 'official') return [];
    const from = before.get(e.domain);
    const seen = (rule: string, scope: string, details: Record<string, string> = {}): Seen => ({
      rule,
      subject: e.domain,
      scope,
      details: { verdict: e.verdict, score: String(e.score), fuzzer: e.fuzzer, ...details },
      urls: [e.page_url, e.final_url],
      observed_at: e.observed_at,
      capture_id: e.capture_id,
    });
    const change: Record<string, string> = from === undefined ? {} : { from, to: e.verdict };
    const out: Seen[] = [seen('new-variant', '')];
    if (ALARMING.has(e.verdict)) out.push(seen(`verdict:${e.verdict}`, '', change));
    else if (from !== undefined) out.push(seen('verdict-change', `${from} -> ${e.verdict}`, change));
    return out;
  });
}
