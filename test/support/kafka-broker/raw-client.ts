// A bare Kafka protocol client for tests that need to send exact requests (unsupported
// versions, unknown API keys, hand-made record batches) that a real client would never send.
import { connect, type Socket } from 'node:net';
import { ByteWriter } from './protocol/byte-writer.js';

export class RawKafkaClient {
  private buffered: Buffer = Buffer.alloc(0);
  private nextCorrelationId = 1;
  private readonly waiting = new Map<number, (body: Buffer) => void>();
  /** Resolves when the broker (or the client) closes the connection. */
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawKafkaClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => {
        socket.off('error', reject);
        resolve(new RawKafkaClient(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Sends one request (header v1) and resolves with the response body after the correlation id. */
  request(apiKey: number, apiVersion: number, body: Buffer, clientId = 'raw-client'): Promise<Buffer> {
    const correlationId = this.nextCorrelationId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(correlationId, resolve);
      void this.closed.then(() => {
        if (this.waiting.delete(correlationId)) reject(new Error('connection closed before the response'));
      });
      this.write(correlationId, apiKey, apiVersion, body, clientId);
    });
  }

  /** Sends a request that expects no response (a Produce with acks=0). */
  send(apiKey: number, apiVersion: number, body: Buffer, clientId = 'raw-client'): void {
    this.write(this.nextCorrelationId++, apiKey, apiVersion, body, clientId);
  }

  private write(correlationId: number, apiKey: number, apiVersion: number, body: Buffer, clientId: string): void {
    const header = new ByteWriter().int16(apiKey).int16(apiVersion).int32(correlationId).string(clientId).toBuffer();
    this.socket.write(new ByteWriter().int32(header.length + body.length).raw(header).raw(body).toBuffer());
  }

  close(): Promise<void> {
    this.socket.destroy();
    return this.closed;
  }

  private onData(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4 && this.buffered.length >= 4 + this.buffered.readInt32BE(0)) {
      const size = this.buffered.readInt32BE(0);
      const correlationId = this.buffered.readInt32BE(4);
      const body = this.buffered.subarray(8, 4 + size);
      this.buffered = this.buffered.subarray(4 + size);
      const resolve = this.waiting.get(correlationId);
      this.waiting.delete(correlationId);
      resolve?.(body);
    }
  }
}
