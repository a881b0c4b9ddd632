/**
 * Reverses the bytes of every `itemSize`-byte element of `bytes` in place: converts between little-
 * and big-endian storage. Works for any element type because it never interprets the values.
 */
export function swapByteOrderInPlace(bytes: Uint8Array, itemSize: number): void {
  if (itemSize === 1) return;
  for (let start = 0; start < bytes.length; start += itemSize) {
    for (let low = start, high = start + itemSize - 1; low < high; low++, high--) {
      const held = bytes[low]!;
      bytes[low] = bytes[high]!;
      bytes[high] = held;
    }
  }
}
