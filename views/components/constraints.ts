/**
 * @module constraints
 * The HTML constraints of a form control (`min`, `max`, `step`, `minLength`, `maxLength`, `pattern`),
 * checked on the server the way a browser checks them, so a value the page could not have accepted
 * is refused before any callback sees it. Pure functions: dcc.Input, dcc.Textarea and the sliders
 * share them.
 */

/** Why `value` breaks the number constraints, or null when it keeps them. `step`: a number or 'any'. */
export function numberProblem(
  value: number,
  c: { min?: unknown; max?: unknown; step?: unknown; stepBase?: number }
): string | null {
  const min = typeof c.min === 'number' ? c.min : null
  const max = typeof c.max === 'number' ? c.max : null
  if (min !== null && value < min) return `${value} is less than min (${min})`
  if (max !== null && value > max) return `${value} is more than max (${max})`
  if (typeof c.step === 'number' && c.step > 0) {
    const base = c.stepBase ?? min ?? 0
    const q = (value - base) / c.step
    // A browser counts in decimals: 0.3 is a step of 0.1 from 0 although 0.3 / 0.1 is not 3 in floats.
    if (Math.abs(q - Math.round(q)) > 1e-9 * Math.max(1, Math.abs(q)))
      return `${value} is not a step of ${c.step} from ${base}`
  }
  return null
}

const compiled = new Map<string, RegExp | null>()
/** `pattern` as a browser compiles it (the whole value, the `v` flag), null when it does not compile. */
export function patternRegExp(pattern: string): RegExp | null {
  let re = compiled.get(pattern)
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`, 'v')
    } catch {
      re = null // a browser ignores a pattern it cannot compile: so do we
    }
    if (compiled.size > 1000) compiled.clear()
    compiled.set(pattern, re)
  }
  return re
}

/** Why a text breaks the text constraints, or null. An empty text keeps them all, as in HTML. */
export function textProblem(
  value: string,
  c: { minLength?: unknown; maxLength?: unknown; pattern?: unknown }
): string | null {
  if (value === '') return null
  const n = value.length
  if (typeof c.minLength === 'number' && n < c.minLength)
    return `${n} characters, fewer than minLength (${c.minLength})`
  if (typeof c.maxLength === 'number' && n > c.maxLength)
    return `${n} characters, more than maxLength (${c.maxLength})`
  if (typeof c.pattern === 'string') {
    const re = patternRegExp(c.pattern)
    if (re && !re.test(value)) return `'${value.slice(0, 40)}' does not match the pattern ${c.pattern}`
  }
  return null
}
