// A block of linear memory shared by a tensor and its views, reference-counted.
import { allocate, release } from './backend/allocator';

export class Storage {
  /** Byte address in linear memory. */
  readonly ptr: number;
  readonly bytes: number;
  /** Number of tensors (and saved-for-backward handles) holding this storage. */
  refs = 0;
  /** PyTorch's version counter: bumped by every in-place write, shared by all views. */
  version = 0;

  constructor(bytes: number) {
    this.ptr = allocate(bytes);
    this.bytes = bytes;
  }

  retain(): void {
    this.refs++;
  }

  /** Drops one reference; the block goes back to the allocator with the last one. */
  drop(): void {
    if (--this.refs === 0) release(this.ptr, this.bytes);
  }
}
