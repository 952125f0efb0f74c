/**
 * @module components-content.test
 * examples/components-content.tsx in Chromium: Markdown re-rendered from what is typed, the confirm
 * dialog with mouse and keyboard (Escape cancels, focus moves in and back), the Loading spinner only
 * after `delay_show` for a slow callback and never for a fast one, and a real file uploaded (a data
 * URL reaching the callback) or refused for its size with a visible message.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { expect, it } from 'vitest'
import { countUpdates, settled, useApp } from './harness.ts'

const require = createRequire(import.meta.url)

/** The POST requests the server received: path, content type and body as text. */
const received: { path: string; type: string | null; body: string }[] = []
const app = useApp(async () => {
  const example = (await import('../../examples/components-content.tsx')).app
  return {
    async fetch(req: Request) {
      if (req.method === 'POST') {
        const type = req.headers.get('content-type')
        received.push({ path: new URL(req.url).pathname, type, body: await req.clone().text() })
      }
      return example.fetch(req)
    },
  }
})

/** Waits until the page's component modules have registered their readers. */
async function ready(page: import('playwright-core').Page) {
  await page.waitForFunction(() => {
    const r = (window as unknown as { hyperdash: { readers: Record<string, unknown> } }).hyperdash.readers
    return typeof r['upload'] === 'function' && typeof r['confirm-displayed'] === 'function'
  })
}

it('Markdown: typing new source re-renders it on the server, sanitised', async () => {
  const { page, errors } = await app.open()
  expect(await page.innerHTML('#md h2')).toBe('Markdown')
  await page.fill('#md-source', '# New *title* <script>window.bad = 1</script> [x](javascript:alert(1))')
  await page.waitForFunction(() => document.querySelector('#md h1')?.textContent?.startsWith('New title'))
  expect(await page.innerHTML('#md')).toBe(
    '<h1>New <em>title</em> &lt;script&gt;window.bad = 1&lt;/script&gt; [x](javascript:alert(1))</h1>\n'
  )
  expect(await page.evaluate(() => (window as unknown as { bad?: number }).bad)).toBeUndefined()
  expect(errors).toEqual([])
})

it('ConfirmDialog: a callback opens it; OK counts submit_n_clicks, closes it, focus goes back', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  await page.focus('#danger')
  await page.keyboard.press('Enter')
  await page.waitForSelector('#confirm dialog[open]')
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('OK')
  expect(await page.evaluate(() => document.querySelector('#confirm dialog')!.matches(':modal'))).toBe(true)
  const updates = countUpdates(page)
  await page.keyboard.press('Enter')
  await page.waitForFunction(() =>
    document.getElementById('confirm-result')?.textContent?.startsWith('Deleted')
  )
  await settled(page)
  expect(await page.textContent('#confirm-result')).toBe('Deleted (confirmed 1 times)')
  expect(await page.isVisible('#confirm dialog')).toBe(false)
  expect(await page.getAttribute('#confirm', 'data-displayed')).toBe('false')
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('danger')
  expect(updates.n).toBe(1)
  expect(errors).toEqual([])
})

it('ConfirmDialog: Escape cancels (cancel_n_clicks), Cancel too; it opens again each time', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  await page.click('#danger')
  await page.waitForSelector('#confirm dialog[open]')
  await page.keyboard.press('Escape')
  await page.waitForFunction(() => document.getElementById('confirm-result')?.textContent?.startsWith('Kept'))
  expect(await page.textContent('#confirm-result')).toBe('Kept (cancelled 1 times)')
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('danger')
  await settled(page)
  await page.click('#danger')
  await page.waitForSelector('#confirm dialog[open]')
  await page.click('#confirm .hd-confirm-cancel')
  await page.waitForFunction(
    () => document.getElementById('confirm-result')?.textContent === 'Kept (cancelled 2 times)'
  )
  await settled(page)
  await page.click('#danger')
  await page.waitForSelector('#confirm dialog[open]')
  await page.click('#confirm .hd-confirm-ok')
  await page.waitForFunction(
    () => document.getElementById('confirm-result')?.textContent === 'Deleted (confirmed 1 times)'
  )
  expect(errors).toEqual([])
})

