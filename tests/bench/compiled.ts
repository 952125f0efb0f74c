/**
 * @module compiled
 * The bench measures compiled JavaScript, as production runs it, not tsx's on-the-fly transform
 * (whose helpers showed in the profiles). Imported first by run.ts: under tsx it compiles src/,
 * views/, examples/ and tests/bench/ with tsconfig.bench.json into `.bench-dist/` (with the static
 * files beside them), runs the compiled twin of the entry script (run.js, profile.js) with the same arguments under plain Node, and exits
 * with its status. Synchronous, so nothing else of the tsx run starts. `BENCH_TSX=1` keeps tsx.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, rmSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(import.meta.url)
if (here.endsWith('.ts') && process.env['BENCH_TSX'] !== '1') {
  const root = join(dirname(here), '../..')
  const out = join(root, '.bench-dist')
  rmSync(out, { recursive: true, force: true })
  console.error('[bench] compiling to .bench-dist/ (tsconfig.bench.json)')
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.bench.json')],
    { stdio: 'inherit' }
  )
  cpSync(join(root, 'static'), join(out, 'static'), { recursive: true })
  cpSync(join(root, 'examples/assets'), join(out, 'examples/assets'), { recursive: true })
  const env = {
    ...process.env,
    NODE_OPTIONS: (process.env['NODE_OPTIONS'] ?? '').replace(/--(import|require|loader)[= ]\S*tsx\S*/g, ''),
  }
  // The compiled twin of the script tsx was asked to run (run.ts, profile.ts).
  const entry = relative(root, process.argv[1]!).replace(/\.tsx?$/, '.js')
  const run = spawnSync(process.execPath, [join(out, entry), ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: root,
    env,
  })
  process.exit(run.status ?? 1)
}
