/**
 * @module axe
 * Runs axe-core's WCAG 2.1 A and AA rules in a page (page structure, such as a `<main>` or an
 * `<h1>`, is the app's concern, not a component's) and returns the violations as
 * `rule: [targets]` lines.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

type Axe = {
  run(
    context: unknown,
    options: unknown
  ): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>
}

export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the page's CSP (no inline scripts) does not apply.
  await page.evaluate(source)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: Axe }).axe
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`)
  })
}
