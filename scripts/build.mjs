// Builds the package: TypeScript (src, views) → dist/ as JavaScript, .d.ts and source maps, then the
// browser files of static/ next to them (dist/static), where the compiled server looks for them.
import { execFileSync } from 'node:child_process'
import { cpSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
rmSync(dist, { recursive: true, force: true })
execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
  {
    stdio: 'inherit',
  }
)
cpSync(join(root, 'static'), join(dist, 'static'), { recursive: true })
console.log('hyperdash: built dist/')
