// A crawl's egress policy, put together: the gate every connection passes (egress-gate.ts)
// and the SOCKS5 proxy that puts the browser behind it (socks-proxy.ts). When the policy
// allows every address (--allow-private, no --deny-net) there is nothing to enforce: the
// browser connects directly, as Chromium would, with the host-resolver rules and upstream
// proxy given to it. Otherwise the browser resolves nothing itself: the proxy applies the
// rules, resolves, checks and connects, and tells the recorder where each connection went.
// The crawler's own requests (robots.txt) always go through the proxy, started on demand.
import type { Logger } from 'pino';
import type { CrawlOptions } from '../options.js';
import { proxySettings, type ProxySettings } from '../upstream-proxy.js';
import { AddressPolicy } from './address-policy.js';
import { EgressGate, type EgressDecision } from './egress-gate.js';
import { readHostRules, type HostRules } from './host-rules.js';
import { defaultPort } from '../../capture/url.js';
import { egressFetch, type EgressFetchOptions, type EgressFetchResult } from './egress-fetch.js';
import { EgressProxy, type EgressFailure, type EgressRecord } from './socks-proxy.js';

export type EgressOptions = Pick<
  CrawlOptions,
  'allowPrivate' | 'allowNets' | 'denyNets' | 'hostResolverRules' | 'dnsServer' | 'proxy'
>;

/** What the recorder asks about the connections behind a page's requests. */
export interface EgressLog {
  connectedTo(host: string, port: number): EgressRecord | undefined;
  failure(host: string, port: number): EgressFailure | undefined;
}

/** WebRTC could send UDP around any proxy: behind the egress proxy it may only use proxied TCP. */
const PROXIED_ONLY_ARGS = ['--force-webrtc-ip-handling-policy=disable_non_proxied_udp'];

export class Egress {
  private readonly policy: AddressPolicy;
  private readonly gate: EgressGate;
  private readonly hostRules?: HostRules;
  private proxy?: EgressProxy;
  private starting?: Promise<EgressProxy>;

  constructor(
    private readonly o: EgressOptions,
    private readonly log: Logger,
  ) {
    this.policy = new AddressPolicy({ allowPrivate: o.allowPrivate, allowNets: o.allowNets, denyNets: o.denyNets });
    this.hostRules = o.hostResolverRules === undefined ? undefined : readHostRules(o.hostResolverRules);
    this.gate = new EgressGate({
      policy: this.policy,
      rules: this.hostRules?.rules ?? [],
      dnsServer: o.dnsServer,
      upstreamProxy: Boolean(o.proxy),
    });
  }

  /** Whether the browser's connections pass the proxy (false when the policy allows everything). */
  get enforced(): boolean {
    return !this.policy.allowsEverything;
  }

  /** The connections' log, for the recorder (undefined when not enforced: the browser reports real addresses). */
  get connections(): EgressLog | undefined {
    return this.enforced ? this.proxy : undefined;
  }

  /** Why a target may not be visited (checked before any browser sees it), or undefined when it may. */
  async refusal(url: string): Promise<string | undefined> {
    if (!this.enforced) return undefined;
    const u = new URL(url);
    const d: EgressDecision = await this.gate.decide(u.hostname, defaultPort(u));
    // A name that does not resolve here is left to the proxy: the visit records the failure.
    return !d.allowed && d.blocked ? d.reason : undefined;
  }

  /**
   * The proxy and switches a browser with this user agent is launched with. Unenforced, the
   * browser asks the upstream proxy for tunnels itself, with its own user agent.
   */
  async browserSettings(userAgent: string): Promise<{ proxy?: ProxySettings; args: string[] }> {
    if (!this.enforced) {
      const args = this.hostRules?.text ? [`--host-resolver-rules=${this.hostRules.text}`] : [];
      return { proxy: this.o.proxy ? proxySettings(this.o.proxy) : undefined, args };
    }
    const listener = await (await this.started()).as(userAgent);
    return { proxy: { server: listener.url }, args: PROXIED_ONLY_ARGS };
  }

  /** A GET the crawler makes itself, under the same policy, rules and upstream as the browser (and as that user agent). */
  async fetch(url: string, o: EgressFetchOptions): Promise<EgressFetchResult> {
    return egressFetch((await (await this.started()).as(o.userAgent)).port, url, o);
  }

  private started(): Promise<EgressProxy> {
    this.starting ??= EgressProxy.start({ gate: this.gate, upstream: this.o.proxy, log: this.log }).then((p) => {
      this.proxy = p;
      const upstream = this.o.proxy ? proxySettings(this.o.proxy).server : undefined;
      if (this.enforced)
        this.log.info(
          { proxy: p.url, upstream },
          'egress proxy started: every connection is checked against the address policy',
        );
      else
        this.log.debug({ proxy: p.url, upstream }, "egress proxy started for the crawler's own requests (robots.txt)");
      return p;
    });
    return this.starting;
  }

  get stats(): { connections: number; denied: number; failed: number } | undefined {
    return this.enforced ? this.proxy?.stats : undefined;
  }

  async close(): Promise<void> {
    await (await this.starting?.catch(() => undefined))?.close(); // a proxy that failed to start has nothing to close
  }
}
