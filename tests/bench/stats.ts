/**
 * @module stats
 * Medians, percentiles and number formatting for the bench's tables.
 */

/** The median of a list (the mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** The p-th percentile (0–100) of a sorted list, nearest rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

/**
 * Times `fn` over batches and returns the median cost of one call, in ms of this process's CPU time
 * (user + system): on a machine shared with other work, CPU time moves far less than the clock.
 */
export async function timeMedian(
  fn: () => Promise<unknown>,
  o: { batches: number; perBatch: number; warmup: number }
) {
  for (let i = 0; i < o.warmup; i++) await fn()
  const times: number[] = []
  for (let b = 0; b < o.batches; b++) {
    const c0 = process.cpuUsage()
    for (let i = 0; i < o.perBatch; i++) await fn()
    const c = process.cpuUsage(c0)
    times.push((c.user + c.system) / 1000 / o.perBatch)
  }
  return median(times)
}

/** A number with `digits` significant digits at most, and thousands separators for large ones. */
export function fmt(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return '—'
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US')
  return String(Number(n.toPrecision(digits)))
}

export const ms = (n: number) => `${fmt(n)} ms`
export const us = (n: number) => `${fmt(n * 1000)} µs`
export const kb = (bytes: number) => `${fmt(bytes / 1024)} KB`
export const ratio = (n: number) => `${n.toFixed(2)}×`
