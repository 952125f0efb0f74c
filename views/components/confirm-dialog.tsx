/**
 * @module confirm-dialog
 * `dcc.ConfirmDialog` and `dcc.ConfirmDialogProvider`: a native modal `<dialog>` with OK and Cancel
 * (a `<form method="dialog">`: Escape cancels, focus moves in and back). OK and Cancel count
 * `submit_n_clicks` / `cancel_n_clicks` (Inputs); `displayed` shows it and goes back to false when it
 * closes, as in Dash. static/components/confirm-dialog.js opens it (`showModal()`) and counts.
 */
import { z } from 'zod'
import { MAX_TEXT } from '../../src/protocol/components.ts'
import { defineComponent } from './define.ts'

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable()
/** Milliseconds since the epoch, or Dash's -1 for "never". */
const timestamp = z.number().int().min(-1).max(8.64e15).nullable()

const props = {
  /** The question the dialog asks. */
  message: z.string().max(MAX_TEXT),
  /** Shows the dialog; false again once the user answered (OK, Cancel or Escape). */
  displayed: z.boolean().nullable(),
  submit_n_clicks: count,
  submit_n_clicks_timestamp: timestamp,
  cancel_n_clicks: count,
  cancel_n_clicks_timestamp: timestamp,
}

const browser = {
  submit_n_clicks: { schema: count, event: 'confirm-submit', read: 'counter' },
  submit_n_clicks_timestamp: { schema: timestamp, event: 'confirm-submit', read: 'counter' },
  cancel_n_clicks: { schema: count, event: 'confirm-cancel', read: 'counter' },
  cancel_n_clicks_timestamp: { schema: timestamp, event: 'confirm-cancel', read: 'counter' },
  // Read with every request, so a re-render keeps it; it changes with OK/Cancel, which send their own props.
  displayed: { event: null, read: 'confirm-displayed', keep: true },
} as const

type Props = { [K in keyof typeof props]?: z.output<(typeof props)[K]> | undefined } & {
  id?: string
  hd?: Record<string, string>
}

/** The counters as the `counter` reader reads them (`data-submit-n-clicks`…). */
const counters = (p: Props) => ({
  'data-displayed': p.displayed ? 'true' : 'false',
  'data-submit-n-clicks': String(p.submit_n_clicks ?? 0),
  'data-submit-n-clicks-timestamp': String(p.submit_n_clicks_timestamp ?? -1),
  'data-cancel-n-clicks': String(p.cancel_n_clicks ?? 0),
  'data-cancel-n-clicks-timestamp': String(p.cancel_n_clicks_timestamp ?? -1),
})

/** The dialog itself: the message names it; OK has the focus when it opens. */
const Dialog = (p: Props) => {
  const messageId = p.id ? `${p.id}-message` : undefined
  return (
    <dialog
      class="hd-confirm-dialog"
      aria-labelledby={messageId}
      aria-label={messageId ? undefined : 'Confirm'}
    >
      <form method="dialog">
        <p id={messageId} class="hd-confirm-message">
          {p.message ?? ''}
        </p>
        <div class="hd-confirm-buttons">
          <button type="submit" value="cancel" class="hd-confirm-cancel">
            Cancel
          </button>
          <button type="submit" value="ok" class="hd-confirm-ok" autofocus>
            OK
          </button>
        </div>
      </form>
    </dialog>
  )
}

/**
 * @example <ConfirmDialog id="confirm" message="Delete everything?" />
 */
/** One module and stylesheet for both (a page that shows both loads them once). */
const files = {
  scripts: [new URL('../../static/components/confirm-dialog.js', import.meta.url)],
  styles: [new URL('../../static/components/confirm-dialog.css', import.meta.url)],
}

export const ConfirmDialog = defineComponent({
  name: 'dcc.ConfirmDialog',
  props,
  browser,
  ...files,
  render: (p) => (
    <div
      id={p.id}
      class={['hd-confirm', p.className].filter(Boolean).join(' ')}
      style={p.style}
      {...counters(p)}
      {...p.hd}
    >
      <Dialog {...p} />
    </div>
  ),
})

/**
 * Wraps a button: a click on it opens the dialog; OK counts `submit_n_clicks`.
 * @example <ConfirmDialogProvider id="sure" message="Really?"><button>Delete</button></ConfirmDialogProvider>
 */
export const ConfirmDialogProvider = defineComponent({
  name: 'dcc.ConfirmDialogProvider',
  props: { ...props, children: z.unknown() },
  browser,
  ...files,
  render: (p) => (
    <div
      id={p.id}
      class={['hd-confirm', 'hd-confirm-provider', p.className].filter(Boolean).join(' ')}
      style={p.style}
      {...counters(p)}
      {...p.hd}
    >
      {p.children as never}
      <Dialog {...p} />
    </div>
  ),
})

export type ConfirmDialogProps = Omit<Parameters<typeof ConfirmDialog>[0], 'hd'>
export type ConfirmDialogProviderProps = Omit<Parameters<typeof ConfirmDialogProvider>[0], 'hd'>
