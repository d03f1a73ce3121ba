// Every scenario of the test internet, and what tests and the demo derive from them.

import type { Scenario } from '../types.js';
import { botDetection } from './bot-detection.js';
import { brandScenarios } from './brand-lookalikes.js';
import { changingShopScenarios } from './changing-shop.js';
import { cloakingContextScenarios, CONTEXT_KITS } from './cloaking-contexts.js';
import { cloakingKits } from './cloaking-kits.js';
import { componentScenarios } from './components.js';
import { cookieScenarios } from './cookies.js';
import { crawlScenarios } from './crawl.js';
import { egressScenarios } from './egress.js';
import { errorPageScenarios } from './error-page.js';
import { frameScenarios } from './frames.js';
import { hostileBodyScenarios } from './hostile-bodies.js';
import { hostilePageScenarios } from './hostile-pages.js';
import { navigationScenarios } from './navigation.js';
import { phishingScenarios } from './phishing-copy.js';
import { politeScenarios } from './polite.js';
import { shopScenarios } from './shop.js';
import { subresourceScenarios } from './subresources.js';
import { trackerScenarios } from './trackers.js';
import { trapScenarios } from './trap.js';
import { xssScenarios } from './xss.js';

export const allScenarios: Scenario[] = [
  ...navigationScenarios,
  ...frameScenarios,
  ...subresourceScenarios,
  ...cookieScenarios,
  ...trackerScenarios,
  ...componentScenarios,
  ...shopScenarios,
  ...crawlScenarios,
  ...hostilePageScenarios,
  ...hostileBodyScenarios,
  ...trapScenarios,
  ...egressScenarios,
  ...xssScenarios,
  ...errorPageScenarios,
  ...politeScenarios,
  ...phishingScenarios,
  ...changingShopScenarios,
  botDetection,
  ...cloakingKits,
  ...cloakingContextScenarios,
  ...brandScenarios,
];

export const scenarioSeeds: Record<string, string> = Object.fromEntries(allScenarios.map((s) => [s.name, s.seed]));

/** Each scenario's hosts (sorted); no host belongs to two scenarios. */
export const scenarioHosts: Record<string, string[]> = Object.fromEntries(
  allScenarios.map((s) => [s.name, [...new Set(s.routes.map((r) => r.host))].sort()]),
);

/** `METHOD url` of every request opening the seed makes (scenarios where that set is bounded). */
export const scenarioLoads: Record<string, string[]> = Object.fromEntries(
  allScenarios.flatMap((s) => (s.loads ? [[s.name, s.loads]] : [])),
);

/** Every host of the test internet (sorted): the TLS certificate must name all of them. */
export const allHosts: string[] = Object.values(scenarioHosts).flat().sort();

/** The most telling scenarios, for `vucrawl demo`; a phishing kit that cloaks from scanners is visited as a victim and as a scanner. */
export const demoSeeds: { url: string; compare?: string[] }[] = [
  ...['shop', 'trackers', 'redirect-chain', 'nested-iframes', 'crawl'].map((name) => {
    const seed = scenarioSeeds[name];
    if (!seed) throw new Error(`demo scenario ${name} missing`);
    return { url: seed };
  }),
  { url: CONTEXT_KITS.header.url, compare: [...CONTEXT_KITS.header.compare] },
];
