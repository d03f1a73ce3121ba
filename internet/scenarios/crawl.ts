// A small site for the frontier: seven pages on www.crawl.test linked every way a crawler
// must normalise (relative, absolute, #fragment, reordered query), one broken link, a
// same-site host (other.crawl.test) and an external site (www.elsewhere.test).

import { page } from '../respond.js';
import type { Scenario } from '../types.js';

const nav = (links: [string, string][]): string =>
  `<ul>\n${links.map(([href, text]) => `  <li><a href="${href}">${text}</a></li>`).join('\n')}\n</ul>`;

export const crawl: Scenario = {
  name: 'crawl',
  seed: 'http://www.crawl.test/',
  loads: ['GET http://www.crawl.test/'],
  routes: [
    {
      host: 'www.crawl.test',
      path: '/',
      handler: page(
        'Crawl: home',
        `<h1 id="top">Home</h1>\n${nav([
          ['about', 'About (relative)'],
          ['http://www.crawl.test/products/', 'Products (absolute)'],
          ['/blog/#latest', 'Blog (with fragment)'],
          ['/products/widget?color=red&size=m', 'Widget'],
          ['/products/widget?size=m&color=red', 'Widget again (query reordered)'],
          ['#top', 'Top (fragment only)'],
          ['http://other.crawl.test/', 'Other host, same site'],
          ['http://www.elsewhere.test/', 'Another site'],
          ['mailto:info@crawl.test', 'Mail'],
          ['javascript:void(0)', 'Script link'],
        ])}`,
      ),
    },
    {
      host: 'www.crawl.test',
      path: '/about',
      handler: page(
        'Crawl: about',
        `<h1>About</h1>\n${nav([
          ['/', 'Home'],
          ['contact', 'Contact (relative)'],
          ['/about#team', 'Team (self + fragment)'],
          ['/old-page', 'Broken link (404)'],
        ])}`,
      ),
    },
    {
      host: 'www.crawl.test',
      path: '/contact',
      handler: page('Crawl: contact', `<h1>Contact</h1>\n${nav([['/', 'Home']])}`),
    },
    {
      host: 'www.crawl.test',
      path: '/products/',
      handler: page(
        'Crawl: products',
        `<h1>Products</h1>\n${nav([
          ['widget?color=red&size=m', 'Widget (relative)'],
          ['../', 'Home (dot-dot)'],
        ])}`,
      ),
    },
    {
      host: 'www.crawl.test',
      path: '/products/widget',
      handler: page(
        'Crawl: widget',
        `<h1>Widget</h1>\n${nav([
          ['/products/', 'Products'],
          ['/', 'Home'],
        ])}`,
      ),
    },
    {
      host: 'www.crawl.test',
      path: '/blog/',
      handler: page(
        'Crawl: blog',
        `<h1 id="latest">Blog</h1>\n${nav([
          ['post-1', 'First post (relative)'],
          ['/', 'Home'],
        ])}`,
      ),
    },
    {
      host: 'www.crawl.test',
      path: '/blog/post-1',
      handler: page(
        'Crawl: first post',
        `<h1>First post</h1>\n${nav([
          ['/blog/', 'Blog'],
          ['http://www.crawl.test/about', 'About (absolute)'],
        ])}`,
      ),
    },
    {
      host: 'other.crawl.test',
      path: '/',
      handler: page(
        'Crawl: other host',
        `<h1>Other</h1>\n${nav([
          ['http://www.crawl.test/', 'Back home'],
          ['/page', 'Other page'],
        ])}`,
      ),
    },
    {
      host: 'other.crawl.test',
      path: '/page',
      handler: page('Crawl: other page', `<h1>Other page</h1>\n${nav([['/', 'Other home']])}`),
    },
    {
      host: 'www.elsewhere.test',
      path: '/',
      handler: page(
        'Elsewhere',
        `<h1>Elsewhere</h1>\n${nav([
          ['/more', 'More'],
          ['http://www.crawl.test/', 'Crawl site'],
        ])}`,
      ),
    },
    {
      host: 'www.elsewhere.test',
      path: '/more',
      handler: page('Elsewhere: more', `<h1>More</h1>\n${nav([['/', 'Elsewhere home']])}`),
    },
  ],
};

export const crawlScenarios: Scenario[] = [crawl];
