/**
 * @module dev/page
 * The development page (`/_hd/dev`): the callback graph, coloured by one of the last requests, the
 * list of those requests, and the callbacks. Plain HTML and SVG, no client code except the reload
 * script every dev page has.
 */
import { raw } from 'hono/html'
import type { Graph } from '../../src/core/graph.ts'
import { DEV_STYLESHEET, DevScript } from './assets.tsx'
import { formatMs, GraphSvg } from './graph.tsx'
import { layoutGraph } from './layout.ts'
import { STATUS_LABEL, type DevRequest, type RunStatus } from './records.ts'
import { CallbackTable, formatTime, RequestTable } from './requests.tsx'

export interface DevPageProps {
  /** The app's title. */
  title: string
  graph: Graph
  /** Whether a callback's initial call is prevented (by its option or the app's default). */
  preventInitial: (index: number) => boolean
  /** Newest first. */
  requests: readonly DevRequest[]
  /** The request the graph shows; the newest when none was picked. */
  selected?: DevRequest
  /** How many requests the log keeps. */
  capacity: number
  /** The app's page, this page, and the static files. */
  appUrl: string
  devUrl: string
  staticUrl: string
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`

const LEGEND: [string, string][] = [
  ...(['updated', 'noUpdate', 'prevented', 'error', 'deferred', 'dropped'] as RunStatus[]).map(
    (s): [string, string] => [`hd-st-${s}`, STATUS_LABEL[s]]
  ),
  ['hd-trigger', 'changed by the event'],
  ['hd-written', 'written by a callback'],
]

const Caption = (p: { request?: DevRequest }) => {
  const r = p.request
  if (!r)
    return <p class="hd-caption">No request yet: load the app's page or use it, then refresh this page.</p>
  return (
    <p class="hd-caption">
      Showing request <strong>{String(r.seq)}</strong> ({r.kind}, {formatTime(r.at)}, {formatMs(r.ms)}, status{' '}
      {String(r.status)}). Pick another one below.
    </p>
  )
}

export const DevPage = (p: DevPageProps) => {
  const keys = new Set(
    p.graph.callbacks.flatMap((cb) => [...cb.outputs, ...cb.inputs, ...cb.states].map((d) => d.key))
  )
  return (
    <>
      {/* raw() only for the doctype: hono/jsx has no node for it, and without it the page runs in quirks mode. */}
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <link rel="icon" href="data:," />
          <title>{`Callback graph · ${p.title}`}</title>
          <link rel="stylesheet" href={`${p.staticUrl}/${DEV_STYLESHEET}`} />
          <DevScript staticUrl={p.staticUrl} />
        </head>
        <body>
          <h1>
            Callback graph <small>{p.title}</small>
          </h1>
          <p>
            {`${plural(p.graph.callbacks.length, 'callback')}, ${plural(keys.size, 'prop')}. Development mode only. `}
            <a href={p.appUrl}>Open the app</a> · <a href={p.devUrl}>Refresh</a>
          </p>
          <section id="graph">
            {p.graph.callbacks.length === 0 ? (
              <p>This app has no callbacks.</p>
            ) : (
              <>
                <Caption request={p.selected} />
                <div class="hd-figure">
                  <GraphSvg layout={layoutGraph(p.graph)} request={p.selected} />
                </div>
                <ul class="hd-legend">
                  {LEGEND.map(([cls, label]) => (
                    <li>
                      <span class={`hd-swatch ${cls}`} />
                      {label}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <section id="requests">
            <h2>Last requests</h2>
            <p>{`The last ${p.capacity} page loads and updates of this process, newest first.`}</p>
            {p.requests.length ? (
              <RequestTable requests={p.requests} selected={p.selected} devUrl={p.devUrl} />
            ) : (
              <p class="hd-none">None yet.</p>
            )}
          </section>
          <section id="callbacks">
            <h2>Callbacks</h2>
            <CallbackTable graph={p.graph} preventInitial={p.preventInitial} />
          </section>
        </body>
      </html>
    </>
  )
}
