/**
 * @module env
 * Imported first by every bench entry: production mode (no dev error details, cached static files) and
 * one fixed secret, so the bench signs a page once and reuses its update bodies in every process.
 */
export const BENCH_SECRET = 'hyperdash-bench-secret-0123456789'

process.env['NODE_ENV'] = 'production'
process.env['HYPERDASH_SECRET'] = BENCH_SECRET
