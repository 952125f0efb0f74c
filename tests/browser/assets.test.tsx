/**
 * In Chromium, under the default Content-Security-Policy: the default theme and the app's assets
 * folder (a stylesheet, a script, the icon) load and apply with no violation, and a `<style>` put in
 * `head` is refused, as the README says.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jsx } from 'hono/jsx'
import { describe, expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { settled, useApp } from './harness.ts'

const dir = mkdtempSync(join(tmpdir(), 'hd-browser-assets-'))
writeFileSync(join(dir, 'site.css'), '#out { letter-spacing: 3px }')
writeFileSync(join(dir, 'app.js'), "document.documentElement.dataset.assetScript = 'ran'")
writeFileSync(join(dir, 'favicon.ico'), 'ico')

const { open } = useApp(async () => {
  const app = createApp({
    assetsFolder: dir,
    head: jsx('style', {}, '#out { text-transform: uppercase }'),
    layout: (
      <main>
        <h1>Assets</h1>
        <button id="go">Go</button>
        <p id="out">idle</p>
      </main>
    ),
  })
  app.callback(Output('out', 'children'), [Input('go', 'n_clicks')], (n) => (n ? `clicked ${n}` : 'ready'))
  return app
})

describe('a page with the default theme and an assets folder', () => {
  it('loads and applies both under the default CSP, refusing only the inline <style>', async () => {
    const { page, errors } = await open()
    const violations: string[] = []
    page.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()))
    await page.reload()
    await page.waitForFunction(() => (window as unknown as { htmx?: unknown }).htmx !== undefined)
    const styles = await page.evaluate(() => {
      const out = getComputedStyle(document.getElementById('out')!)
      return {
        // From the theme: the system font stack on the body, the accent on the button.
        font: getComputedStyle(document.body).fontFamily,
        buttonRadius: getComputedStyle(document.getElementById('go')!).borderTopLeftRadius,
        // From assets/site.css.
        spacing: out.letterSpacing,
        // From the refused inline <style>.
        transform: out.textTransform,
        script: document.documentElement.dataset['assetScript'],
        icon: document.querySelector('link[rel=icon]')?.getAttribute('href'),
      }
    })
    expect(styles.font).toMatch(/system-ui/)
    expect(styles.buttonRadius).not.toBe('0px')
    expect(styles.spacing).toBe('3px')
    expect(styles.transform).toBe('none')
    expect(styles.script).toBe('ran')
    expect(styles.icon).toMatch(/^\/assets\/favicon\.ico\?v=[\w-]{12}$/)
    // The one refusal is the inline <style>; nothing hyperdash or the assets folder loads is refused.
    expect(violations).toHaveLength(1)
    expect(violations[0]).toMatch(/style/)
    await page.click('#go')
    await settled(page)
    expect(await page.textContent('#out')).toBe('clicked 1')
    expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([])
  })
})
