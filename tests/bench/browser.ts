/**
 * @module browser
 * One click on a chain of 3 callbacks, timed inside Chromium (click → last output changed), served on
 * 127.0.0.1. Dash needs 3 sequential requests for it; hyperdash one. Skipped without Chromium.
 */
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { chainApp } from './apps.tsx'
import { serveLocal } from './serve-local.ts'
import { median, percentile } from './stats.ts'

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

export async function browserSection(clicks: number) {
  if (!existsSync(CHROMIUM))
    return { markdown: `(Chromium not found at ${CHROMIUM}: skipped.)`, times: [] as number[] }
  const { app } = await chainApp(3)
  const served = await serveLocal(app.fetch)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  })
  try {
    const page = await browser.newPage()
    let posts = 0
    page.on('request', (r) => void (r.method() === 'POST' && posts++))
    await page.goto(served.url)
    await page.waitForFunction(() => (window as unknown as { htmx?: unknown }).htmx !== undefined)
    const times: number[] = []
    for (let i = 0; i <= clicks; i++) {
      const ms = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const last = document.getElementById('c2')!
            const before = last.textContent
            const t0 = performance.now()
            setTimeout(() => resolve(NaN), 5000)
            const seen = new MutationObserver(() => {
              if (document.getElementById('c2')?.textContent === before) return
              seen.disconnect()
              resolve(performance.now() - t0)
            })
            seen.observe(document.body, { childList: true, subtree: true, characterData: true })
            document.getElementById('b')!.click()
          })
      )
      if (Number.isNaN(ms))
        throw new Error('the last output of the chain did not change within 5 s of a click')
      if (i > 0) times.push(ms) // the first click warms up the page and the server
      await page.waitForTimeout(20)
    }
    await page.waitForTimeout(100)
    const sorted = [...times].sort((a, b) => a - b)
    const lines = [
      '| one click on a 3-callback chain, in Chromium | requests per click | click → last output (median) | p90 |',
      '| --- | ---: | ---: | ---: |',
      `| hyperdash (${clicks} clicks) | ${(posts / (clicks + 1)).toFixed(2)} | ${median(times).toFixed(1)} ms | ${percentile(sorted, 90).toFixed(1)} ms |`,
    ]
    return { times, posts, markdown: lines.join('\n') }
  } finally {
    await browser.close()
    await served.close()
  }
}
