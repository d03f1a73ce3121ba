// Components over real-Chromium captures of the test internet: the exact component events
// of a WordPress blog behind nginx with jQuery, a React app and a Laravel application, the
// globals read in the page included; and every one valid against its schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageCapture } from '../capture/capture.js';
import { schemaId, type EventOf } from '../extractor/events.js';
import { extractEvents } from '../extractor/extract.js';
import { validateEvent } from '../sinks/validate.js';
import { captureFor, crawlSeeds } from './helpers/harness.js';
import { COMPONENT_VERSIONS as V, REACT_URL, WP_JQUERY_URL } from '../internet/scenarios/components.js';
import { scenarioSeeds, startTestInternet, type TestInternet } from '../internet/server.js';

const SCENARIOS = ['components-wordpress', 'components-react', 'components-laravel'];
let net: TestInternet;
let captures: PageCapture[];

beforeAll(async () => {
  net = await startTestInternet();
  ({ captures } = await crawlSeeds(
    net,
    SCENARIOS.map((n) => scenarioSeeds[n]!),
  ));
});
afterAll(async () => {
  await net?.close();
});

const componentsOf = (name: string) =>
  extractEvents(captureFor(captures, scenarioSeeds[name]!)).filter(
    (e): e is EventOf<'component'> => e.schema === schemaId('component'),
  );
/** host, category, name, version, source, where: the fields that say what was found. */
const found = (name: string) =>
  componentsOf(name).map((c) => [c.host, c.category, c.name, c.version, c.source, c.where]);

describe('component events of real pages', () => {
  it('a WordPress blog behind nginx with jQuery: server header, generator, REST link, paths, jQuery by URL and global', () => {
    const host = 'www.wpblog.test';
    expect(found('components-wordpress')).toEqual([
      [host, 'Server', 'nginx', V.nginx, 'header', 'server'],
      [host, 'JavaScript Library', 'jQuery', V.jquery, 'js-global', 'jQuery.fn.jquery'],
      [host, 'CMS', 'WordPress', V.wordpress, 'meta', 'generator'],
      [host, 'CMS', 'WordPress', null, 'html', 'http://www.wpblog.test/'],
      [host, 'JavaScript Library', 'jQuery', V.jquery, 'script-url', WP_JQUERY_URL],
      [host, 'CMS', 'WordPress', null, 'request-path', WP_JQUERY_URL],
    ]);
  });

  it('a React app: the library by its CDN URL and by React.version read in the page', () => {
    expect(found('components-react')).toEqual([
      ['www.reactapp.test', 'JavaScript Framework', 'React', V.react, 'js-global', 'React.version'],
      ['www.reactapp.test', 'JavaScript Framework', 'React', V.react, 'script-url', REACT_URL],
    ]);
  });

  it('a Laravel application: laravel_session (XSRF-TOKEN alone says nothing) and PHP from X-Powered-By', () => {
    expect(found('components-laravel')).toEqual([
      ['www.laravelshop.test', 'Programming Language', 'PHP', V.php, 'header', 'x-powered-by'],
      ['www.laravelshop.test', 'Framework', 'Laravel', null, 'cookie', 'laravel_session'],
    ]);
  });

  it('every component event is valid against its schema and carries its capture', () => {
    for (const name of SCENARIOS) {
      for (const e of componentsOf(name)) {
        expect(validateEvent(e)).toMatchObject({ ok: true });
        expect(e.capture_id).toBe(captureFor(captures, scenarioSeeds[name]!).capture_id);
      }
    }
  });
});
