/**
 * hyperdash's development script (served and included only in development): reloads the page when
 * the server restarts, as `npm run dev` does on every file change.
 *
 * The page is rendered with the id of the server process (`data-hd-boot`). The reload stream
 * (`data-hd-reload`, server-sent events) sends the id of the process serving it, first thing on each
 * connection. A restart breaks the stream; EventSource reconnects by itself, gets the new id, and the
 * page reloads. A page rendered before the restart must reload anyway: its signed state belongs to
 * the old process's secret in development.
 *
 * The stream is closed while the tab is hidden, so background tabs do not hold one of the browser's
 * six HTTP/1.1 connections to the dev server; it reconnects (and checks the id) when shown again.
 */
;(() => {
  'use strict'
  const script = document.currentScript
  if (!script || typeof EventSource === 'undefined') return
  const url = script.getAttribute('data-hd-reload')
  const boot = script.getAttribute('data-hd-boot')
  if (!url || !boot) return
  let source = null
  let retry = null

  function connect() {
    if (source || document.hidden) return
    source = new EventSource(url)
    source.addEventListener('boot', (e) => {
      const reloading = e.data !== boot
      // For tools and tests: the stream (re)connected, and whether the page reloads for it.
      document.dispatchEvent(new CustomEvent('hd:dev-boot', { detail: { boot: e.data, reloading } }))
      if (reloading) {
        disconnect()
        location.reload()
      }
    })
    source.addEventListener('error', () => {
      // EventSource retries network errors by itself; it gives up on a refused response (a 404 while
      // another server holds the port, say), so try again a little later.
      if (source && source.readyState === EventSource.CLOSED) {
        disconnect()
        retry = setTimeout(connect, 1000)
      }
    })
  }

  function disconnect() {
    clearTimeout(retry)
    if (source) source.close()
    source = null
  }

  document.addEventListener('visibilitychange', () => (document.hidden ? disconnect() : connect()))
  window.addEventListener('pagehide', disconnect)
  window.addEventListener('pageshow', connect)
  connect()
})()