it('ConfirmDialogProvider: clicking the wrapped button asks; OK counts submit_n_clicks', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  await page.click('#provider-button')
  await page.waitForSelector('#provider dialog[open]')
  expect(await page.textContent('#provider dialog[open] p')).toBe('Send the report now?')
  await page.keyboard.press('Escape')
  await settled(page)
  expect(await page.textContent('#provider-result')).toBe('No report sent')
  await page.click('#provider-button')
  await page.waitForSelector('#provider dialog[open]')
  await page.click('#provider .hd-confirm-ok')
  await page.waitForFunction(
    () => document.getElementById('provider-result')?.textContent === 'Report sent (1)'
  )
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('provider-button')
  expect(errors).toEqual([])
})

/** Records, in the page, when `#slow-output`/`#fast-output` turn busy and when the spinner shows. */
async function watchSpinner(page: import('playwright-core').Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __log: [string, number][] }
    w.__log = []
    const spinner = document.querySelector('#loading > .hd-spinner')!
    new MutationObserver(() => {
      w.__log.push([(spinner as HTMLElement).hidden ? 'hidden' : 'shown', performance.now()])
    }).observe(spinner, { attributes: true, attributeFilter: ['hidden'] })
    for (const id of ['slow-output', 'fast-output']) {
      const el = document.getElementById(id)!
      new MutationObserver(() => {
        w.__log.push([el.getAttribute('aria-busy') === 'true' ? 'busy' : 'idle', performance.now()])
      }).observe(el, { attributes: true, attributeFilter: ['aria-busy'] })
    }
  })
  return () => page.evaluate(() => (window as unknown as { __log: [string, number][] }).__log)
}

/**
 * The log's kinds, with the two that happen in one task at the end (the output turns idle, the
 * spinner hides: their observers may be told in either order) put in a fixed order.
 */
const kinds = (events: [string, number][]) => {
  const k = events.map(([e]) => e)
  const tail = k.slice(-2)
  return tail.includes('idle') && tail.includes('hidden') ? [...k.slice(0, -2), 'idle', 'hidden'] : k
}

it('Loading: a slow callback shows the spinner (role=status, labelled) only after delay_show', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  const log = await watchSpinner(page)
  expect(await page.getAttribute('#loading > .hd-spinner', 'role')).toBe('status')
  expect(await page.textContent('#loading > .hd-spinner')).toBe('Loading…')
  await page.click('#slow-button')
  await page.waitForSelector('#loading > .hd-spinner:not([hidden])')
  expect(await page.isVisible('#slow-output')).toBe(false) // hidden under the spinner, as in Dash
  await page.waitForFunction(() => document.getElementById('slow-output')?.textContent === 'Slow result #1')
  await page.waitForSelector('#loading > .hd-spinner[hidden]', { state: 'attached' })
  const events = await log()
  expect(kinds(events)).toEqual(['busy', 'shown', 'idle', 'hidden'])
  const at = Object.fromEntries(events.map(([e, t]) => [e, t]))
  // Shown no earlier than delay_show (300 ms) after the output turned busy.
  expect(at['shown']! - at['busy']!).toBeGreaterThanOrEqual(290)
  expect(await page.isVisible('#slow-output')).toBe(true)
  expect(errors).toEqual([])
})

it('Loading: a fast callback shows no spinner at all', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  const log = await watchSpinner(page)
  await page.click('#fast-button')
  await page.waitForFunction(() => document.getElementById('fast-output')?.textContent === 'Fast result #1')
  await settled(page, 400) // past delay_show
  const events = await log()
  const busyFor = events.find(([e]) => e === 'idle')![1] - events[0]![1]
  // A fast answer (here a few ms) lands before delay_show: no spinner. Only a machine so loaded
  // that the round trip outlasts delay_show may show it, and then exactly as for a slow callback.
  expect(events.map(([e]) => e)).toEqual(
    busyFor < 300 ? ['busy', 'idle'] : ['busy', 'shown', 'idle', 'hidden']
  )
  expect(await page.getAttribute('#loading > .hd-spinner', 'hidden')).toBe('')
  expect(errors).toEqual([])
})

