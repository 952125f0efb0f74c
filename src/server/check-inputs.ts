/**
 * @module check-inputs
 * An Input on a prop that nothing changes (not the browser, not a callback) never fires: say so. The
 * kinds of a layout given as JSX are known before any page renders, and such an Input is refused
 * (ConfigError) before the app serves; kinds met only when a page renders get a warning, once, in
 * development.
 */
import { ConfigError } from '../core/errors.ts'
import type { ComponentRecord } from '../core/page.ts'
import { own } from '../protocol/components.ts'
import type { AppContext } from './context.ts'

type Check = Pick<AppContext, 'graph' | 'components'>

/** Why Input(id, prop) on a component of `kind` can never fire, or null when something changes it. */
export function deadInput(app: Check, kind: string, id: string, prop: string): string | null {
  const key = `${id}.${prop}`
  if (app.graph.producer(key)) return null
  const spec = app.components.lookup(kind)
  if (!spec) return null
  const bp = own(spec.browser, prop)
  if (bp && (bp.event !== null || bp.pageLoad)) return null
  const what = spec.rerender ? `a ${spec.name}` : `a <${kind}>`
  const owned = Object.keys(spec.browser)
  const instead = owned.length
    ? ` Its browser-owned props are ${owned.map((p) => `\`${p}\``).join(', ')}.`
    : ''
  if (bp) {
    return (
      `Input('${id}', '${prop}'): \`${prop}\` of ${what} has no browser event, and no callback writes it, so ` +
      `the callback never runs after the first page.${instead}`
    )
  }
  return (
    `Input('${id}', '${prop}'): \`${prop}\` of ${what} never changes in the browser, and no callback writes it, ` +
    `so the callback never runs after the first page.${instead} To read a value the user picks, use a ` +
    'component that owns it (dcc.Input, dcc.Checklist, dcc.Slider…), or one whose definition declares ' +
    `\`${prop}\` as browser-owned (docs/components.md).`
  )
}

function problems(app: Check, kinds: ReadonlyMap<string, string>): string[] {
  const out: string[] = []
  for (const cb of app.graph.callbacks) {
    for (const d of cb.inputs) {
      const kind = kinds.get(d.id)
      const why = kind === undefined ? null : deadInput(app, kind, d.id, d.prop)
      if (why && !out.includes(why)) out.push(why)
    }
  }
  return out
}

/** Refuses the app when an Input on a component the layout shows (as JSX) can never fire. */
export function refuseDeadInputs(app: Check, layoutKinds: ReadonlyMap<string, string>): void {
  const found = problems(app, layoutKinds)
  if (found.length) throw new ConfigError(found.join('\n'))
}

const warned = new WeakMap<object, Set<string>>()
/** In development: warns once per Input on a component met in a rendered page that can never fire. */
export function warnDeadInputs(app: AppContext, records: readonly ComponentRecord[]): void {
  if (!app.dev) return
  const seen = warned.get(app.graph) ?? new Set<string>()
  warned.set(app.graph, seen)
  const kinds = new Map(records.map((r) => [r.id, r.kind]))
  for (const why of problems(app, kinds)) {
    if (seen.has(why)) continue
    seen.add(why)
    app.logger.warn(`hyperdash: ${why}`)
  }
}
