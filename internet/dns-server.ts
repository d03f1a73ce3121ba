// A DNS server on loopback for tests (UDP; A, AAAA, MX and NS): the test decides every
// answer, and may change it from one query to the next (DNS rebinding). Answers carry
// TTL 0, so a resolver that honours TTLs asks again every time.
import { createSocket } from 'node:dgram';
import dnsPacket from 'dns-packet';

/** The record types it answers; any other question gets an empty answer. */
export type TestDnsType = 'A' | 'AAAA' | 'MX' | 'NS';
const TYPES: readonly string[] = ['A', 'AAAA', 'MX', 'NS'];

export interface TestDnsServer {
  /** 127.0.0.1:PORT, as a resolver's server setting. */
  address: string;
  /** Every question asked, in order. */
  queries: { name: string; type: string }[];
  close(): Promise<void>;
}

/**
 * `answer(name, type, n)` gives the records for the n-th query (0 for the first) of that
 * name and type: addresses, or host names for MX (preference 10, 20, ... in the order
 * given) and NS; none is an empty answer (the name exists, without records of that type).
 */
export async function startDnsServer(
  answer: (name: string, type: TestDnsType, n: number) => string[],
): Promise<TestDnsServer> {
  const socket = createSocket('udp4');
  const queries: { name: string; type: string }[] = [];
  const asked = new Map<string, number>();
  socket.on('message', (message, from) => {
    const query = dnsPacket.decode(message);
    const answers = (query.questions ?? []).flatMap((q) => {
      queries.push({ name: q.name, type: q.type });
      if (!TYPES.includes(q.type)) return [];
      const type = q.type as TestDnsType;
      const key = `${type} ${q.name.toLowerCase()}`;
      const n = asked.get(key) ?? 0;
      asked.set(key, n + 1);
      return answer(q.name.toLowerCase(), type, n).map((data, i): dnsPacket.Answer => {
        const base = { name: q.name, ttl: 0 };
        if (type === 'MX') return { ...base, type, data: { preference: 10 * (i + 1), exchange: data } };
        return { ...base, type, data };
      });
    });
    const response = dnsPacket.encode({
      id: query.id,
      type: 'response',
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
      questions: query.questions,
      answers,
    });
    socket.send(response, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
