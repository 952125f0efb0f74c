/**
 * Many simulated users, interleaved: each request carries its own values and its answer holds only
 * them, through async callbacks, a chain, the callback context, and streamed (SSE) answers. Callbacks
 * the server hands back (`hd-meta`, R14 under load) are asked for again, as the client does.
 */
import { expect, it } from 'vitest'
import { createApp, ctx, Input, Output, State } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { loadPage, postUpdate, updateJson } from './helpers.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const app = createApp({
  secret: 'a-test-secret-of-enough-length',
  streamAfterMs: 15,
  layout: (
    <div>
      <dcc.Input id="who" />
      <dcc.Input id="note" />
      <div id="greeting" />
      <div id="echo" />
    </div>
  ),
})

app.callback(
  Output('greeting', 'children'),
  [Input('who', 'value')],
  [State('note', 'value')],
  async (who, note) => {
    // Different users wait different times, so their calls overlap and finish out of order.
    await sleep((String(who).length % 7) * 4)
    return `hello ${who} (${note}) via ${ctx.triggered[0]!.value}`
  },
  { preventInitialCall: true }
)

app.callback(
  Output('echo', 'children'),
  [Input('greeting', 'children')],
  [State('who', 'value')],
  async (greeting, who) => {
    await sleep((String(who).length % 3) * 5)
    return `${who} saw: ${greeting}`
  }
)

it('200 interleaved requests of 40 users: each answer holds its own user values only', async () => {
  const page = await loadPage(app)
  const requests: Promise<string[]>[] = []
  for (let round = 0; round < 5; round++) {
    for (let u = 0; u < 40; u++) {
      const who = `user${u}-${'x'.repeat(u % 11)}-r${round}`
      const note = `note of ${who}`
      const stream = (u + round) % 2 === 0
      const headers = {
        'Content-Type': 'application/json',
        'Sec-Fetch-Site': 'same-origin',
        ...(stream ? { Accept: 'text/event-stream' } : {}),
      }
      requests.push(
        (async () => {
          // As the client does: callbacks the server handed back (hd-meta) are asked for again.
          let json = updateJson(page, ['who.value'], { 'who.value': who, 'note.value': note })
          let text = ''
          for (let ask = 0; ask < 5; ask++) {
            const res = await postUpdate(app, json, headers)
            const answer = await res.text()
            text += answer
            const meta = /hd-meta="([^"]*)"/.exec(answer)?.[1]
            if (!meta) break
            const { deferred } = JSON.parse(meta.replace(/&quot;/g, '"')) as {
              deferred: [number, string[]][]
            }
            const reask = deferred.map(([callback, changed]) => ({ callback, changed }))
            json = { ...updateJson(page, [], { 'who.value': who, 'note.value': note }), reask }
            delete json['changed']
          }
          const greeting = `hello ${who} (${note}) via ${who}`
          const echo = `${who} saw: ${greeting}`
          const others = (text.match(/user\d+-x*-r\d/g) ?? []).filter((w) => w !== who)
          return [
            text.includes(`>${greeting}</template>`),
            text.includes(`>${echo}</template>`),
            others.length === 0,
          ].map(String)
        })()
      )
    }
  }
  const results = await Promise.all(requests)
  expect(results.length).toBe(200)
  expect(results.filter((r) => r.join() !== 'true,true,true')).toEqual([])
})
