/**
 * The generator's randomness: small seeded PRNG streams, so the same seed always draws the same numbers and the
 * plan and the activity draw from separate streams (changing one never shifts the other).
 */

const mix = (a: number, b: number): number => {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x27d4eb2f, 0xc2b2ae35)
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return (h ^ (h >>> 16)) >>> 0
}

/** A stream of uniform numbers in [0, 1). */
export type Rng = () => number

/** mulberry32: a tiny fast PRNG, uniform in [0, 1). */
const mulberry32 = (seed: number): Rng => {
  let a = seed | 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The PRNG of one stream of a seed (any finite number; its integer part counts). */
export const seedRng = (seed: number, stream: number): Rng => {
  const whole = Math.trunc(seed)
  const lo = whole >>> 0
  const hi = Math.floor(whole / 4294967296) >>> 0
  return mulberry32(mix(mix(lo, hi), stream))
}
