/**
 * @module profile
 * `npx tsx tests/bench/profile.ts [seconds] [connections]`: the update route's CPU profile under load.
 * Serves the prime-factors example in one process, warms it up, then records V8's CPU profile (what
 * `node --cpu-prof` records) while posting the browser's two update requests for `seconds` (default
 * 5) over `connections` (default 10), and
 * prints the functions with the most self time (where the server's CPU goes), as markdown. Runs on
 * compiled JavaScript, as the bench does (compiled.ts).
 */
import './compiled.ts'
import './env.ts'
import { primeApp } from './apps.tsx'
import { load, startServer } from './load.ts'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}

const seconds = Number(process.argv[2] ?? 5)
const connections = Number(process.argv[3] ?? 10)
const { bodies } = await primeApp()
const server = await startServer('prime', 1)
let requests = 0
let profile: { nodes: Node[] }
try {
  await load(server.url, bodies, { connections, seconds: 2 }) // warm-up: startup and JIT stay out
  const r = await server.profile(() => load(server.url, bodies, { connections, seconds }))
  requests = r.result.requests
  profile = r.profile as { nodes: Node[] }
} finally {
  await server.stop()
}

const self = new Map<string, number>()
let total = 0
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0
  total += hits
  const f = n.callFrame
  const where = f.url.replace(/^.*\/(node_modules\/|\.bench-dist\/)/, '$1').replace(/^file:\/\//, '')
  const key = `${f.functionName || '(anonymous)'} · ${where || '(native)'}${where ? `:${f.lineNumber + 1}` : ''}`
  self.set(key, (self.get(key) ?? 0) + hits)
}
const idle = ['(idle) · (native)', '(program) · (native)', '(garbage collector) · (native)']
const busy = total - (self.get(idle[0]!) ?? 0)
console.log(
  `${requests} requests in ${seconds} s (${connections} connections); ${total} samples, ${busy} not idle.\n`
)
console.log('| self time (% of busy) | function · file:line |')
console.log('| ---: | --- |')
for (const [k, v] of [...self]
  .filter(([k]) => k !== idle[0])
  .sort((a, b) => b[1] - a[1])
  .slice(0, 25))
  console.log(`| ${((100 * v) / busy).toFixed(1)} % | ${k.replace(/\|/g, '\\|')} |`)