it('Upload: a real file reaches the callback as a data URL, sent as multipart to the upload route', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  received.length = 0
  const text = 'name,value\nalpha,1\nbeta,2\n'
  await page.setInputFiles('#upload input[type=file]', {
    name: 'data.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(text),
  })
  await page.waitForFunction(() =>
    document.getElementById('upload-output')?.textContent?.startsWith('data.csv')
  )
  expect(await page.textContent('#upload-output')).toBe(`data.csv: ${text.length} bytes (text/csv)`)
  expect(received.map((r) => r.path)).toEqual(['/_hd/upload'])
  expect(received[0]!.type).toMatch(/^multipart\/form-data; boundary=/)
  // The file travels as a part, never as a data URL inside the request's JSON.
  expect(received[0]!.body).toContain('filename="data.csv"\r\nContent-Type: text/csv\r\n\r\n' + text)
  expect(received[0]!.body).not.toContain('data:text/csv')
  // Later requests do not carry the contents again: a chain that does not read the upload does not
  // carry it at all (`hd-carry`).
  await page.click('#fast-button')
  await page.waitForFunction(() => document.getElementById('fast-output')?.textContent === 'Fast result #1')
  expect(received[1]!.path).toBe('/_hd/update')
  expect(JSON.parse(received[1]!.body).components.upload).toBe(undefined)
  expect(received[1]!.body).not.toContain('data:text/csv')
  expect(errors).toEqual([])
})

it('Upload: a file over max_size gets a 413 and a visible message; a good file after it clears it', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  await page.setInputFiles('#upload input[type=file]', {
    name: 'big.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(150_000, 1),
  })
  const notice = await page.waitForSelector('.hd-errors .hd-notice-refused')
  expect(await notice.getAttribute('role')).toBe('alert')
  expect(await notice.textContent()).toBe(
    "Upload refused: 'big.bin' is 146.5 KB, larger than this upload accepts (97.7 KB, its max_size). Choose a smaller file."
  )
  expect(await page.textContent('#upload-output')).toBe('No file yet')
  expect(errors.some((e) => e.includes('413'))).toBe(true)
  await page.setInputFiles('#upload input[type=file]', {
    name: 'ok.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('ok'),
  })
  await page.waitForFunction(
    () => document.getElementById('upload-output')?.textContent === 'ok.txt: 2 bytes (text/plain)'
  )
  expect(await page.$('.hd-notice-refused')).toBeNull()
})

it('Upload: files dropped on the zone are sent like chosen ones', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  await page.evaluate(() => {
    const zone = document.querySelector('#upload .hd-upload-zone')!
    const data = new DataTransfer()
    data.items.add(new File(['dropped!'], 'drop.txt', { type: 'text/plain' }))
    zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }))
    zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }))
  })
  await page.waitForFunction(
    () => document.getElementById('upload-output')?.textContent === 'drop.txt: 8 bytes (text/plain)'
  )
  expect(await page.getAttribute('#upload', 'class')).toBe('hd-upload')
  expect(errors).toEqual([])
})

it('the page passes axe-core (WCAG 2 A/AA), with the dialog open too', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.evaluate(source)
  const audit = () =>
    page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(
              o: object
            ): Promise<{ passes: unknown[]; violations: { id: string; nodes: { target: string[] }[] }[] }>
          }
        }
      ).axe
      const r = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })
      return {
        checked: r.passes.length,
        violations: r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      }
    })
  {
    const { checked, violations } = await audit()
    expect(violations).toEqual([])
    expect(checked).toBeGreaterThan(10) // axe ran its rules on the page
  }
  await page.click('#danger')
  await page.waitForSelector('#confirm dialog[open]')
  {
    const { checked, violations } = await audit()
    expect(violations).toEqual([])
    expect(checked).toBeGreaterThan(10) // axe ran its rules on the page
  }
  expect(errors).toEqual([])
})
