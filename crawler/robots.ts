// robots.txt, as a site operator would expect a crawler to honour it. Fetched once per
// origin per crawl, through the egress proxy (so under the egress policy, host rules and upstream,
// with the virtual user's user agent), and read with robots-parser. The modes:
//   obey          every target obeys its site's robots.txt
//   seeds-exempt  the targets the operator named are crawled, followed links obey (default)
//   ignore        robots.txt is not fetched
// RFC 9309: a robots.txt that is missing (4xx) allows everything; a server error (5xx)
// disallows everything for now; one that cannot be fetched at all allows (the page's own
// visit then reports the network failure). A Crawl-delay slows the site's host down.
import robotsParserModule from 'robots-parser';

export const ROBOTS_MODES = ['obey', 'seeds-exempt', 'ignore'] as const;
export type RobotsMode = (typeof ROBOTS_MODES)[number];

/** What robots.txt says of one URL for one user agent. */
export type RobotsVerdict = { allowed: true; crawlDelayMs?: number } | { allowed: false; why: string };

/** How a robots.txt is fetched: the status and text, or undefined when it could not be fetched at all. */
export type RobotsFetch = (url: string) => Promise<{ status?: number; text?: string } | undefined>;

interface Rules {
  verdict(url: string, userAgent: string): RobotsVerdict;
}

/** Larger robots.txt files are not read (Google's limit is 500 KiB). */
export const ROBOTS_MAX_BYTES = 512 * 1024;
export const ROBOTS_TIMEOUT_MS = 15_000;
const MAX_CRAWL_DELAY_MS = 30_000;

// robots-parser is CommonJS (module.exports = the parser); its typings declare an ES default export.
const robotsParser = robotsParserModule as unknown as (
  url: string,
  text: string,
) => {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
  getCrawlDelay(ua?: string): number | undefined;
};

export class RobotsPolicy {
  /** One robots.txt per origin for the life of the crawl. */
  private readonly byOrigin = new Map<string, Promise<Rules>>();
  /** Links skipped because robots.txt disallows them. */
  skipped = 0;

  constructor(readonly mode: RobotsMode) {}

  /** Whether this target has to ask at all (seeds are exempt unless the mode is obey). */
  applies(depth: number): boolean {
    return this.mode === 'obey' || (this.mode === 'seeds-exempt' && depth > 0);
  }

  async check(url: string, userAgent: string, fetch: RobotsFetch): Promise<RobotsVerdict> {
    const origin = new URL(url).origin;
    let rules = this.byOrigin.get(origin);
    if (!rules) this.byOrigin.set(origin, (rules = this.fetchRules(`${origin}/robots.txt`, fetch)));
    const v = (await rules).verdict(url, userAgent);
    if (!v.allowed) this.skipped++;
    return v;
  }

  private async fetchRules(robotsUrl: string, fetch: RobotsFetch): Promise<Rules> {
    // One that cannot be fetched at all allows everything (RFC 9309); the page's own visit records the failure.
    const r = await fetch(robotsUrl).catch(() => undefined);
    const status = r?.status;
    if (status !== undefined && status >= 500)
      return {
        verdict: () => ({
          allowed: false,
          why: `${robotsUrl} answered ${status}: everything is disallowed for now (RFC 9309)`,
        }),
      };
    if (status === undefined || status >= 400 || r?.text === undefined) return { verdict: () => ({ allowed: true }) };
    const parsed = robotsParser(robotsUrl, r.text);
    return {
      verdict: (url, ua) => {
        if (parsed.isAllowed(url, ua) === false)
          return { allowed: false, why: `${robotsUrl} disallows it (line ${parsed.getMatchingLineNumber(url, ua)})` };
        const delay = parsed.getCrawlDelay(ua);
        return {
          allowed: true,
          crawlDelayMs: delay === undefined ? undefined : Math.min(MAX_CRAWL_DELAY_MS, delay * 1000),
        };
      },
    };
  }
}
