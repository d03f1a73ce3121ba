// Kafka connection settings: flags over the environment over a config file over defaults,
// clear errors that name the bad input, and no password in what logs show.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeKafka, kafkaOptions } from '../../sinks/kafka/connect.js';
import { eventMessage } from '../../sinks/kafka/topics.js';
import type { ResourceEvent } from '../../extractor/events.js';

const dir = mkdtempSync(path.join(tmpdir(), 'vucrawl-kafka-options-'));
function config(content: unknown): string {
  const file = path.join(dir, `c${Math.random()}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('kafkaOptions', () => {
  it('is off when no brokers are configured anywhere', () => {
    expect(kafkaOptions({}, {})).toBeUndefined();
  });

  it('takes flags over the environment over the config file over defaults', () => {
    const file = config({ brokers: ['file:1'], clientId: 'from-file', partitions: 6 });
    expect(kafkaOptions({ config: file }, {})).toEqual({
      brokers: ['file:1'],
      clientId: 'from-file',
      ssl: false,
      ca: undefined,
      sasl: undefined,
      partitions: 6,
      replicationFactor: 1,
    });
    const env = {
      VUCRAWL_KAFKA_BROKERS: 'env:1,env:2',
      VUCRAWL_KAFKA_CLIENT_ID: 'from-env',
      VUCRAWL_KAFKA_CONFIG: file,
    };
    expect(kafkaOptions({}, env)).toMatchObject({ brokers: ['env:1', 'env:2'], clientId: 'from-env', partitions: 6 });
    expect(kafkaOptions({ brokers: 'flag:9092', partitions: '2' }, env)).toMatchObject({
      brokers: ['flag:9092'],
      clientId: 'from-env',
      partitions: 2,
    });
  });

  it('reads SASL and TLS; a CA file implies TLS', () => {
    const o = kafkaOptions(
      { brokers: 'b:9093', ca: '/etc/ca.pem', saslMechanism: 'scram-sha-512', saslUsername: 'crawler' },
      { VUCRAWL_KAFKA_SASL_PASSWORD: 's3cret' },
    )!;
    expect(o.ssl).toBe(true);
    expect(o.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'crawler', password: 's3cret' });
    expect(describeKafka(o)).toBe('Kafka b:9093 (client vucrawl, TLS, SASL scram-sha-512 as crawler)');
    expect(describeKafka(o)).not.toContain('s3cret');
  });

  it('names the bad input', () => {
    expect(() => kafkaOptions({ brokers: 'no-port' }, {})).toThrow('Kafka broker "no-port" must be HOST:PORT');
    expect(() => kafkaOptions({ brokers: 'b:1', saslMechanism: 'kerberos' }, {})).toThrow(
      /SASL mechanism must be .* got "kerberos"/,
    );
    expect(() => kafkaOptions({ brokers: 'b:1', saslMechanism: 'plain', saslUsername: 'u' }, {})).toThrow(
      /needs a username and a password/,
    );
    expect(() => kafkaOptions({ brokers: 'b:1', partitions: '0' }, {})).toThrow(
      'Kafka partitions must be a whole number >= 1, got "0"',
    );
    const bad = config('{ not json');
    expect(() => kafkaOptions({ config: bad }, {})).toThrow(`Kafka config file ${bad}:`);
    const unknown = config({ brokers: 'b:1', pasword: 'x' });
    expect(() => kafkaOptions({ config: unknown }, {})).toThrow(`Kafka config file ${unknown}: unknown key "pasword"`);
  });
});

describe('eventMessage', () => {
  it('keys a resource by its hash, and sends one without a hash unkeyed', () => {
    const r = { schema: 'vucrawl.resource/4', sha256: 'ab'.repeat(32) } as unknown as ResourceEvent;
    expect(eventMessage(r)).toEqual({ topic: 'vucrawl.resources', key: 'ab'.repeat(32), value: JSON.stringify(r) });
    expect(eventMessage({ ...r, sha256: null } as unknown as ResourceEvent).key).toBeNull();
  });
});
