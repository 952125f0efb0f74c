/**
 * @module background/options.test
 * Background options that cannot work are refused at registration, with a message naming the fix.
 */
import { expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'

const make = () =>
  createApp({
    secret: 'background-options-test-secret-0123',
    layout: (
      <div>
        <button id="run" />
        <p id="out" />
      </div>
    ),
  })

it('refuses `worker` with `background: true` (the thread call would replace the job)', () => {
  expect(() =>
    make().callback(Output('out', 'children'), [Input('run', 'n_clicks')], () => 'x', {
      background: true,
      worker: import.meta.url,
    })
  ).toThrow(
    '`worker` and `background: true` do not combine: a background callback runs as a job, on a job ' +
      'worker (`npx hyperdash worker app.ts`) when REDIS_URL is set. Drop `worker`; run job workers ' +
      'for CPU-heavy jobs (docs/background.md).'
  )
})

it.each(['progress', 'cancel', 'cacheBy'] as const)('refuses `%s` without `background: true`', (name) => {
  const value = { progress: Output('out', 'title'), cancel: Input('run', 'n_clicks'), cacheBy: [() => 1] }[
    name
  ]
  expect(() =>
    make().callback(Output('out', 'children'), [Input('run', 'n_clicks')], () => 'x', { [name]: value })
  ).toThrow('`progress`, `cancel` and `cacheBy` are options of background callbacks: add `background: true`.')
})
