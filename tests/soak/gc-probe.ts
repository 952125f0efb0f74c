/**
 * @module gc-probe
 * Preloaded into the soak's server (`node --expose-gc --import ./tests/soak/gc-probe.ts`): on SIGUSR2
 * it runs a full garbage collection and prints its memory, so the soak compares like with like
 * instead of two points of the collector's sawtooth.
 */
const gc = (globalThis as { gc?: () => void }).gc

process.on('SIGUSR2', () => {
  gc?.()
  gc?.()
  const m = process.memoryUsage()
  console.log(`hd-soak-mem ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, external: m.external })}`)
})
