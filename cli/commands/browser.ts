// vucrawl browser: show (or install) the Chromium that crawls use.
import { CRAWL_DEFAULTS } from '../../crawler/options.js';
import { ensureBrowser } from '../ensure-browser.js';
import { defineCommand, oneOf, positionalsExactly } from '../flags.js';

export const command = defineCommand(
  {
    name: 'browser',
    summary: 'show (or install) the Chromium that crawls use',
    args: '',
    groups: [
      {
        title: 'Browser',
        flags: {
          install: {
            kind: 'boolean',
            help: "install it when missing (Debian's packages as root, else Playwright's download)",
          },
          browser: {
            kind: 'string',
            value: 'ENGINE',
            help: 'headless-shell or chromium',
            default: () => CRAWL_DEFAULTS.engine,
          },
        },
      },
    ],
  },
  async ({ values: v, positionals, log }) => {
    positionalsExactly(positionals, 0, 'browser takes no arguments');
    const engine = oneOf(v.browser, 'browser', ['headless-shell', 'chromium'] as const) ?? CRAWL_DEFAULTS.engine;
    await ensureBrowser(engine, { install: Boolean(v.install), log });
    return 0;
  },
);
