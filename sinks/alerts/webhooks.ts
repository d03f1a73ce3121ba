// Alerts POSTed to webhooks: one request per alert, as the alert itself (generic JSON) or as
// a Slack-compatible {"text": ...} message. A delivery that fails (no answer, or not 2xx) is
// retried with the project's backoff; one that kept failing is appended to a dead-letter
// file (the webhook's origin only: a webhook's path is often its secret), never dropped.
import { appendFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { alertText, type Alert } from '../../alerting/alert.js';
import { backoffDelay, sleep } from '../../runtime/timing.js';

export const WEBHOOK_KINDS = ['json', 'slack'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export interface Webhook {
  kind: WebhookKind;
  url: string;
}

export interface WebhookOptions {
  /** Attempts per alert and webhook, the first included. */
  attempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  timeoutMs: number;
  /** Where deliveries that kept failing are kept. */
  deadLetterFile: string;
}

export const WEBHOOK_DEFAULTS: Omit<WebhookOptions, 'deadLetterFile'> = {
  attempts: 4,
  retryBaseMs: 500,
  retryMaxMs: 10_000,
  timeoutMs: 10_000,
};

/** The request body of each kind. */
const BODIES: Record<WebhookKind, (a: Alert) => unknown> = {
  json: (a) => a,
  slack: (a) => ({ text: alertText(a) }),
};

/** Delivers each alert to each webhook; resolves when every delivery succeeded or was dead-lettered. */
export async function postAlerts(
  webhooks: readonly Webhook[],
  alerts: readonly Alert[],
  o: WebhookOptions,
  log: Logger,
): Promise<void> {
  for (const a of alerts) await Promise.all(webhooks.map((w) => postOne(w, a, o, log)));
}

async function postOne(w: Webhook, a: Alert, o: WebhookOptions, log: Logger): Promise<void> {
  const origin = new URL(w.url).origin;
  let error = '';
  for (let attempt = 0; attempt < o.attempts; attempt++) {
    if (attempt) await sleep(backoffDelay(attempt - 1, o.retryBaseMs, o.retryMaxMs));
    try {
      const r = await fetch(w.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(BODIES[w.kind](a)),
        signal: AbortSignal.timeout(o.timeoutMs),
      });
      await r.body?.cancel();
      if (r.ok) return;
      error = `HTTP ${r.status}`;
    } catch (e) {
      error = (e as Error).message;
    }
    log.warn({ webhook: origin, kind: w.kind, attempt: attempt + 1, error }, 'alert webhook delivery failed');
  }
  log.error(
    { webhook: origin, deadLetters: o.deadLetterFile },
    `alert webhook kept failing after ${o.attempts} attempts; the alert is in the dead-letter file`,
  );
  await appendFile(
    o.deadLetterFile,
    `${JSON.stringify({ webhook: origin, kind: w.kind, error, failed_at: new Date().toISOString(), alert: a })}\n`,
  );
}
