/**
 * Imported first by the development-tools tests: apps created after it are in development mode, as
 * under `npm run dev` (HYPERDASH_DEV=1). Without it, apps are in production mode by default.
 */
process.env['HYPERDASH_DEV'] = '1'
