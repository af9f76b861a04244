/**
 * The primary order of printable ASCII in ICU's root collation, which `String.prototype.localeCompare` uses:
 * punctuation and symbols, then digits, then letters (a letter's case comes into play only at the tertiary level).
 * Checked against localeCompare by test/unit/shared/compare-names.test.ts.
 */
const PRIMARY = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz';

const rank = new Int16Array(128).fill(-1);
for (let i = 0; i < PRIMARY.length; i++) rank[PRIMARY.charCodeAt(i)] = i;
for (let c = 65; c <= 90; c++) rank[c] = rank[c + 32] as number;

function printableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

const isUpper = (c: number): boolean => c >= 65 && c <= 90;

/**
 * Orders two names as `a.localeCompare(b)` does (its sign), without loading ICU's collator for the names that are
 * printable ASCII (container, service, project and finding names): its first use costs 5–7 ms, a noticeable part of
 * a `check` process. Primary weights first over the whole string (case folded, a prefix before its extensions),
 * then case: at the first position where it differs, lower case first. Anything else is left to localeCompare.
 */
export function compareNames(a: string, b: string): number {
  if (!printableAscii(a) || !printableAscii(b)) return a.localeCompare(b);
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const d = (rank[a.charCodeAt(i)] as number) - (rank[b.charCodeAt(i)] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < shared; i++) {
    const upperA = isUpper(a.charCodeAt(i));
    if (upperA !== isUpper(b.charCodeAt(i))) return upperA ? 1 : -1;
  }
  return 0;
}
