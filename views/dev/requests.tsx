/**
 * @module dev/requests
 * The dev page's tables: the last requests with what each callback did in them, and the
 * callbacks with their dependencies.
 */
import type { Graph } from '../../src/core/graph.ts'
import { formatMs } from './graph.tsx'
import { STATUS_LABEL, type DevRequest, type DevRun } from './records.ts'

/** `14:03:07.250`, local time. */
export function formatTime(at: number): string {
  const d = new Date(at)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`
}

const Keys = (p: { keys: readonly string[] }) => (
  <>
    {p.keys.map((k, i) => (
      <>
        {i > 0 && ', '}
        <code>{k}</code>
      </>
    ))}
  </>
)

const Run = (p: { run: DevRun }) => {
  const r = p.run
  return (
    <li class={`hd-run hd-st-${r.status}`} data-cb={String(r.index)}>
      <span class="hd-run-name">{r.name}</span> <span class="hd-run-status">{STATUS_LABEL[r.status]}</span>
      {r.ms !== null && <span class="hd-run-ms"> {formatMs(r.ms)}</span>}
      <span class="hd-run-why">
        {' '}
        {r.initial ? (
          'initial call'
        ) : r.changed.length ? (
          <>
            on <Keys keys={r.changed} />
          </>
        ) : null}
        {r.written.length > 0 && (
          <>
            {' '}
            → <Keys keys={r.written} />
          </>
        )}
      </span>
      {r.error && <div class="hd-run-error">{r.error}</div>}
    </li>
  )
}

/** The ring buffer's requests, newest first; the shown one is marked. */
export const RequestTable = (p: {
  requests: readonly DevRequest[]
  selected?: DevRequest
  devUrl: string
}) => (
  <table class="hd-requests">
    <thead>
      <tr>
        <th>#</th>
        <th>time</th>
        <th>kind</th>
        <th>status</th>
        <th>total</th>
        <th>callbacks</th>
      </tr>
    </thead>
    <tbody>
      {p.requests.map((r) => (
        <tr
          id={`request-${r.requestId}`}
          class={r === p.selected ? 'hd-selected' : undefined}
          data-request={r.requestId}
        >
          <td>
            <a href={`${p.devUrl}?request=${encodeURIComponent(r.requestId)}`}>{String(r.seq)}</a>
          </td>
          <td>{formatTime(r.at)}</td>
          <td>{r.kind}</td>
          <td>{String(r.status)}</td>
          <td>{formatMs(r.ms)}</td>
          <td>
            {r.runs.length ? (
              <ul class="hd-runs">
                {r.runs.map((run) => (
                  <Run run={run} />
                ))}
              </ul>
            ) : (
              <span class="hd-none">no callback ran</span>
            )}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
)

/** Every callback, in registration order, with its dependencies. */
export const CallbackTable = (p: { graph: Graph; preventInitial: (index: number) => boolean }) => (
  <table class="hd-callbacks">
    <thead>
      <tr>
        <th>#</th>
        <th>callback</th>
        <th>outputs</th>
        <th>inputs</th>
        <th>states</th>
        <th>initial call</th>
        <th>depth</th>
      </tr>
    </thead>
    <tbody>
      {p.graph.callbacks.map((cb) => (
        <tr data-cb={String(cb.index)}>
          <td>{String(cb.index)}</td>
          <td>{cb.name}</td>
          <td>{cb.outputs.length ? <Keys keys={cb.outputs.map((d) => d.key)} /> : '(none)'}</td>
          <td>{cb.inputs.length ? <Keys keys={cb.inputs.map((d) => d.key)} /> : '(none)'}</td>
          <td>{cb.states.length ? <Keys keys={cb.states.map((d) => d.key)} /> : '(none)'}</td>
          <td>{p.preventInitial(cb.index) ? 'prevented' : 'yes'}</td>
          <td>{String(p.graph.depth(cb))}</td>
        </tr>
      ))}
    </tbody>
  </table>
)
