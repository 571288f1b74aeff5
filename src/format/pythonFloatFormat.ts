// Python's '{:.Nf}' and '{:.Ne}' for a double, which PyTorch uses for every floating element.
//
// Python rounds the exact binary value of the double to N digits, ties to even. JavaScript's
// toFixed / toExponential also start from the exact value but break ties upwards
// (0.03125.toFixed(4) is '0.0313', Python gives '0.0312'), print -0 as '0', and write exponents
// without a leading zero ('1e-5' against Python's '1e-05'). So the digits are produced here from the
// exact decimal expansion of the double: x = m * 2^q is m * 5^-q / 10^-q when q < 0, an integer
// otherwise, computed with BigInt, then rounded half-to-even as a digit string.

const view = new DataView(new ArrayBuffer(8));
const powersOfFive: bigint[] = [1n];

function powerOfFive(k: number): bigint {
  for (let i = powersOfFive.length; i <= k; i++) powersOfFive.push(powersOfFive[i - 1] * 5n);
  return powersOfFive[k];
}

/** The exact value of a finite, non-negative double as digits * 10^-scale (digits has no leading zeros). */
function exactDecimal(abs: number): { digits: string; scale: number } {
  view.setFloat64(0, abs);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biasedExponent = (high >>> 20) & 0x7ff;
  let mantissa = (high & 0xfffff) * 2 ** 32 + low;
  let exponent = -1074;
  if (biasedExponent !== 0) {
    mantissa += 2 ** 52;
    exponent = biasedExponent - 1075;
  }
  if (mantissa === 0) return { digits: '0', scale: 0 };
  // Fewer factors of 5 to multiply by: drop trailing zero bits of the mantissa.
  while (exponent < 0 && mantissa % 2 === 0) {
    mantissa /= 2;
    exponent++;
  }
  if (exponent >= 0) return { digits: (BigInt(mantissa) << BigInt(exponent)).toString(), scale: 0 };
  return { digits: (BigInt(mantissa) * powerOfFive(-exponent)).toString(), scale: -exponent };
}

/** Adds one to a string of decimal digits ('199' -> '200', '99' -> '100', '' -> '1'). */
function incrementDigits(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 57 /* '9' */) i--;
  if (i < 0) return '1' + '0'.repeat(digits.length);
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - 1 - i);
}

/**
 * The integer digits[0, keep) after rounding off digits[keep, length) half-to-even
 * (keep < digits.length; keep <= 0 means everything is rounded off). '' stands for zero.
 */
function roundHalfEven(digits: string, keep: number): string {
  if (keep < 0) return '';
  const kept = digits.slice(0, keep);
  const first = digits.charCodeAt(keep) - 48;
  let roundUp = first > 5;
  if (first === 5) {
    let restNonZero = false;
    for (let i = keep + 1; i < digits.length; i++) {
      if (digits.charCodeAt(i) !== 48) {
        restNonZero = true;
        break;
      }
    }
    const lastKeptOdd = keep > 0 && (digits.charCodeAt(keep - 1) - 48) % 2 === 1;
    roundUp = restNonZero || lastKeptOdd;
  }
  return roundUp ? incrementDigits(kept) : kept;
}

function nonFinite(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  return x > 0 ? 'inf' : '-inf';
}

function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

/** Python's '{:.<fractionDigits>f}'.format(x). */
export function formatFixed(x: number, fractionDigits: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const { digits, scale } = exactDecimal(Math.abs(x));
  // The value rounded to an integer count of 10^-fractionDigits.
  let units =
    scale <= fractionDigits
      ? digits + '0'.repeat(fractionDigits - scale)
      : roundHalfEven(digits, digits.length - (scale - fractionDigits));
  units = units.replace(/^0+/, '');
  if (units.length <= fractionDigits) units = '0'.repeat(fractionDigits + 1 - units.length) + units;
  const split = units.length - fractionDigits;
  const text = fractionDigits > 0 ? units.slice(0, split) + '.' + units.slice(split) : units;
  return signOf(x) + text;
}

/** Python's '{:.<fractionDigits>e}'.format(x): one digit, point, fractionDigits digits, e±dd. */
export function formatScientific(x: number, fractionDigits: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const significant = fractionDigits + 1;
  let mantissa: string;
  let exponent = 0;
  if (x === 0) {
    mantissa = '0'.repeat(significant);
  } else {
    const { digits, scale } = exactDecimal(Math.abs(x));
    exponent = digits.length - 1 - scale;
    if (digits.length <= significant) {
      mantissa = digits + '0'.repeat(significant - digits.length);
    } else {
      mantissa = roundHalfEven(digits, significant);
      if (mantissa.length > significant) {
        // Rounded up to the next power of ten: 9.99996 -> 10.0000 -> 1.0000e+01.
        mantissa = mantissa.slice(0, significant);
        exponent++;
      }
    }
  }
  const magnitude = Math.abs(exponent);
  const exponentText = (exponent < 0 ? '-' : '+') + (magnitude < 10 ? '0' : '') + String(magnitude);
  const mantissaText = fractionDigits > 0 ? mantissa[0] + '.' + mantissa.slice(1) : mantissa;
  return signOf(x) + mantissaText + 'e' + exponentText;
}
