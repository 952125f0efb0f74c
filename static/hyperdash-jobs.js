/**
 * hyperdash's background jobs in the page (loaded only by apps with background callbacks).
 *
 * A streamed answer names each job it started (`hd-meta` `jobs`: callback, signed token, MATCH
 * values) and each one that ended (`ended`). The page keeps the tokens of running jobs:
 * - sent with every request (`jobs`), so that a cancel Input or a new call of the same callback
 *   stops the job on whichever worker runs it;
 * - in sessionStorage, so that a reload re-attaches to them (`attach`: the progress goes on, nothing
 *   runs again);
 * - when a stream drops before its job ended (network, proxy, a server restarting), the page
 *   re-attaches at once, a few times with a growing delay.
 * The wire contract: docs/wire.md, src/protocol/request.ts.
 */
;(() => {
  'use strict'
  const hd = window.hyperdash
  if (!hd || !hd._internal) return
  const STORE = 'hd-jobs'
  const RETRIES = 5
  /** token → { callback, match, url, running, tries } */
  const held = new Map()
  let leaving = false
  addEventListener('pagehide', () => (leaving = true))
  addEventListener('pageshow', () => (leaving = false))

  const key = () => `${STORE}:${location.pathname}`

  function save() {
    try {
      if (held.size) sessionStorage.setItem(key(), JSON.stringify([...held]))
      else sessionStorage.removeItem(key())
    } catch {
      // Storage full or refused: re-attaching after a reload is lost, nothing else.
    }
  }

  function load() {
    try {
      const list = JSON.parse(sessionStorage.getItem(key()) || '[]')
      return Array.isArray(list) ? list : []
    } catch {
      return []
    }
  }

  const urlOf = (root) => root && root.getAttribute('data-hd-url')
  const rootFor = (url) => [...document.querySelectorAll('.hd-app')].find((r) => urlOf(r) === url)

  /** Asks the server to re-attach to held jobs of one app root (one request). */
  function attach(root, tokens) {
    const jobs = tokens.map((t) => [t, held.get(t)]).filter(([, j]) => j)
    if (!jobs.length) return
    htmx.ajax('POST', urlOf(root), {
      source: root,
      swap: 'none',
      target: 'body',
      event: {
        type: 'hd:attach',
        reask: jobs.map(([, j]) =>
          j.match
            ? { callback: j.callback, changed: [], match: j.match }
            : { callback: j.callback, changed: [] }
        ),
        attach: jobs.map(([t]) => t),
        running: jobs.flatMap(([, j]) => j.running || []),
      },
    })
  }

  hd._jobs = {
    /** Adds the tokens of the root's running jobs to a request body. */
    decorate(body, root) {
      const url = urlOf(root)
      const tokens = [...held].filter(([, j]) => j.url === url).map(([t]) => t)
      if (tokens.length) body.jobs = tokens
    },
    /** Reads `jobs` and `ended` of a streamed answer's `hd-meta`. */
    meta(meta, h, root) {
      for (const [callback, token, match] of meta.jobs || []) {
        const running = h && h.running ? h.running.filter((r) => r[4] === callback) : []
        const had = held.get(token)
        held.set(token, {
          callback,
          match: match || null,
          url: urlOf(root),
          running,
          tries: had ? had.tries : 0,
        })
        if (h) (h.jobs = h.jobs || new Set()).add(token)
      }
      for (const token of meta.ended || []) {
        held.delete(token)
        if (h && h.jobs) h.jobs.delete(token)
      }
      save()
    },
    /** A request ended: its jobs not reported ended were cut off with their stream: re-attach. */
    landed(h) {
      const evt = h.body && h.body.attach
      // A plain answer to a re-attach holds the jobs' ends (they had finished): forget them.
      if (evt && !h.stream) {
        for (const t of evt) held.delete(t)
        save()
      }
      if (!h.jobs || !h.jobs.size || leaving) return
      const root = hd._internal.rootOf(h.el)
      const again = [...h.jobs].filter((t) => held.has(t) && held.get(t).tries < RETRIES)
      for (const t of h.jobs) if (held.has(t) && held.get(t).tries >= RETRIES) held.delete(t)
      save()
      if (!again.length) return
      const tries = Math.max(...again.map((t) => ++held.get(t).tries))
      setTimeout(() => attach(root, again), 250 * 2 ** (tries - 1))
    },
    /** On load: re-attach to the jobs a previous load of this page left running. */
    resume() {
      const byUrl = new Map()
      for (const [token, j] of load()) {
        if (!j || typeof j.url !== 'string' || held.has(token)) continue
        held.set(token, { ...j, tries: 0 })
        byUrl.set(j.url, [...(byUrl.get(j.url) || []), token])
      }
      for (const [url, tokens] of byUrl) {
        const root = rootFor(url)
        if (root) attach(root, tokens)
        else for (const t of tokens) held.delete(t)
      }
      save()
    },
  }
})()
