import { Op } from './pickle-opcodes.js';

/** Python closes a frame at the first opcode boundary once it holds this many bytes. */
const FRAME_SIZE_TARGET = 64 * 1024;
/** Frames shorter than this lose their header (not worth 9 bytes). */
const FRAME_SIZE_MIN = 4;
const FRAME_HEADER_SIZE = 9;

/**
 * The output buffer of a protocol-4+ pickler, framed exactly as CPython's C pickler frames it
 * (`Modules/_pickle.c`): a frame opens at the first write, 9 header bytes are reserved for
 * `FRAME <u64 length>`, and at each opcode boundary (after each complete object) a frame holding
 * at least 64 KiB is closed. Payloads of 64 KiB or more bypass framing entirely. Byte-identical
 * framing is what makes our label files byte-identical to Python's.
 */
export class PickleFramer {
  private buffer = new Uint8Array(256);
  private length = 0;
  private frameStart = -1;

  /** Writes opcode bytes into the current frame, opening one if none is open. */
  write(bytes: ArrayLike<number>): void {
    if (this.frameStart < 0) {
      this.frameStart = this.length;
      this.append(new Uint8Array(FRAME_HEADER_SIZE));
    }
    this.append(bytes);
  }

  /**
   * Writes an opcode header and its payload; a payload of 64 KiB or more closes the current frame
   * and goes out unframed, as in CPython's `_Pickler_write_bytes`.
   */
  writeWithPayload(header: ArrayLike<number>, payload: Uint8Array): void {
    if (payload.length < FRAME_SIZE_TARGET) {
      this.write(header);
      this.write(payload);
      return;
    }
    this.commitFrame();
    this.append(header);
    this.append(payload);
  }

  /** The end of a complete object: close the frame if it reached the target size. */
  boundary(): void {
    if (this.frameStart >= 0 && this.length - this.frameStart - FRAME_HEADER_SIZE >= FRAME_SIZE_TARGET) {
      this.commitFrame();
    }
  }

  /** Closes the last frame and returns all bytes written. */
  finish(): Uint8Array {
    this.commitFrame();
    return this.buffer.slice(0, this.length);
  }

  /** Writes bytes that precede framing (the PROTO opcode). */
  writeUnframed(bytes: ArrayLike<number>): void {
    this.append(bytes);
  }

  private commitFrame(): void {
    if (this.frameStart < 0) return;
    const frameLength = this.length - this.frameStart - FRAME_HEADER_SIZE;
    if (frameLength >= FRAME_SIZE_MIN) {
      this.buffer[this.frameStart] = Op.FRAME;
      new DataView(this.buffer.buffer).setBigUint64(this.frameStart + 1, BigInt(frameLength), true);
    } else {
      this.buffer.copyWithin(this.frameStart, this.frameStart + FRAME_HEADER_SIZE, this.length);
      this.length -= FRAME_HEADER_SIZE;
    }
    this.frameStart = -1;
  }

  private append(bytes: ArrayLike<number>): void {
    if (this.length + bytes.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes.length));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }
}
