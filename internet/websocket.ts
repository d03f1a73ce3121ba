// Just enough RFC 6455 to let a page open a socket and swap text messages: the upgrade
// handshake, unfragmented text frames, ping/pong and close. No extensions.

import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function acceptKey(key: string): string {
  return createHash('sha1')
    .update(key + GUID)
    .digest('base64');
}

export interface WebSocketConnection {
  send(text: string): void;
  onMessage(cb: (text: string) => void): void;
  close(): void;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  let header: Buffer;
  if (n < 126) {
    header = Buffer.from([0x80 | opcode, n]);
  } else if (n < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(n, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([header, payload]);
}

/** Answers 101 and returns the connection, or answers 400 and returns null. */
export function upgradeToWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer): WebSocketConnection | null {
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return null;
  }
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\n' +
      'Upgrade: websocket\r\n' +
      'Connection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`,
  );

  const listeners: ((text: string) => void)[] = [];
  let buf = head.length ? Buffer.from(head) : Buffer.alloc(0);
  let closed = false;

  const write = (opcode: number, payload: Buffer): void => {
    if (!closed && socket.writable) socket.write(frame(opcode, payload));
  };
  const close = (): void => {
    if (closed) return;
    write(0x8, Buffer.from([0x03, 0xe8])); // 1000 normal closure
    closed = true;
    socket.end();
  };

  const parse = (): void => {
    for (;;) {
      if (buf.length < 2) return;
      const b0 = buf[0]!;
      const b1 = buf[1]!;
      const opcode = b0 & 0x0f;
      const masked = (b1 & 0x80) !== 0;
      let len = b1 & 0x7f;
      let off = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        len = Number(buf.readBigUInt64BE(2));
        off = 10;
      }
      const maskOff = off;
      if (masked) off += 4;
      if (buf.length < off + len) return;
      const payload = Buffer.from(buf.subarray(off, off + len));
      if (masked) for (let i = 0; i < len; i++) payload[i] = payload[i]! ^ buf[maskOff + (i % 4)]!;
      buf = buf.subarray(off + len);

      if (opcode === 0x1) for (const cb of listeners) cb(payload.toString('utf8'));
      else if (opcode === 0x8) {
        close();
        return;
      } else if (opcode === 0x9) write(0xa, payload);
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    parse();
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    closed = true;
  });
  queueMicrotask(parse); // bytes that arrived with the upgrade request

  return {
    send: (text) => write(0x1, Buffer.from(text, 'utf8')),
    onMessage: (cb) => {
      listeners.push(cb);
    },
    close,
  };
}
