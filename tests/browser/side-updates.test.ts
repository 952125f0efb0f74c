/**
 * @module side-updates.test
 * Issue 13 in Chromium: `running` (set when the request leaves, back when it lands), `setProps`
 * (examples/set-props.tsx) and `Patch` list edits (examples/patch-list.tsx), with the signed state
 * kept right across clicks.
 */
import { describe, expect, it } from 'vitest'
import { countUpdates, settled, useApp } from './harness.ts'

describe('running (examples/running.tsx)', () => {
  const app = useApp(async () => (await import('../../examples/running.tsx')).app)

  it('disables #run and shows "running" while the callback runs, then "done"', async () => {
    const { page, errors } = await app.open()
    expect(await page.textContent('#status')).toBe('idle')
    // Record, in the page, what #run and #status were at each change.
    await page.evaluate(() => {
      const w = window as unknown as { __seen: string[] }
      w.__seen = []
      const note = () => {
        const b = document.getElementById('run')!
        const s = document.getElementById('status')!.textContent
        const r = document.getElementById('result')!.textContent
        w.__seen.push(`${b.hasAttribute('disabled') ? 'disabled' : 'enabled'} ${s} ${r}`)
      }
      for (const id of ['run', 'status', 'result'])
        new MutationObserver(note).observe(document.getElementById(id)!, {
          attributes: true,
          childList: true,
          subtree: true,
          characterData: true,
        })
    })
    await page.click('#run')
    expect(await page.isDisabled('#run')).toBe(true)
    expect(await page.textContent('#status')).toBe('running')
    await page.waitForFunction(() => document.getElementById('result')!.textContent === 'Report 1 ready')
    await settled(page)
    expect(await page.isDisabled('#run')).toBe(false)
    expect(await page.textContent('#status')).toBe('done')
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)
    // While the request was out: disabled and running; the result landed after both went back.
    expect(seen.filter((s, i) => s !== seen[i - 1])).toEqual(
      expect.arrayContaining(['disabled running ', 'enabled done Report 1 ready'])
    )
    expect(seen.at(-1)).toBe('enabled done Report 1 ready')
    expect(errors).toEqual([])
  })
})

describe('setProps (examples/set-props.tsx)', () => {
  const app = useApp(async () => (await import('../../examples/set-props.tsx')).app)

  it('shows the toast that no callback declares as an output', async () => {
    const { page, errors } = await app.open()
    expect(await page.isHidden('#toast')).toBe(true)
    await page.click('#notify')
    await page.waitForSelector('#toast:not([hidden])')
    expect(await page.textContent('#toast')).toBe('Saved')
    await settled(page)
    expect(errors).toEqual([])
  })
})

describe('Patch (examples/patch-list.tsx)', () => {
  const app = useApp(async () => (await import('../../examples/patch-list.tsx')).app)

  it('appends items one by one (the signed state follows), counts them, clears', async () => {
    const { page, errors } = await app.open()
    const updates = countUpdates(page)
    for (let i = 1; i <= 3; i++) {
      await page.click('#add')
      await page.waitForFunction((n) => document.querySelectorAll('#list li').length === n, i)
      await settled(page)
    }
    expect(await page.textContent('#count')).toBe('3 items on the page')
    expect(await page.$$eval('#list li', (li) => li.map((l) => l.textContent))).toEqual([
      'Item 1',
      'Item 2',
      'Item 3',
    ])
    await page.click('#clear')
    await page.waitForFunction(() => document.querySelectorAll('#list li').length === 0)
    await settled(page)
    expect(await page.textContent('#count')).toBe('0 items on the page')
    await page.click('#add')
    await page.waitForFunction(() => document.getElementById('count')!.textContent === '1 item on the page')
    expect(updates.n).toBe(5)
    expect(errors).toEqual([])
  })
})
