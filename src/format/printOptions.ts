// Global print options, as torch.set_printoptions / torch._tensor_str.PRINT_OPTS.
import { checkOptionKeys } from '../options';

export interface PrintOptions {
  /** Digits after the decimal point (fixed) or of the mantissa (scientific). */
  precision: number;
  /** Tensors with more elements than this are summarised (Infinity: never). */
  threshold: number;
  /** Items kept at the start and at the end of each summarised dimension. */
  edgeitems: number;
  /** Characters per line used to wrap the elements of the last dimension. */
  linewidth: number;
  /** true / false force scientific / fixed notation; null lets each tensor choose. */
  sciMode: boolean | null;
}

export type PrintProfile = 'default' | 'short' | 'full';

const PROFILES: Record<PrintProfile, Omit<PrintOptions, 'sciMode'>> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};

const current: PrintOptions = { ...PROFILES.default, sciMode: null };

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`setPrintOptions: ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

/**
 * torch.set_printoptions. A profile is applied first, then the options given. As in PyTorch,
 * every call sets sciMode: leaving it out resets it to null (automatic choice).
 */
export function setPrintOptions(opts: Partial<PrintOptions> & { profile?: PrintProfile }): void {
  if (typeof opts !== 'object' || opts === null) throw new TypeError(`setPrintOptions: expected an options object, got ${String(opts)}`);
  checkOptionKeys('setPrintOptions', opts, ['profile', 'precision', 'threshold', 'edgeitems', 'linewidth', 'sciMode']);
  const { profile, precision, threshold, edgeitems, linewidth, sciMode } = opts;
  // Everything is checked into `next` first, so that a bad option leaves the current options as they were.
  const next: PrintOptions = { ...current };
  if (profile !== undefined) {
    if (!Object.hasOwn(PROFILES, profile)) {
      throw new RangeError(`setPrintOptions: unknown profile '${String(profile)}': expected 'default', 'short' or 'full'`);
    }
    Object.assign(next, PROFILES[profile]);
  }
  if (precision !== undefined) next.precision = checkCount('precision', precision, 0);
  if (threshold !== undefined) {
    if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
      throw new RangeError(`setPrintOptions: threshold must be a number, got ${String(threshold)}`);
    }
    next.threshold = threshold;
  }
  if (edgeitems !== undefined) next.edgeitems = checkCount('edgeitems', edgeitems, 0);
  if (linewidth !== undefined) next.linewidth = checkCount('linewidth', linewidth, 1);
  if (sciMode !== undefined && sciMode !== null && typeof sciMode !== 'boolean') {
    throw new TypeError(`setPrintOptions: sciMode must be true, false or null, got ${String(sciMode)}`);
  }
  next.sciMode = sciMode ?? null;
  Object.assign(current, next);
}

/** torch.get_printoptions: a copy of the current options. */
export function getPrintOptions(): PrintOptions {
  return { ...current };
}
