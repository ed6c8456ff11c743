/**
 * The index cache's file format: a header and named binary sections that load as they are, without
 * parsing. Typed arrays are written in the machine's byte order and read back into buffers of their
 * own, so a section can be viewed as the array it was. Every section carries a CRC-32, checked when
 * the file is opened, so a damaged file is rebuilt instead of misread; a section read lazily (the
 * abstracts) is checked too, by streaming it once, and then read a record at a time on demand.
 *
 *   "PAPERBOT" | u32 format | u32 header bytes | header JSON | sections, each 8-byte aligned
 * (section offsets in the header count from the first section).
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { z } from 'zod';

const MAGIC = 'PAPERBOT';
/** The container's own layout; what the sections hold is versioned by the header. */
const CONTAINER_FORMAT = 1;
const PREFIX = 16;
const ALIGN = 8;
const CHUNK = 1 << 22;

export interface Section {
  name: string;
  bytes: Uint8Array;
}

const tableSchema = z.array(z.object({ name: z.string(), offset: z.number().int().nonnegative(), length: z.number().int().nonnegative(), crc: z.number().int() }));
type Table = z.infer<typeof tableSchema>;

const fileHeaderSchema = z.object({ sections: tableSchema, littleEndian: z.boolean(), meta: z.unknown() });

/** Typed arrays are stored as this machine lays them out; a file from a machine of the other byte order is refused. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function aligned(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

/** The bytes of a typed array, as a section. */
export function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** A section's bytes viewed as the typed array they were written from (the buffer is the section's own). */
export function viewAs<T>(bytes: Uint8Array, Type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number }): T {
  if (bytes.byteOffset % Type.BYTES_PER_ELEMENT !== 0) throw new Error('misaligned section');
  return new Type(bytes.buffer, bytes.byteOffset, bytes.byteLength / Type.BYTES_PER_ELEMENT);
}

/** Where each section was written in the file. */
export type Written = Map<string, { position: number; length: number }>;

/** Writes `meta` and the sections to `file` (the caller renames it into place). */
export function writeImage(file: string, meta: unknown, sections: Section[]): Written {
  // Offsets count from the end of the header, so the header does not depend on its own length.
  const table: Table = [];
  let offset = 0;
  for (const { name, bytes } of sections) {
    table.push({ name, offset, length: bytes.byteLength, crc: crc32(bytes) });
    offset = aligned(offset + bytes.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ sections: table, littleEndian: LITTLE_ENDIAN, meta }));
  const prefix = Buffer.alloc(PREFIX);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(CONTAINER_FORMAT, 8);
  prefix.writeUInt32LE(header.length, 12);
  const start = aligned(PREFIX + header.length);
  const fd = openSync(file, 'w');
  try {
    writeAll(fd, prefix);
    writeAll(fd, header);
    writeAll(fd, Buffer.alloc(start - PREFIX - header.length));
    for (const [i, { bytes }] of sections.entries()) {
      writeAll(fd, bytes);
      const end = table[i]!.offset + bytes.byteLength;
      writeAll(fd, Buffer.alloc(aligned(end) - end));
    }
  } finally {
    closeSync(fd);
  }
  return new Map(table.map(({ name, offset, length }) => [name, { position: start + offset, length }]));
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done, bytes.byteLength - done);
}

function readExactly(fd: number, length: number, position: number): Uint8Array {
  const bytes = new Uint8Array(new ArrayBuffer(length));
  let done = 0;
  while (done < length) {
    const read = readSync(fd, bytes, done, length - done, position + done);
    if (read === 0) throw new Error(`index file ends ${length - done} bytes early`);
    done += read;
  }
  return bytes;
}

/** Closes a file once no region of it is referred to any more. */
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Closed already: nothing to release.
  }
});

/** Where a region is, for another thread to open it again (a thread's files close when it ends). */
export interface RegionHandle {
  file: string;
  /** The file's identity when the region was checked: a file renamed over it since is not the same. */
  dev: number;
  ino: number;
  position: number;
  length: number;
}

/**
 * A section left in its open file, read a piece at a time. The file stays open while the region is
 * referred to (so a newer cache entry renamed over it changes nothing) and closes after.
 */
