/**
 * 32-bit Mersenne Twister MT19937 (Matsumoto & Nishimura, 1998), seeded the way
 * PyTorch's CPU generator seeds it (`at::mt19937`): the low 32 bits of the seed
 * start the Knuth recurrence `s[i] = 1812433253 * (s[i-1] ^ (s[i-1] >>> 30)) + i`.
 *
 * The state is regenerated 624 words at a time, then tempered word by word;
 * the output sequence is the reference MT19937 sequence.
 */

const STATE_SIZE = 624;
const SHIFT_SIZE = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** A copy of the engine's words and position, enough to resume the same sequence. */
export interface MT19937State {
  readonly words: Uint32Array;
  /** Index of the next word to temper; 624 means the block must be regenerated first. */
  readonly index: number;
}

export class MT19937 {
  private readonly words = new Uint32Array(STATE_SIZE);
  private index = STATE_SIZE;

  constructor(seed: number | bigint = 5489) {
    this.seed(seed);
  }

  /** Re-seeds with the low 32 bits of `seed` (callers pass the seed already reduced to an unsigned integer). */
  seed(seed: number | bigint): void {
    const words = this.words;
    words[0] = low32Bits(seed);
    for (let i = 1; i < STATE_SIZE; i++) {
      const prev = words[i - 1] ^ (words[i - 1] >>> 30);
      // Math.imul keeps the product modulo 2^32; the Uint32Array store wraps the sum.
      words[i] = Math.imul(1812433253, prev) + i;
    }
    this.index = STATE_SIZE;
  }

  /** One tempered 32-bit output, as an unsigned integer in [0, 2^32). */
  nextU32(): number {
    if (this.index >= STATE_SIZE) this.regenerate();
    let y = this.words[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  getState(): MT19937State {
    return { words: this.words.slice(), index: this.index };
  }

  setState(state: MT19937State): void {
    if (state.words.length !== STATE_SIZE || !(state.index >= 0 && state.index <= STATE_SIZE)) {
      throw new RangeError(
        `MT19937 state must hold ${STATE_SIZE} words and an index in [0, ${STATE_SIZE}], ` +
          `got ${state.words.length} words and index ${state.index}`,
      );
    }
    this.words.set(state.words);
    this.index = state.index;
  }

  /** The twist: computes the next 624 words in place. */
  private regenerate(): void {
    const w = this.words;
    let k = 0;
    for (; k < STATE_SIZE - SHIFT_SIZE; k++) {
      const y = (w[k] & UPPER_MASK) | (w[k + 1] & LOWER_MASK);
      w[k] = w[k + SHIFT_SIZE] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; k < STATE_SIZE - 1; k++) {
      const y = (w[k] & UPPER_MASK) | (w[k + 1] & LOWER_MASK);
      w[k] = w[k + SHIFT_SIZE - STATE_SIZE] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (w[STATE_SIZE - 1] & UPPER_MASK) | (w[0] & LOWER_MASK);
    w[STATE_SIZE - 1] = w[SHIFT_SIZE - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.index = 0;
  }
}

/** The low 32 bits of an integer seed, as an unsigned number (two's complement for negative seeds). */
function low32Bits(seed: number | bigint): number {
  // ToUint32 (`>>> 0`) reduces the exact integer value modulo 2^32, also beyond 2^53.
  return typeof seed === 'bigint' ? Number(BigInt.asUintN(32, seed)) : seed >>> 0;
}
