// What a polite crawler must honour: a robots.txt that disallows a folder, and a host
// that answers 429 Too Many Requests with Retry-After: 2 the first time it is asked.

import { page, send } from '../respond.js';
import type { Handler, Scenario } from '../types.js';

const ROBOTS = 'User-agent: *\nDisallow: /private/\n';

/** 429 with Retry-After the first time, the page afterwards (per server: a test starts its own internet). */
function busyOnce(): Handler {
  let asked = 0;
  return (req, res) => {
    if (asked++ === 0) return send(res, 429, 'text/plain', 'slow down\n', { 'Retry-After': '2' });
    page('Busy: served', '<h1>Served after the pause</h1>')(req, res);
  };
}

export const robots: Scenario = {
  name: 'robots',
  seed: 'http://www.robots.test/',
  routes: [
    { host: 'www.robots.test', path: '/robots.txt', handler: (_req, res) => send(res, 200, 'text/plain', ROBOTS) },
    {
      host: 'www.robots.test',
      path: '/',
      handler: page('Robots: home', '<a href="/private/secret">private</a> <a href="/public">public</a>'),
    },
    { host: 'www.robots.test', path: '/public', handler: page('Robots: public', '<p>public</p>') },
    { host: 'www.robots.test', path: '/private/*', handler: page('Robots: private', '<p>private</p>') },
  ],
};

export const busy: Scenario = {
  name: 'busy',
  seed: 'http://www.busy.test/',
  routes: [
    { host: 'www.busy.test', path: '/', handler: busyOnce() },
    { host: 'www.busy.test', path: '/next', handler: page('Busy: next', '<p>next</p>') },
    { host: 'www.calm.test', path: '/*', handler: page('Calm', '<p>calm</p>') },
  ],
};

export const politeScenarios: Scenario[] = [robots, busy];
