/**
 * docs/porting.md quotes the ten seed ports: each TypeScript block on it is exactly the example file
 * it names, so the page cannot drift from the code.
 */
import { existsSync, readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { examples } from '../../examples/gallery.tsx'

const doc = readFileSync(new URL('../../docs/porting.md', import.meta.url), 'utf8')

/** `[slug, code]` for each "hyperdash, [`examples/<slug>.tsx`]…" heading and the tsx block after it. */
function quoted(): [string, string][] {
  // A fence of three or more backticks (Prettier lengthens it when the code holds three).
  const re = /hyperdash, \[`examples\/([\w-]+)\.tsx`\]\([^)]*\):\n\n(`{3,})tsx\n([\s\S]*?)\n\2\n/g
  return [...doc.matchAll(re)].map((m) => [m[1]!, m[3]!])
}

// Examples that are one file; a folder (examples/pages/) has its own page (docs/pages.md).
const files = examples.filter(([slug]) => existsSync(new URL(`../../examples/${slug}.tsx`, import.meta.url)))

it('quotes every one-file example of the gallery, in its order', () => {
  expect(quoted().map(([slug]) => slug)).toEqual(files.map(([slug]) => slug))
})

it('quotes each example file exactly', () => {
  for (const [slug, code] of quoted()) {
    const file = readFileSync(new URL(`../../examples/${slug}.tsx`, import.meta.url), 'utf8')
    expect(code, slug).toBe(file.replace(/\n$/, ''))
  }
})
