/**
 * @module errors
 * Error fragments: what a user sees when a callback fails. Details only in development.
 */
import type { CallbackError } from '../src/core/errors.ts'

/** The id of the page's error area; the document shell renders it. */
export const ERRORS_ID = 'hd-errors'

export const CallbackErrorView = (p: { error: CallbackError; dev: boolean; requestId?: string }) => {
  const outputs = p.error.outputs.join(', ') || '(no outputs)'
  const cause = p.error.cause instanceof Error ? p.error.cause : p.error
  return (
    <div class="hd-error" role="alert" data-callback={p.error.callback}>
      <strong>Callback error updating {outputs}</strong>
      {p.dev ? (
        <>
          <p>
            In the callback <code>{p.error.callback}</code>: {p.error.message}
          </p>
          {cause.stack && <pre class="hd-stack">{cause.stack}</pre>}
        </>
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

/** Appends an error to the page's error area. */
export const ErrorSwap = (p: { children?: unknown }) => (
  <template hx-swap-oob={`beforeend:#${ERRORS_ID}`}>{p.children as never}</template>
)
