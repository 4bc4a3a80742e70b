/**
 * One-dimensional PostgreSQL arrays in the binary wire format (what `array_recv` reads), written element by
 * element into a buffer of their own. The bulk insert sends its columns this way: nothing to quote or
 * escape, cheaper for the server to read than array literals, and the values go straight into the
 * buffer instead of living on as strings until the statement is complete (which made the encoding
 * threads' garbage collection copy them). pg sends a Buffer parameter as it is, in binary format.
 */

/** PostgreSQL type oids of the element types used. */
const OID = { text: 25, integer: 23, boolean: 16, date: 1082 } as const;
export type ElementType = keyof typeof OID;

/** ndim, has-nulls flag, element type, then length and lower bound of the one dimension. */
const HEADER_BYTES = 20;
/** PostgreSQL dates count days from 2000-01-01. */
const POSTGRES_EPOCH_DAY = Date.UTC(2000, 0, 1) / 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class BinaryArray {
  private buffer: Buffer;
  private length = HEADER_BYTES;
  private count = 0;
  private hasNull = false;

  /** `expectedBytes`: the usual size of the whole array, so that the buffer rarely grows. */
  constructor(
    readonly type: ElementType,
    expectedBytes: number,
  ) {
    this.buffer = Buffer.allocUnsafeSlow(HEADER_BYTES + expectedBytes);
  }

  /** Adds an element of the array's type; a date is `YYYY-MM-DD`. */
  add(value: string | number | boolean | null): void {
    if (value === null) {
      this.reserve(4);
      this.length = this.buffer.writeInt32BE(-1, this.length);
      this.hasNull = true;
    } else if (this.type === 'text') {
      this.addText(value as string);
    } else if (this.type === 'integer') {
      if (!Number.isSafeInteger(value) || (value as number) < -(2 ** 31) || (value as number) >= 2 ** 31) {
        throw new RangeError(`${String(value)} is not a 32-bit integer`);
      }
      this.reserve(8);
      this.length = this.buffer.writeInt32BE(value as number, this.buffer.writeInt32BE(4, this.length));
    } else if (this.type === 'boolean') {
      this.reserve(5);
      this.length = this.buffer.writeUInt8(value ? 1 : 0, this.buffer.writeInt32BE(1, this.length));
    } else {
      this.reserve(8);
      this.length = this.buffer.writeInt32BE(postgresDay(value as string), this.buffer.writeInt32BE(4, this.length));
    }
    this.count += 1;
  }

  /** The finished array: the bytes of the buffer written so far. */
  bytes(): Uint8Array {
    const header = this.buffer;
    header.writeInt32BE(1, 0);
    header.writeInt32BE(this.hasNull ? 1 : 0, 4);
    header.writeInt32BE(OID[this.type], 8);
    header.writeInt32BE(this.count, 12);
    header.writeInt32BE(1, 16);
    return this.buffer.subarray(0, this.length);
  }

  private addText(value: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8; 4 more for the length.
    this.reserve(4 + value.length * 3);
    const written = this.buffer.write(value, this.length + 4);
    this.buffer.writeInt32BE(written, this.length);
    this.length += 4 + written;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.buffer.length, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

/** Days from 2000-01-01 to a `YYYY-MM-DD` date; anything else (e.g. 2023-02-30) is refused. */
function postgresDay(date: string): number {
  const parts = ISO_DATE.exec(date);
  const [year, month, day] = parts ? [Number(parts[1]), Number(parts[2]), Number(parts[3])] : [NaN, NaN, NaN];
  // setUTCFullYear, unlike Date.UTC, takes years below 100 as they are.
  const at = new Date(new Date(0).setUTCFullYear(year, month - 1, day));
  if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) throw new RangeError(`${date} is not a date (YYYY-MM-DD)`);
  return at.getTime() / 86_400_000 - POSTGRES_EPOCH_DAY;
}
