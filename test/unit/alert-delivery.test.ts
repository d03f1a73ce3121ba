// Alert delivery on plain records: once per fact (this process, then the table), the
// NDJSON file, webhook bodies of both kinds, retries, and the dead-letter file.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_RECORD_SCHEMA, toAlert, type Alert } from '../../alerting/alert.js';
import { AlertDelivery } from '../../sinks/alerts/delivery.js';
import { ALERTS_FILE, WEBHOOK_DEAD_LETTERS_FILE } from '../../runtime/out-paths.js';
import type { TableAccess as StoreAccess } from '../../store/access.js';
import { quietLog } from '../helpers/harness.js';

/** A store of alert rows in memory: answers the key lookup, keeps what is inserted. */
function memoryAccess(): StoreAccess & { inserted: Record<string, unknown>[] } {
  const inserted: Record<string, unknown>[] = [];
  return {
    db: 'vucrawl',
    inserted,
    rows: async <T>(_q: string, params: Record<string, unknown> = {}) =>
      inserted.filter((r) => (params.keys as string[]).includes(r.key as string)).map((r) => ({ key: r.key }) as T),
    insert: async (_table, rows) => {
      inserted.push(...rows);
    },
  };
}

const alert = (subject: string): Alert =>
  toAlert(
    'monitor',
    'shop',
    {
      rule: 'new-child-host',
      subject,
      scope: 'http://www.shop.test/',
      details: { child: subject },
      urls: ['http://www.shop.test/', `http://${subject}/x.js`],
      observed_at: Date.UTC(2026, 10, 30),
      capture_id: 'c1',
    },
    Date.UTC(2026, 10, 30, 0, 1),
  );

/** Answers each request with the next status of `statuses` (then 200), keeping the bodies. */
let server: Server;
let url: string;
let statuses: number[] = [];
const bodies: unknown[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let b = '';
    req.on('data', (d) => {
      b += d;
    });
    req.on('end', () => {
      bodies.push(JSON.parse(b));
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const fast = { retryBaseMs: 10, retryMaxMs: 20, attempts: 3 };

describe('the alert record', () => {
  it('is what schemas/alert.schema.json describes, and that file is the one the schema generator writes', () => {
    const file = readFileSync(path.join('schemas', 'alert.schema.json'), 'utf8');
    expect(file).toBe(`${JSON.stringify(ALERT_RECORD_SCHEMA, null, 2)}\n`);
    const validate = new Ajv({ allowUnionTypes: true }).compile(JSON.parse(file) as object);
    expect(validate(alert('cdn.evil.test')), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...alert('cdn.evil.test'), source_kind: 'cron' })).toBe(false);
    expect(validate({ ...alert('cdn.evil.test'), first_seen: 'yesterday' })).toBe(false);
  });
});

describe('alert delivery', () => {
  it('raises a fact once: in this process, and when the table holds its key', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'alerts-'));
    const access = memoryAccess();
    const first = new AlertDelivery(access, { dir, webhooks: [] }, quietLog);
    expect((await first.raise([alert('a.test'), alert('a.test'), alert('b.test')])).map((a) => a.subject)).toEqual([
      'a.test',
      'b.test',
    ]);
    expect(await first.raise([alert('a.test')])).toEqual([]);
    const other = new AlertDelivery(access, { dir, webhooks: [] }, quietLog);
    expect((await other.raise([alert('b.test'), alert('c.test')])).map((a) => a.subject)).toEqual(['c.test']);
    expect(access.inserted.map((r) => r.subject)).toEqual(['a.test', 'b.test', 'c.test']);
    expect(
      readFileSync(path.join(dir, ALERTS_FILE), 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as Alert).subject),
    ).toEqual(['a.test', 'b.test', 'c.test']);
  });

  it('posts the alert as JSON and as a Slack text, retrying a failed delivery', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'alerts-'));
    bodies.length = 0;
    statuses = [503];
    const d = new AlertDelivery(
      memoryAccess(),
      {
        dir,
        webhooks: [
          { kind: 'json', url: `${url}/json` },
          { kind: 'slack', url: `${url}/slack` },
        ],
        webhook: fast,
      },
      quietLog,
    );
    const [a] = await d.raise([alert('a.test')]);
    // Two webhooks, one of them answered 503 once: three requests, each body the alert or its text.
    expect(bodies).toHaveLength(3);
    for (const b of bodies) expect(b).toEqual('text' in (b as object) ? { text: expect.any(String) } : a);
    expect(bodies).toContainEqual({
      text: expect.stringContaining('vucrawl monitor "shop": new-child-host a.test on http://www.shop.test/'),
    });
    expect(existsSync(path.join(dir, WEBHOOK_DEAD_LETTERS_FILE))).toBe(false);
  });

  it('dead-letters a delivery that kept failing, with the webhook origin only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'alerts-'));
    bodies.length = 0;
    statuses = [500, 500, 500];
    const d = new AlertDelivery(
      memoryAccess(),
      { dir, webhooks: [{ kind: 'json', url: `${url}/secret-path` }], webhook: fast },
      quietLog,
    );
    await d.raise([alert('a.test')]);
    expect(bodies).toHaveLength(3);
    const [dead] = readFileSync(path.join(dir, WEBHOOK_DEAD_LETTERS_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { webhook: string; error: string; alert: Alert });
    expect(dead).toMatchObject({ webhook: url, error: 'HTTP 500', alert: { subject: 'a.test' } });
  });
});
