/**
 * Content components, each wired to a callback: dcc.Markdown rendered from what you type,
 * dcc.ConfirmDialog (and its Provider) asking before a dangerous action, dcc.Loading showing a
 * spinner while a slow callback runs, and dcc.Upload sending a file to a callback.
 */
import { createApp, ctx, Input, isMain, Output, PreventUpdate, State } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true })
  })

/** Milliseconds the slow callback takes (tests shorten nothing: the spinner shows after 300 ms). */
export const SLOW_MS = 1000
/** Largest file the upload takes, in bytes. */
export const MAX_UPLOAD = 100_000

const INITIAL_MD =
  '## Markdown\n\nType *Markdown* above: **bold**, `code`, [a link](https://dash.plotly.com).'

export const app = createApp({
  title: 'Content components',
  layout: (
    <main>
      <h1>Content components</h1>

      <section>
        <h2>Markdown</h2>
        <label for="md-source">Markdown source</label>
        <dcc.Textarea id="md-source" value={INITIAL_MD} rows={5} debounce={200} style={{ width: '100%' }} />
        <dcc.Markdown id="md" link_target="_blank" />
      </section>

      <section>
        <h2>Confirm dialog</h2>
        <button id="danger" type="button">
          Delete everything
        </button>
        <dcc.ConfirmDialog id="confirm" message="Delete everything? This cannot be undone." />
        <p id="confirm-result" />
        <dcc.ConfirmDialogProvider id="provider" message="Send the report now?">
          <button id="provider-button" type="button">
            Send report
          </button>
        </dcc.ConfirmDialogProvider>
        <p id="provider-result" />
      </section>

      <section>
        <h2>Loading</h2>
        <button id="slow-button" type="button">
          Slow (1 s)
        </button>{' '}
        <button id="fast-button" type="button">
          Fast
        </button>
        <dcc.Loading id="loading" type="dot" delay_show={300}>
          <div id="slow-output">Not loaded yet</div>
          <div id="fast-output">Not loaded yet</div>
        </dcc.Loading>
      </section>

      <section>
        <h2>Upload</h2>
        <dcc.Upload id="upload" max_size={MAX_UPLOAD}>
          Drag and drop a file here, or <u>choose one</u> (up to 100 KB)
        </dcc.Upload>
        <p id="upload-output">No file yet</p>
      </section>
    </main>
  ),
})

app.callback(Output('md', 'children'), [Input('md-source', 'value')], (source) => String(source ?? ''))

app.callback(Output('confirm', 'displayed'), [Input('danger', 'n_clicks')], (n) => {
  if (!n) throw new PreventUpdate()
  return true
})

app.callback(
  Output('confirm-result', 'children'),
  [Input('confirm', 'submit_n_clicks'), Input('confirm', 'cancel_n_clicks')],
  (ok, cancel) => {
    if (ctx.triggeredId === 'confirm')
      return 'confirm.submit_n_clicks' in ctx.triggeredPropIds
        ? `Deleted (confirmed ${ok} times)`
        : `Kept (cancelled ${cancel} times)`
    return 'Nothing deleted yet'
  }
)

app.callback(Output('provider-result', 'children'), [Input('provider', 'submit_n_clicks')], (n) =>
  n ? `Report sent (${n})` : 'No report sent'
)

app.callback(
  Output('slow-output', 'children'),
  [Input('slow-button', 'n_clicks')],
  async (n) => {
    await sleep(SLOW_MS, ctx.signal)
    return `Slow result #${n}`
  },
  { preventInitialCall: true }
)

app.callback(
  Output('fast-output', 'children'),
  [Input('fast-button', 'n_clicks')],
  (n) => `Fast result #${n}`,
  {
    preventInitialCall: true,
  }
)

app.callback(
  Output('upload-output', 'children'),
  [Input('upload', 'contents')],
  [State('upload', 'filename')],
  (contents, filename) => {
    if (typeof contents !== 'string') return 'No file yet'
    const [head, data = ''] = contents.split(',', 2)
    const bytes = Buffer.from(data, 'base64').length
    const type = /^data:([^;]*)/.exec(head ?? '')?.[1] ?? ''
    return `${filename}: ${bytes} bytes (${type})`
  }
)

if (isMain(import.meta)) app.listen()
