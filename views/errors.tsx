/**
 * @module errors
 * Error fragments: what a user sees when a callback fails. In development, an overlay card with the
 * callback, its outputs, the message and the stack (the app's own frames first in view); in
 * production, a generic notice with a reference to the server's log line.
 */
import { fileURLToPath } from 'node:url'
import type { CallbackError } from '../src/core/errors.ts'

/** The id of the page's error area; the document shell renders it. */
export const ERRORS_ID = 'hd-errors'

/** hyperdash's own source folder; stack frames in it (or in Node, or in node_modules) are dimmed. */
const OWN_ROOT = fileURLToPath(new URL('..', import.meta.url))

/** True for a stack frame of Node, a dependency or hyperdash itself, rather than of the app. */
export function isInternalFrame(line: string): boolean {
  return (
    line.includes('node:') ||
    line.includes('/node_modules/') ||
    line.includes(`${OWN_ROOT}src/`) ||
    line.includes(`${OWN_ROOT}views/`)
  )
}

/** The `at …` lines of a stack, without the message line(s) before them. */
export function stackFrames(stack: string | undefined): string[] {
  return (stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .map((l) => l.trim())
}

// Inline styles: the overlay must look the same whatever stylesheet the app or its host page has.
const S = {
  card: {
    background: '#fff',
    color: '#1d2430',
    border: '1px solid #e3a5a5',
    'border-top': '4px solid #d33',
    padding: '0.7em 2.4em 0.7em 0.9em',
    'max-height': '70vh',
    overflow: 'auto',
    'box-shadow': '0 6px 24px rgba(0, 0, 0, 0.22)',
  },
  title: { display: 'block', color: '#b42318', 'font-size': '15px' },
  message: {
    margin: '0.5em 0',
    'font-family': 'ui-monospace, SFMono-Regular, Menlo, monospace',
    'font-size': '13px',
    'white-space': 'pre-wrap',
  },
  summary: { cursor: 'pointer', color: '#5b6472', 'font-size': '12px' },
  stack: { margin: '0.3em 0 0', 'font-size': '12px', 'line-height': '1.5', 'max-height': 'none' },
  own: { display: 'block', color: '#1d2430', 'font-weight': '600' },
  internal: { display: 'block', color: '#8c96a3' },
  foot: { margin: '0.5em 0 0', color: '#5b6472', 'font-size': '12px' },
}

const Stack = (p: { frames: string[] }) => {
  const own = p.frames.some((f) => !isInternalFrame(f))
  return (
    <details open={own}>
      <summary style={S.summary}>{own ? 'Stack (your code in bold)' : 'Stack (inside hyperdash)'}</summary>
      <pre class="hd-stack" style={S.stack}>
        {p.frames.map((f) => (
          <span
            class={isInternalFrame(f) ? 'hd-frame hd-frame-internal' : 'hd-frame'}
            style={isInternalFrame(f) ? S.internal : S.own}
          >
            {f}
          </span>
        ))}
      </pre>
    </details>
  )
}

const DevDetails = (p: { error: CallbackError; requestId?: string }) => {
  const cause = p.error.cause instanceof Error ? p.error.cause : null
  // What the callback threw, by its class; errors hyperdash raised itself (timeouts, wrong return shapes) speak for themselves.
  const kind = cause && cause.name !== 'Error' ? `${cause.name}: ` : ''
  const frames = stackFrames((cause ?? p.error).stack)
  return (
    <>
      <p>
        In the callback <code>{p.error.callback}</code>:
      </p>
      <p class="hd-error-message" style={S.message}>
        {kind}
        {p.error.message}
      </p>
      {frames.length > 0 && <Stack frames={frames} />}
      <p class="hd-error-foot" style={S.foot}>
        {p.requestId ? `Request ${p.requestId}. ` : ''}Its outputs were left as they were, and nothing that
        depends on them ran. These details show in development only.
      </p>
    </>
  )
}

export const CallbackErrorView = (p: { error: CallbackError; dev: boolean; requestId?: string }) => {
  const outputs = p.error.outputs.join(', ') || '(no outputs)'
  return (
    <div
      class={p.dev ? 'hd-error hd-error-dev' : 'hd-error'}
      role="alert"
      data-callback={p.error.callback}
      style={p.dev ? S.card : undefined}
    >
      <strong style={p.dev ? S.title : undefined}>Callback error updating {outputs}</strong>
      {p.dev ? (
        <DevDetails error={p.error} requestId={p.requestId} />
      ) : (
        <p>
          Something went wrong on the server; the outputs were left as they were.
          {p.requestId && <> Reference: {p.requestId}.</>}
        </p>
      )}
      <button type="button" class="hd-error-close" aria-label="Dismiss">
        ×
      </button>
    </div>
  )
}

/** Appends an error to the error area of the app (`target`: its id; the default app's by default). */
export const ErrorSwap = (p: { children?: unknown; target?: string }) => (
  <template hx-swap-oob={`beforeend:#${p.target ?? ERRORS_ID}`}>{p.children as never}</template>
)