export class FileRegion {
  private constructor(
    private readonly fd: number,
    private readonly handle: RegionHandle,
  ) {
    openFiles.register(this, fd, this);
  }

  static open(fd: number, file: string, position: number, length: number): FileRegion {
    const { dev, ino } = fstatSync(fd);
    return new FileRegion(fd, { file, dev, ino, position, length });
  }

  /** The same region opened again from its handle; undefined when the file is gone or another file took its name. */
  static reopen(handle: RegionHandle): FileRegion | undefined {
    let fd: number;
    try {
      fd = openSync(handle.file, 'r');
    } catch {
      return undefined;
    }
    const { dev, ino } = fstatSync(fd);
    if (dev === handle.dev && ino === handle.ino) return new FileRegion(fd, handle);
    closeSync(fd);
    return undefined;
  }

  get file(): string {
    return this.handle.file;
  }

  /** The bytes at `offset` (within the region) into `into`. */
  read(into: Uint8Array, offset: number): void {
    if (offset + into.byteLength > this.handle.length) throw new Error('read past the end of an index section');
    for (let done = 0; done < into.byteLength; ) {
      const read = readSync(this.fd, into, done, into.byteLength - done, this.handle.position + offset + done);
      if (read === 0) throw new Error('index cache file ends early');
      done += read;
    }
  }

  /** For another thread to open the region again; this one is closed. */
  handOff(): RegionHandle {
    this.close();
    return this.handle;
  }

  close(): void {
    openFiles.unregister(this);
    closeSync(this.fd);
  }
}

/** An opened index file: its sections read into memory, and the lazy one left on disk. */
export interface OpenedImage {
  meta: unknown;
  sections: Map<string, Uint8Array>;
  lazy?: FileRegion;
}

/**
 * Opens an index image; `lazy` names the section to leave in the file (checked, not kept). Throws
 * when the file is not an index image of this format, or any section fails its check.
 */
export function openImage(file: string, lazy?: string): OpenedImage {
  const fd = openSync(file, 'r');
  try {
    const prefix = Buffer.from(readExactly(fd, PREFIX, 0));
    if (prefix.toString('latin1', 0, 8) !== MAGIC) throw new Error('not an index image (an older cache format?)');
    const format = prefix.readUInt32LE(8);
    if (format !== CONTAINER_FORMAT) throw new Error(`index image format ${format}, expected ${CONTAINER_FORMAT}`);
    const headerLength = prefix.readUInt32LE(12);
    const header = fileHeaderSchema.parse(JSON.parse(Buffer.from(readExactly(fd, headerLength, PREFIX)).toString('utf8')));
    if (header.littleEndian !== LITTLE_ENDIAN) throw new Error('index image written on a machine of the other byte order');
    const start = aligned(PREFIX + headerLength);
    const size = fstatSync(fd).size;
    const sections = new Map<string, Uint8Array>();
    let left: { position: number; length: number } | undefined;
    for (const { name, offset: relative, length, crc } of header.sections) {
      const offset = start + relative;
      if (offset + length > size) throw new Error(`index section ${name} runs past the end of the file`);
      if (name === lazy) {
        if (streamedCrc(fd, offset, length) !== crc) throw new Error(`index section ${name} is damaged`);
        left = { position: offset, length };
      } else {
        const bytes = readExactly(fd, length, offset);
        if (crc32(bytes) !== crc) throw new Error(`index section ${name} is damaged`);
        sections.set(name, bytes);
      }
    }
    if (lazy !== undefined && !left) throw new Error(`index image has no ${lazy} section`);
    if (!left) {
      closeSync(fd);
      return { meta: header.meta, sections };
    }
    return { meta: header.meta, sections, lazy: FileRegion.open(fd, file, left.position, left.length) };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function streamedCrc(fd: number, position: number, length: number): number {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, length)));
  let crc = 0;
  for (let done = 0; done < length; ) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, length - done), position + done);
    if (read === 0) throw new Error('index file ends early');
    crc = crc32(buffer.subarray(0, read), crc);
    done += read;
  }
  return crc;
}
