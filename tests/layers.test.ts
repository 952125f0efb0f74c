/**
 * @module layers.test
 * The layers of DESIGN.md §2, checked on the import graph of `src/`, `views/` and `static/`:
 * no import cycles (type imports included), `src/core` knows nothing of HTTP, JSX, the views or
 * worker threads, `src/protocol` nothing of the server or the views, and JSX stays in `views/`.
 * A small regex scanner reads the `import … from` / `export … from` / `import '…'` specifiers (madge
 * needs TypeScript 5; the repo uses 7).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SOURCE_DIRS = ['src', 'views', 'static']
const CODE = /\.(ts|tsx|js|mjs)$/

/**
 * Files under `src/` allowed to import `hono/jsx`, and why. Nothing else under `src/` builds JSX:
 * markup lives in `views/`.
 */
const JSX_IN_SRC: Record<string, string> = {
  // Decodes the JSX values a callback returned inside a worker thread back into hono/jsx nodes: a
  // codec for values crossing threads, not markup (the views render those nodes like any other).
  'src/server/isolate-codec.ts':
    'rebuilds JSX values returned from a worker thread (data decoding, not markup)',
}

function walk(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...walk(path))
    else if (CODE.test(name)) out.push(path)
  }
  return out
}

// Statements start a line: `import`/`export` inside a comment follows ` * ` or `//`, inside a string
// something else. `[^'"`;]*?` spans the names of a multi-line import up to `from '…'`.
const FROM = /^(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm
const BARE = /^import\s*['"]([^'"]+)['"]/gm

/** The module specifiers a source file imports or re-exports from (type-only ones included). */
export function specifiers(source: string): string[] {
  return [...source.matchAll(FROM), ...source.matchAll(BARE)].map((m) => m[1]!)
}

/** A relative specifier as a path from the repository root; a package name as it is. */
function target(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec
  const path = resolve(dirname(from), spec)
  for (const candidate of [path, `${path}.ts`, `${path}.tsx`, join(path, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return relative(ROOT, candidate)
    } catch {
      // try the next form
    }
  }
  return relative(ROOT, path)
}

/** The import graph: each file (relative to the root) with what it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(join(ROOT, dir))) {
      const deps = specifiers(readFileSync(file, 'utf8')).map((s) => target(file, s))
      graph.set(relative(ROOT, file), [...new Set(deps)])
    }
  }
  return graph
}

/** The first import cycle found, as a path that ends where it starts; null when there is none. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): string[] | null => {
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue // a package
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next]
      if (!state.has(next)) {
        const found = visit(next)
        if (found) return found
      }
    }
    stack.pop()
    state.set(node, 'done')
    return null
  }
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue
    const found = visit(node)
    if (found) return found
  }
  return null
}

const graph = importGraph()
const files = (under: string) => [...graph.keys()].filter((f) => f.startsWith(under))
/** `file → import` for every import of the files under `under` that `forbidden` matches. */
const violations = (under: string, forbidden: (dep: string) => boolean) =>
  files(under).flatMap((f) =>
    graph
      .get(f)!
      .filter(forbidden)
      .map((d) => `${f} → ${d}`)
  )

describe('the scanner', () => {
  it('reads static, type-only, multi-line, re-exported and side-effect imports, not comments', () => {
    const source = [
      "import { a } from './a.ts'",
      "import type { B } from '../b.ts'",
      'import {',
      '  c,',
      '  type D,',
      "} from 'hono/jsx'",
      "export { e } from './e.ts'",
      "export * from './f.ts'",
      "import './g.ts'",
      " * import { x } from './in-a-comment.ts'",
      "// import { y } from './commented-out.ts'",
      'const s = "import { z } from \'./in-a-string.ts\'"',
    ].join('\n')
    expect(specifiers(source).sort()).toEqual(['../b.ts', './a.ts', './e.ts', './f.ts', './g.ts', 'hono/jsx'])
  })

  it('finds the files and their imports', () => {
    expect(graph.get('src/index.ts')).toContain('src/server/app.ts')
    expect(files('src/core').length).toBeGreaterThan(5)
  })

  it('finds a cycle, and says where it goes', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c', 'hono']],
      ['c', ['a']],
    ])
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a'])
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', []],
        ])
      )
    ).toBeNull()
  })
})

describe('layers (DESIGN.md §2)', () => {
  it('has no import cycles, type imports included', () => {
    const cycle = findCycle(graph)
    expect(cycle && `import cycle: ${cycle.join(' → ')}`).toBeNull()
  })

  it('src/core imports nothing from the server, the protocol, the views, hono or worker threads', () => {
    const forbidden = (d: string) =>
      /^(src\/server|src\/protocol|views)\//.test(d) ||
      d === 'hono' ||
      d.startsWith('hono/') ||
      d === 'node:worker_threads' ||
      d === 'worker_threads'
    expect(violations('src/core/', forbidden)).toEqual([])
  })

  it('src/protocol imports nothing from the server or the views', () => {
    expect(violations('src/protocol/', (d) => /^(src\/server|views)\//.test(d))).toEqual([])
  })

  it('static/ imports nothing (the browser loads it as it is)', () => {
    expect(violations('static/', () => true)).toEqual([])
  })

  it('keeps JSX in views/: no .tsx file under src/, and hono/jsx only where documented', () => {
    expect(files('src/').filter((f) => f.endsWith('.tsx'))).toEqual([])
    const jsx = violations('src/', (d) => d === 'hono/jsx' || d.startsWith('hono/jsx/'))
    expect(jsx).toEqual(Object.keys(JSX_IN_SRC).map((f) => `${f} → hono/jsx`))
  })
})
