/**
 * @module form-background.test
 * Without JavaScript (src/server/form-route.ts): a post that starts a background callback waits for
 * its job and answers with the page showing its result; elements that only `setProps` or a job's
 * progress writes (no callback involves them) keep their other attributes and children when the
 * page is rendered again whole.
 */
import { Window } from 'happy-dom'
import { afterAll, describe, expect, it } from 'vitest'

process.env['STEP_MS'] = '5'
const background = await import('../../examples/background-progress.tsx')
const { app: setPropsApp } = await import('../../examples/set-props.tsx')
afterAll(() => background.app.close())

type Fetcher = { request: (path: string, init?: RequestInit) => Response | Promise<Response> }

/** The visible root's form of a page (a streamed page may hold a second one in `<noscript>`). */
function form(html: string) {
  const doc = new Window().document
  doc.write(html)
  const forms = doc.querySelectorAll('form.hd-form')
  return forms[forms.length - 1]!
}

/** Presses the button `id` of the page `html`: posts its form as a browser without JavaScript does. */
async function press(app: Fetcher, html: string, id: string): Promise<string> {
  const fields: [string, string][] = [['hd:click', id]]
  for (const el of form(html).querySelectorAll('input[type=hidden][name]') as unknown as HTMLInputElement[])
    fields.push([el.name, el.getAttribute('value') ?? ''])
  const res = await app.request('/', {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
  })
  expect(res.status).toBe(200)
  return res.text()
}

/** Element `id` of the visible root (a streamed page's last one; the page's form is beside it). */
function element(html: string, id: string) {
  const doc = new Window().document
  doc.write(html)
  return [...doc.querySelectorAll(`[id="${id}"]`)].at(-1)!
}

describe('a background callback, posted without JavaScript', () => {
  it('answers once the job is done, with its result and progressDefault; posts again', async () => {
    const { counters } = background
    const before = { ...counters }
    const page = await (await background.app.request('/')).text()
    const once = await press(background.app, page, 'run')
    expect(element(once, 'result').textContent).toBe('done in 5 steps')
    expect(element(once, 'progress-text').textContent).toBe('idle')
    const bar = element(once, 'progress')
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['0', '5'])
    expect(element(once, 'run').hasAttribute('disabled')).toBe(false)
    expect(element(once, 'cancel').hasAttribute('disabled')).toBe(true)
    // The answer is a page like the first: its form runs the job again.
    const twice = await press(background.app, once, 'run')
    expect(element(twice, 'result').textContent).toBe('done in 5 steps')
    expect(element(twice, 'progress').getAttribute('max')).toBe('5')
    expect(counters.runs - before.runs).toBe(2)
    expect(counters.steps - before.steps).toBe(10)
  })
})

describe('setProps, posted without JavaScript', () => {
  it('keeps the attributes the callback did not set on an element no callback involves', async () => {
    const page = await (await setPropsApp.request('/')).text()
    expect(element(page, 'toast').outerHTML).toBe(
      '<div id="toast" role="status" hidden="">Not saved yet</div>'
    )
    const toast = element(await press(setPropsApp, page, 'notify'), 'toast')
    expect(toast.getAttribute('role')).toBe('status')
    expect(toast.hasAttribute('hidden')).toBe(false)
    expect(toast.textContent).toBe('Saved')
  })
})
