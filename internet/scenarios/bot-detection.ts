// A bot-detection page, over https: FingerprintJS's BotD (the @fingerprintjs/botd package's
// own bundle) and the checks of detection/detect.js across the page, its frames, its
// workers and the request headers this server saw. It posts its report to /report; tests
// read it from the request log (DETECTION_REPORT_URL), people from the page (#verdict).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage } from 'node:http';
import { corsHeaders, js, noContent, page, send } from '../respond.js';
import type { Handler, Scenario } from '../types.js';

const HOST = 'www.botcheck.test';
export const DETECTION_URL = `https://${HOST}/`;
export const DETECTION_REPORT_URL = `https://${HOST}/report`;

/** A browser-side file of detection/ (from source, or from dist/ back into the source tree). */
function detectionFile(name: string): string {
  const candidates = [
    fileURLToPath(new URL(`../detection/${name}`, import.meta.url)),
    fileURLToPath(new URL(`../../../internet/detection/${name}`, import.meta.url)),
  ];
  const found = candidates.find((f) => existsSync(f));
  if (!found) throw new Error(`test internet: detection/${name} not found`);
  return readFileSync(found, 'utf8');
}

const PROBE = detectionFile('probe.js');
const DETECT = detectionFile('detect.js');

/** BotD's ES module bundle, from its package (a development dependency: without it the page says so). */
function botd(): string {
  try {
    return readFileSync(createRequire(import.meta.url).resolve('@fingerprintjs/botd/dist/botd.esm.js'), 'utf8');
  } catch {
    return "export function load() { throw new Error('@fingerprintjs/botd is not installed'); }";
  }
}

/** A request's headers in the order they came, as detect.js compares them. */
export function rawHeaders(req: IncomingMessage): { names: string[]; values: string[] } {
  const names: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    names.push(req.rawHeaders[i]!);
    values.push(req.rawHeaders[i + 1]!);
  }
  return { names, values };
}

const detectionPage: Handler = (req, res) => {
  // What the server saw of the document request goes into the page, for the header checks.
  const saw = JSON.stringify({ document: rawHeaders(req.raw) }).replace(/</g, '\\u003c');
  page(
    'Are you a bot?',
    `<h1>Are you a bot?</h1>
<pre id="verdict">checking...</pre>
<script type="application/json" id="server-saw">${saw}</script>
<script src="/probe.js"></script>
<script type="module" src="/detect.js"></script>`,
  )(req, res);
};

/** The request's own headers as JSON (readable from any origin). */
const echo: Handler = (req, res) =>
  send(res, 200, 'application/json', JSON.stringify(rawHeaders(req.raw)), corsHeaders(req));

export const botDetection: Scenario = {
  name: 'bot-detection',
  seed: DETECTION_URL,
  routes: [
    { host: HOST, path: '/', handler: detectionPage },
    { host: HOST, path: '/probe.js', handler: js(PROBE) },
    { host: HOST, path: '/detect.js', handler: js(DETECT) },
    { host: HOST, path: '/botd.js', handler: js(botd()) },
    {
      host: HOST,
      path: '/worker.js',
      handler: js("importScripts('/probe.js');\nreadIdentity().then((id) => postMessage(id));"),
    },
    // Shared and service workers say who they are when asked (as a kit's worker would answer the page).
    {
      host: HOST,
      path: '/shared.js',
      handler: js(
        "importScripts('/probe.js');\nonconnect = (e) => { const port = e.ports[0]; port.onmessage = () => readIdentity().then((id) => port.postMessage(id)); };",
      ),
    },
    {
      host: HOST,
      path: '/sw.js',
      handler: js(
        "importScripts('/probe.js');\nself.addEventListener('message', (e) => { readIdentity().then((id) => e.source.postMessage(id)); });",
      ),
    },
    { host: HOST, path: '/echo', handler: echo },
    { host: HOST, path: '/report', handler: noContent() },
    { host: HOST, path: '/favicon.ico', handler: noContent() },
    {
      host: 'frame.botcheck-frame.test',
      path: '/frame',
      handler: page(
        'frame',
        `<script src="/probe.js"></script><script>readIdentity().then((id) => parent.postMessage(id, '*'));</script>`,
      ),
    },
    { host: 'frame.botcheck-frame.test', path: '/probe.js', handler: js(PROBE) },
  ],
};
