// One client TCP connection: splits the byte stream into size-prefixed requests and answers them
// strictly one at a time, in order, as a Kafka broker does (a long-polling Fetch holds back the
// requests behind it on the same connection; kafkajs gives Fetch its own connection for this).
import type { Socket } from 'node:net';
import { ByteReader } from '../protocol/byte-reader.js';

/** Kafka's socket.request.max.bytes default. */
const MAX_REQUEST_SIZE = 100 * 1024 * 1024;

export interface RequestHeader {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string;
}

export interface RequestContext {
  readonly header: RequestHeader;
  readonly connection: ClientConnection;
}

/** What the broker does with one request: a response body, no response (acks=0), or close. */
export type RequestOutcome = { kind: 'respond'; body: Buffer } | { kind: 'none' } | { kind: 'close'; reason: string };

export type RequestDispatcher = (header: RequestHeader, body: ByteReader, context: RequestContext) => Promise<RequestOutcome>;

export class ClientConnection {
  private pending: Buffer = Buffer.alloc(0);
  private readonly queue: Buffer[] = [];
  private processing = false;
  private closing = false;
  private lastClientId = '';

  constructor(
    readonly socket: Socket,
    private readonly dispatch: RequestDispatcher,
    private readonly log: (line: string) => void,
    private readonly onClose: (connection: ClientConnection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined); // resets by clients are normal; 'close' follows
    socket.on('close', () => this.onClose(this));
  }

  /** The client id of the last request, for hooks that act on one client's connections. */
  get clientId(): string {
    return this.lastClientId;
  }

  get isOpen(): boolean {
    return !this.closing && !this.socket.destroyed;
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Sends what was already answered, then closes, as a broker does with a request it cannot serve. */
  private close(reason: string): void {
    this.log(`closing connection: ${reason}`);
    this.closing = true;
    this.queue.length = 0;
    this.socket.end();
    // A client that never closes its side must not keep the socket alive.
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 4) {
      const size = this.pending.readInt32BE(0);
      if (size < 0 || size > MAX_REQUEST_SIZE) {
        this.close(`request size ${size} is out of bounds`);
        return;
      }
      if (this.pending.length < 4 + size) break;
      this.queue.push(this.pending.subarray(4, 4 + size));
      this.pending = this.pending.subarray(4 + size);
    }
    if (!this.processing) void this.processQueue();
  }

  private async processQueue(): Promise<void> {
    this.processing = true;
    try {
      for (let frame = this.queue.shift(); frame !== undefined && this.isOpen; frame = this.queue.shift()) {
        await this.processFrame(frame);
      }
    } finally {
      this.processing = false;
    }
  }

  private async processFrame(frame: Buffer): Promise<void> {
    let header: RequestHeader;
    const reader = new ByteReader(frame);
    try {
      const apiKey = reader.int16();
      const apiVersion = reader.int16();
      const correlationId = reader.int32();
      const clientId = reader.nullableString() ?? '';
      header = { apiKey, apiVersion, correlationId, clientId };
    } catch {
      this.close('unreadable request header');
      return;
    }
    this.lastClientId = header.clientId;
    let outcome: RequestOutcome;
    try {
      outcome = await this.dispatch(header, reader, { header, connection: this });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = { kind: 'close', reason: `failed to handle api ${header.apiKey} v${header.apiVersion}: ${message}` };
    }
    if (!this.isOpen) return;
    switch (outcome.kind) {
      case 'none':
        return;
      case 'close':
        this.close(`${outcome.reason} (client "${header.clientId}")`);
        return;
      case 'respond': {
        const prefix = Buffer.alloc(8);
        prefix.writeInt32BE(outcome.body.length + 4, 0);
        prefix.writeInt32BE(header.correlationId, 4);
        this.socket.write(Buffer.concat([prefix, outcome.body]));
      }
    }
  }
}
