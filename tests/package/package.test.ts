/**
 * @module package.test
 * hyperdash as a user outside this repository gets it: `npm pack` (which builds dist/), the tarball
 * installed into a new project that has only the tsconfig the README gives, then
 * (1) the README's TSX app run with tsx, (2) a plain `.mjs` app (no JSX, no TypeScript) run with node,
 * (3) `tsc --noEmit` on a typed app against the installed `.d.ts`, strict and with no special flags,
 * (4) the page answers 200 and an update answers the expected fragment, over a socket and with
 * `hyperdash/testing`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderPage } from '../../src/testing.ts'

const run = promisify(execFile)
const root = new URL('../..', import.meta.url).pathname
const version = (pkg: string) =>
  (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string })
    .version

let project = ''
const children: ChildProcess[] = []

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'my-app', private: true, type: 'module' }, null, 2),
  // The tsconfig the README's "Install in your project" section gives, nothing more.
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        jsx: 'react-jsx',
        jsxImportSource: 'hono/jsx',
        noEmit: true,
        types: ['node'],
      },
    },
    null,
    2
  ),
  'app.tsx': `import { createApp, Input, Output, State, noUpdate, isMain, ref } from 'hyperdash'
import { dcc } from 'hyperdash/components'

const num = ref(dcc.Input, 'num')

export const app = createApp({
  title: 'Prime factors',
  layout: (
    <div>
      <dcc.Input id="num" type="number" debounce min={1} step={1} />
      <p id="err" style={{ color: 'red' }} />
      <p id="out" />
    </div>
  ),
})

app.callback(
  [Output('out', 'children'), Output('err', 'children')],
  [Input(num, 'value')],
  [State(num, 'type')],
  (value, type) => {
    if (value == null) return noUpdate
    const n: number = Number(value)
    const f = factors(n)
    return f.length === 1 ? [noUpdate, \`\${n} is prime!\`] : [\`\${n} is \${f.join(' * ')} (\${type})\`, '']
  }
)

// @ts-expect-error: dcc.Input has no prop 'colour'; typed refs check prop names.
Input(num, 'colour')

function factors(n: number): number[] {
  const out: number[] = []
  for (let i = 2; i * i <= n; i++) while (n % i === 0) (out.push(i), (n /= i))
  return n > 1 ? [...out, n] : out
}

if (isMain(import.meta)) app.listen()
`,
  'app.mjs': `import { createApp, html, dcc, Input, Output, isMain } from 'hyperdash'

export const app = createApp({
  layout: html.Div([
    dcc.Input({ id: 'name', type: 'text', value: 'world' }),
    html.Button('Go', { id: 'go' }),
    html.P({ id: 'out' }),
  ]),
})

app.callback(Output('out', 'children'), [Input('go', 'n_clicks')], [/* states */], (n) => \`clicks: \${n ?? 0}\`)
app.callback(Output('go', 'title'), [Input('name', 'value')], (name) => \`Greet \${name}\`)

if (isMain(import.meta)) app.listen()
`,
  'bg.mjs': `import { createApp, html, Input, Output, isMain } from 'hyperdash'

export const app = createApp({
  layout: html.Div([html.Button('Run', { id: 'run' }), html.P({ id: 'progress' }), html.P({ id: 'result' })]),
})

app.callback(
  Output('result', 'children'),
  [Input('run', 'n_clicks')],
  async (n, ctx) => {
    for (let k = 1; k <= 3; k++) {
      await new Promise((r) => setTimeout(r, 20))
      ctx.setProgress(\`step \${k}\`)
    }
    return \`done \${n}\`
  },
  { background: true, preventInitialCall: true, progress: Output('progress', 'children') }
)

if (isMain(import.meta)) app.listen()
`,
  'check.mjs': `import { renderPage } from 'hyperdash/testing'
import { app } from './app.mjs'

const page = await renderPage(app)
const res = await page.click('go')
console.log(JSON.stringify({ status: page.status, out: page.text('out'), update: res.status }))
`,
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'hd-package-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(project, name), text)
  // `npm pack` runs the `prepack` script, which builds dist/.
  await run('npm', ['pack', '--silent', '--pack-destination', project], { cwd: root })
  const tarball = readdirSync(project).find((f) => f.endsWith('.tgz'))!
  const deps = ['hono', 'tsx', 'typescript', '@types/node', 'happy-dom'].map((p) => `${p}@${version(p)}`)
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`, ...deps], {
    cwd: project,
  })
}, 300_000)

afterAll(() => {
  for (const c of children) c.kill('SIGKILL')
  if (project) rmSync(project, { recursive: true, force: true })
})

/** Starts `command` in the project with PORT=0 and resolves with the URL it prints. */
function start(command: string, args: string[]): Promise<string> {
  const child = spawn(command, args, {
    cwd: project,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HYPERDASH_DEV: '' },
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`no URL printed within 20 s:\n${out}`)), 20_000)
    const read = (chunk: Buffer) => {
      out += chunk
      const url = /running on (http:\/\/[^\s]+?)\/?\s/.exec(out)?.[1]
      if (url) (clearTimeout(timer), resolve(url))
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)))
  })
}

/** `hyperdash/testing` driving a server over its socket, as a browser on that origin would. */
const overSocket = (base: string) => ({
  async fetch(req: Request): Promise<Response> {
    const url = new URL(req.url)
    const headers = new Headers(req.headers)
    if (headers.has('origin')) headers.set('origin', base)
    const body = req.method === 'GET' ? undefined : await req.arrayBuffer()
    return fetch(new URL(url.pathname + url.search, base), { method: req.method, headers, body })
  },
})

describe('the packed package, installed in a new project', () => {
  it('ships only what users need', () => {
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules/hyperdash/package.json'), 'utf8'))
    expect(Object.keys(pkg.exports)).toEqual([
      '.',
      './components',
      './testing',
      './cluster',
      './package.json',
    ])
    expect(readdirSync(join(project, 'node_modules/hyperdash')).sort()).toEqual([
      'LICENSE',
      'README.md',
      'dist',
      'package.json',
    ])
    expect(readdirSync(join(project, 'node_modules/hyperdash/dist')).sort()).toEqual([
      'src',
      'static',
      'views',
    ])
  })

  it('runs the README TSX app with tsx: the page, then an update over HTTP', async () => {
    const url = await start(join(project, 'node_modules/.bin/tsx'), ['app.tsx'])
    const page = await renderPage(overSocket(url))
    expect(page.status).toBe(200)
    expect(page.html).toContain('<title>Prime factors</title>')
    await page.fill('num', 360)
    expect(page.text('out')).toBe('360 is 2 * 2 * 2 * 3 * 3 * 5 (number)')
  }, 60_000)

  it('runs a plain JavaScript app with node, no JSX and no TypeScript', async () => {
    const url = await start(process.execPath, ['app.mjs'])
    const page = await renderPage(overSocket(url))
    expect(page.status).toBe(200)
    expect(page.text('out')).toBe('clicks: 0')
    expect(page.attr('go', 'title')).toBe('Greet world')
    await page.click('go')
    expect(page.text('out')).toBe('clicks: 1')
  }, 60_000)

  it('type-checks a typed app against the installed declarations, strict, with no special flags', async () => {
    const tsc = join(project, 'node_modules/.bin/tsc')
    await expect(run(tsc, ['--noEmit', '-p', '.'], { cwd: project })).resolves.toBeDefined()
    // And the types are real: a wrong prop name is an error.
    writeFileSync(join(project, 'wrong.tsx'), files['app.tsx']!.replace('// @ts-expect-error', '//'))
    const failed = await run(tsc, ['--noEmit', '-p', '.'], { cwd: project }).catch(
      (e: { stdout: string }) => e
    )
    rmSync(join(project, 'wrong.tsx'))
    expect((failed as { stdout: string }).stdout).toMatch(
      /wrong\.tsx\(\d+,\d+\): error TS2345: Argument of type '"colour"' is not assignable/
    )
  }, 60_000)

  it('runs a background callback (embedded jobs), and its worker CLI names what it needs', async () => {
    const url = await start(process.execPath, ['bg.mjs'])
    const page = await renderPage(overSocket(url))
    expect(page.html).toContain('hyperdash-jobs.js')
    await page.click('run', { stream: true })
    expect(page.text('result')).toBe('done 1')
    const bin = join(project, 'node_modules/.bin/hyperdash')
    const env = { ...process.env, REDIS_URL: '' }
    const failed = await run(bin, ['worker', 'bg.mjs'], { cwd: project, env }).catch(
      (e: { code: number; stderr: string }) => e
    )
    expect(failed).toMatchObject({
      code: 1,
      stderr:
        'hyperdash: a job worker takes jobs from Redis: set REDIS_URL (the same as the web processes).\n',
    })
  }, 60_000)

  it('tests an app with hyperdash/testing, in plain JavaScript', async () => {
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: project })
    expect(JSON.parse(stdout)).toEqual({ status: 200, out: 'clicks: 1', update: 200 })
  }, 60_000)
})
