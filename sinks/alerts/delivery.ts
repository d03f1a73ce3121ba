// Where a raised alert goes, once per fact: its key is looked up (this process's, then the
// `alerts` table's), and a new one is appended to alerts.ndjson, inserted into the table,
// published to vucrawl.alerts when Kafka is configured, and POSTed to the webhooks. The
// NDJSON file comes first: whatever fails after it, the alert is on disk. The table insert
// is retried (store/insert.ts); Kafka spills while the broker is down and sends the spill
// later; a webhook retries, then dead-letters (webhooks.ts).
import { appendFile, mkdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Alert } from '../../alerting/alert.js';
import { outPaths, type OutPaths } from '../../runtime/out-paths.js';
import { insertAlerts, knownAlertKeys } from '../clickhouse/alert-table.js';
import type { TableAccess } from '../../store/access.js';
import { createKafka, type KafkaOptions } from '../kafka/connect.js';
import { KafkaPublisher, PUBLISHER_DEFAULTS } from '../kafka/publisher.js';
import { ALERTS_TOPIC } from '../kafka/topics.js';
import { postAlerts, WEBHOOK_DEFAULTS, type Webhook, type WebhookOptions } from './webhooks.js';

export interface AlertDeliveryOptions {
  /** An output folder: it holds alerts.ndjson, the webhooks' dead letters and Kafka's spill (runtime/out-paths.ts). */
  dir: string;
  kafka?: KafkaOptions;
  webhooks: readonly Webhook[];
  webhook?: Partial<Omit<WebhookOptions, 'deadLetterFile'>>;
}

export class AlertDelivery {
  private readonly raised = new Set<string>();
  private readonly kafka?: KafkaPublisher;
  private readonly webhook: WebhookOptions;
  private readonly paths: OutPaths;

  constructor(
    private readonly access: TableAccess,
    private readonly o: AlertDeliveryOptions,
    private readonly log: Logger,
  ) {
    this.paths = outPaths(o.dir);
    this.kafka =
      o.kafka &&
      new KafkaPublisher(
        createKafka(o.kafka, log),
        o.kafka,
        { ...PUBLISHER_DEFAULTS, spillDir: this.paths.alertKafkaSpill },
        log,
      );
    this.webhook = { ...WEBHOOK_DEFAULTS, ...o.webhook, deadLetterFile: this.paths.alertWebhookDeadLetters };
  }

  /** Delivers the alerts whose fact is new; returns them. */
  async raise(alerts: readonly Alert[]): Promise<Alert[]> {
    const byKey = new Map(alerts.filter((a) => !this.raised.has(a.key)).map((a) => [a.key, a]));
    const known = await knownAlertKeys(this.access, [...byKey.keys()]);
    const fresh = [...byKey.values()].filter((a) => !known.has(a.key));
    if (!fresh.length) return [];
    for (const a of fresh) this.raised.add(a.key);
    await mkdir(this.paths.dir, { recursive: true });
    await appendFile(this.paths.alerts, fresh.map((a) => `${JSON.stringify(a)}\n`).join(''));
    await insertAlerts(this.access, fresh);
    await this.kafka?.publish(fresh.map((a) => ({ topic: ALERTS_TOPIC, key: a.key, value: JSON.stringify(a) })));
    for (const a of fresh) this.log.warn({ alert: a.key, source: a.source, rule: a.rule, subject: a.subject }, 'alert');
    await postAlerts(this.o.webhooks, fresh, this.webhook, this.log);
    return fresh;
  }

  /** Sends what Kafka holds (or spills it) and lets go. */
  async close(): Promise<void> {
    await this.kafka?.close();
  }
}
