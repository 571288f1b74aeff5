// A block of linear memory shared by a tensor and its views, reference-counted.
import { DisposedError } from '../errors';
import { allocate, release } from './allocator';

/**
 * What the finalization safety net (src/lifetime.ts) needs once a storage object has been collected: its block and
 * how many tensors still held it without having been disposed (0: the block was released by dispose()). Kept apart
 * from the Storage, which it must not reach.
 */
// Fields declared only and set in the constructor in one order (see TensorBuffer).
export class StorageGuard {
  declare readonly ptr: number;
  declare readonly bytes: number;
  declare refs: number;

  constructor(ptr: number, bytes: number, refs: number) {
    this.ptr = ptr;
    this.bytes = bytes;
    this.refs = refs;
  }
}

export class Storage {
  /** Byte address in linear memory. */
  declare readonly ptr: number;
  declare readonly bytes: number;
  /** Number of tensors (and saved-for-backward handles) holding this storage. */
  declare refs: number;
  /** PyTorch's version counter: bumped by every in-place write, shared by all views. */
  declare version: number;
  /** Set when the storage is registered with the finalization safety net; mirrors `refs` from then on. */
  declare guard: StorageGuard | null;
  /** Set when the block went back to the allocator: it may belong to another storage by now. */
  declare released: boolean;

  constructor(bytes: number) {
    this.ptr = allocate(bytes);
    this.bytes = bytes;
    this.refs = 0;
    this.version = 0;
    this.guard = null;
    this.released = false;
  }

  /** Adds a reference; a released storage cannot be held again (its block may hold another tensor's data). */
  retain(): void {
    if (this.released) throw new DisposedError('Tensor(): the storage was released (every tensor on it was disposed), so no tensor can be made on it');
    this.refs++;
    if (this.guard !== null) this.guard.refs++;
  }

  /** Gives the block back if no tensor ever held it (a tensor refused over a storage made for it). */
  releaseIfUnheld(): void {
    if (this.refs === 0 && !this.released) {
      this.released = true;
      release(this.ptr, this.bytes);
    }
  }

  /** Drops one reference; the block goes back to the allocator with the last one. */
  drop(): void {
    if (this.guard !== null) this.guard.refs--;
    if (--this.refs === 0) {
      this.released = true;
      release(this.ptr, this.bytes);
    }
  }
}
