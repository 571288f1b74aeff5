/**
 * A bounded map that forgets the least recently used entry when full.
 * A Map iterates in insertion order, so re-inserting on every hit keeps the oldest entry first.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  /** The most recently used key: a repeated lookup (a pattern applied in a loop) skips the re-insertion. */
  private newestKey: K | undefined = undefined;

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    if (key === this.newestKey) return this.entries.get(key);
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.newestKey = key;
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.newestKey = key;
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as K;
      this.entries.delete(oldest);
      if (oldest === this.newestKey) this.newestKey = undefined;
    }
  }

  /** Returns the cached value for key, computing and storing it on a miss (a throwing compute stores nothing). */
  getOrCompute(key: K, compute: () => V): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    this.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
