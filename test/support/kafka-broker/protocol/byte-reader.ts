// Reads the primitive types of the Kafka wire protocol (big-endian, length-prefixed strings and
// arrays, zig-zag varints inside record batches). Every read is bounds-checked so a truncated or
// malformed request fails with a ProtocolDecodeError instead of reading garbage.

export class ProtocolDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolDecodeError';
  }
}

export class ByteReader {
  private position = 0;

  constructor(private readonly buffer: Buffer) {}

  get offset(): number {
    return this.position;
  }

  remaining(): number {
    return this.buffer.length - this.position;
  }

  private take(size: number): number {
    if (size < 0 || this.position + size > this.buffer.length) {
      throw new ProtocolDecodeError(
        `read of ${size} bytes at ${this.position} overruns a ${this.buffer.length}-byte buffer`,
      );
    }
    const start = this.position;
    this.position += size;
    return start;
  }

  int8(): number {
    return this.buffer.readInt8(this.take(1));
  }

  int16(): number {
    return this.buffer.readInt16BE(this.take(2));
  }

  int32(): number {
    return this.buffer.readInt32BE(this.take(4));
  }

  uint32(): number {
    return this.buffer.readUInt32BE(this.take(4));
  }

  int64(): bigint {
    return this.buffer.readBigInt64BE(this.take(8));
  }

  boolean(): boolean {
    return this.int8() !== 0;
  }

  nullableString(): string | null {
    const length = this.int16();
    if (length === -1) return null;
    if (length < -1) throw new ProtocolDecodeError(`invalid string length ${length}`);
    const start = this.take(length);
    return this.buffer.toString('utf8', start, start + length);
  }

  string(): string {
    const value = this.nullableString();
    if (value === null) throw new ProtocolDecodeError('null where a string is required');
    return value;
  }

  nullableBytes(): Buffer | null {
    const length = this.int32();
    if (length === -1) return null;
    if (length < -1) throw new ProtocolDecodeError(`invalid bytes length ${length}`);
    const start = this.take(length);
    return this.buffer.subarray(start, start + length);
  }

  bytes(): Buffer {
    return this.nullableBytes() ?? Buffer.alloc(0);
  }

  raw(size: number): Buffer {
    const start = this.take(size);
    return this.buffer.subarray(start, start + size);
  }

  nullableArray<T>(readItem: (reader: ByteReader) => T): T[] | null {
    const length = this.int32();
    if (length === -1) return null;
    if (length < -1) throw new ProtocolDecodeError(`invalid array length ${length}`);
    // Each item takes at least one byte, so a count larger than what is left is corrupt.
    if (length > this.remaining()) {
      throw new ProtocolDecodeError(`array of ${length} items cannot fit in ${this.remaining()} bytes`);
    }
    const items: T[] = [];
    for (let i = 0; i < length; i += 1) items.push(readItem(this));
    return items;
  }

  array<T>(readItem: (reader: ByteReader) => T): T[] {
    return this.nullableArray(readItem) ?? [];
  }

  /** Unsigned LEB128 varint (used by the record format before zig-zag decoding). */
  private unsignedVarlong(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i += 1) {
      const byte = this.buffer.readUInt8(this.take(1));
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
    throw new ProtocolDecodeError('varint longer than 10 bytes');
  }

  /** Zig-zag encoded signed varint that must fit in 32 bits. */
  varint(): number {
    const value = this.varlong();
    if (value < -2147483648n || value > 2147483647n) {
      throw new ProtocolDecodeError(`varint ${value} does not fit in 32 bits`);
    }
    return Number(value);
  }

  /** Zig-zag encoded signed varlong. */
  varlong(): bigint {
    const raw = this.unsignedVarlong();
    return (raw >> 1n) ^ -(raw & 1n);
  }
}
