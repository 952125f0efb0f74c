/**
 * hyperdash's htmx 4 extension: what plain htmx attributes cannot do.
 *
 * 1. Count clicks (`n_clicks`, `n_clicks_timestamp`) on elements that carry `data-n-clicks`, Enter
 *    presses in a component's `<input>` (`n_submit`, then an `hd-submit` event) and blurs of its
 *    `<input>` or `<textarea>` (`n_blur`).
 * 2. Build the request (JSON, docs/wire.md): the props the event changed, the signed state of the
 *    components its chain may touch (`hd-carry`: ids, and selectors of dict ids; every one of the
 *    app for a re-ask) and their
 *    browser-owned values, each read by the reader its state names (built in below, or registered
 *    by a component's own module on `window.hyperdash.readers`), and what requests still in flight
 *    may change (Dash's R14).
 * 3. Apply the server's `hd` swaps: children, attributes, or a morph of a component, keeping
 *    focus, caret and the text a user typed since the request left.
 * 4. Order across requests: a callback result older than one already applied is dropped (R16);
 *    callbacks the server deferred are asked for again when a request they waited on lands.
 *
 * The names used here are the wire contract of src/protocol/constants.ts.
 */
;(() => {
  'use strict'
  const STATE = 'data-hd'
  const SIG = 'data-hd-sig'
  const CLICKS = 'data-n-clicks'
  const CLICK_TS = 'data-n-clicks-timestamp'
  const TRIGGER = 'hd-t'
  const CARRY = 'hd-carry'
  const CB = 'hd-cb'
  const META = 'hd-meta'
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k)

  let api
  let resumed = false
  let seq = 0
  /** seq → { el, t: [prop keys], cb: [callback indexes] } for requests in flight. */
  const inflight = new Map()
  /**
   * call token → { callback, match, changed: Set<key>, blockers: Set<seq> }: waiting to be asked for
   * again. A call token is a callback's index, with its MATCH values for a pattern-matching callback
   * (`3:[1]`), as the server writes it in `hd-cb`.
   */
  const deferred = new Map()
  /** call token → seq of the newest request whose result for it was applied (R16). */
  const applied = new Map()
  /** call token → seq of the request whose answer deferred it: older results for it are stale. */
  const deferredAt = new Map()
  /** The token of call `i` with MATCH values `match` (views/results.tsx, callToken). */
  function tokenOf(i, match) {
    if (!match) return String(i)
    const vals = JSON.stringify(
      Object.keys(match)
        .sort()
        .map((k) => match[k])
    )
    return `${i}:${vals}`.replace(/[%\s]/g, (c) => encodeURIComponent(c))
  }
  /** element → time of the user's last input in it. */
  const lastInput = new WeakMap()

  const parsed = new Map()
  function stateOf(el) {
    const s = el.getAttribute(STATE)
    let st = parsed.get(s)
    if (!st) {
      try {
        st = JSON.parse(s)
      } catch {}
      if (!st || typeof st.read !== 'object' || st.read === null) st = { kind: 'div', props: {}, read: {} }
      if (parsed.size > 5000) parsed.clear()
      parsed.set(s, st)
    }
    return st
  }

  const rootOf = (el) =>
    (el && el.closest && el.closest('.hd-app')) || document.querySelector('.hd-app') || document

  // ─── 1. clicks ────────────────────────────────────────────────────────────────────────────
  document.addEventListener(
    'click',
    (e) => {
      let el = e.target instanceof Element ? e.target.closest(`[${CLICKS}]`) : null
      while (el) {
        const n = el.getAttribute(CLICKS)
        el.setAttribute(CLICKS, String((n ? Number(n) : 0) + 1))
        el.setAttribute(CLICK_TS, String(Date.now()))
        el = el.parentElement && el.parentElement.closest(`[${CLICKS}]`)
      }
      const close = e.target instanceof Element && e.target.closest('.hd-error-close')
      if (close) close.parentElement.remove()
    },
    true
  )
  document.addEventListener(
    'input',
    (e) => e.target instanceof Element && lastInput.set(e.target, performance.now()),
    true
  )
  /**
   * Adds one to `data-<name>` and stamps `data-<name>-timestamp` (Dash's `n_submit`, `n_blur`) when
   * the page reads `prop` (a callback's Input or State); false when it does not.
   */
  function count(el, prop) {
    const read = stateOf(el).read
    if (!has(read, prop) && !has(read, `${prop}_timestamp`)) return false
    const name = prop.replace(/_/g, '-')
    const n = el.getAttribute(`data-${name}`)
    el.setAttribute(`data-${name}`, String((n ? Number(n) : 0) + 1))
    el.setAttribute(`data-${name}-timestamp`, String(Date.now()))
    return true
  }
  // Capture: counted before htmx's own listener on the element reads them.
  document.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Enter' || e.isComposing || !(e.target instanceof Element)) return
      if (e.target.matches(`input[${STATE}]`) && count(e.target, 'n_submit'))
        e.target.dispatchEvent(new Event('hd-submit', { bubbles: true }))
    },
    true
  )
  document.addEventListener(
    'blur',
    (e) =>
      e.target instanceof Element &&
      e.target.matches(`input[${STATE}],textarea[${STATE}]`) &&
      count(e.target, 'n_blur'),
    true
  )

  // ─── 1b. the page's form ──────────────────────────────────────────────────────────────────
  // Without JavaScript the page's form (beside the layout; its controls name it with `form`) posts to
  // the page (src/server/form-route.ts). Here the events send their JSON updates instead: it never
  // submits natively (Enter in an input, a button of the layout). The app's own forms are left alone.
  // Only when htmx is there to send them; `hd-js` hides the form's own button.
  const FORM = 'hd-form'
  if (typeof htmx !== 'undefined') {
    document.documentElement.classList.add('hd-js')
    document.addEventListener('submit', (e) => {
      if (e.target instanceof HTMLFormElement && e.target.classList.contains(FORM)) e.preventDefault()
    })
  }

  // ─── 2. the request ───────────────────────────────────────────────────────────────────────
  const control = (el) =>
    el.matches('input,select,textarea') ? el : el.querySelector('input,select,textarea')
  const checked = (el) => [...el.querySelectorAll('input[type=checkbox]:checked,input[type=radio]:checked')]

  const patterns = new Map()
  /**
   * False when a non-empty text breaks its control's `minlength`, `maxlength` or `pattern` (checked
   * here, not by `validity`, which skips values no user typed): the reader then gives null, and the
   * server refuses such a text (views/components/input.tsx).
   */
  function fitsText(input) {
    const v = input.value
    if (v === '') return true
    const min = input.getAttribute('minlength')
    const max = input.getAttribute('maxlength')
    if (min !== null && v.length < Number(min)) return false
    if (max !== null && v.length > Number(max)) return false
    const pattern = input.getAttribute('pattern')
    if (pattern === null || input.tagName === 'TEXTAREA') return true
    if (!patterns.has(pattern)) {
      let re = null
      try {
        re = new RegExp(`^(?:${pattern})$`, 'v')
      } catch {}
      patterns.set(pattern, re)
    }
    const re = patterns.get(pattern)
    return !re || re.test(v)
  }

  /** The built-in readers, by the names component definitions use (src/protocol/components.ts). */
  const BUILTIN = {
    value(el) {
      const input = control(el)
      if (input && input.multiple && input.tagName === 'SELECT')
        return [...input.options].filter((o) => o.selected).map((o) => o.value)
      return input ? (fitsText(input) ? input.value : null) : null
    },
    number(el) {
      const input = control(el)
      // Outside min/max, off step or not a number: null, as Dash's dcc.Input delivers (NaN → None).
      if (!input || input.value === '' || (input.validity && !input.validity.valid)) return null
      const n = Number(input.value)
      return Number.isFinite(n) ? n : null
    },
    checked: (el) => checked(el).map((i) => i.value),
    radio(el) {
      const on = checked(el)[0]
      return on ? on.value : null
    },
    counter(el, prop) {
      const n = el.getAttribute(`data-${prop.replace(/_/g, '-')}`)
      return n ? Number(n) : null
    },
    location: (el, prop) => (['pathname', 'search', 'hash', 'href'].includes(prop) ? location[prop] : null),
  }

  /**
   * `window.hyperdash.readers`: a component's own module adds its reader here, by the name its
   * definition gives (`read: 'star-rating'`): `(element, prop) => value`. Modules that ran before
   * this script keep theirs.
   */
  const hd = (window.hyperdash = window.hyperdash || {})
  const readers = (hd.readers = Object.assign(Object.create(null), BUILTIN, hd.readers))
  const unknownReaders = new Set()

  function readProp(el, reader, prop) {
    const read = has(readers, reader) ? readers[reader] : null
    if (typeof read === 'function') return read(el, prop)
    if (!unknownReaders.has(reader)) {
      unknownReaders.add(reader)
      console.error(
        `hyperdash: no reader '${reader}' (for '${el.id}.${prop}'); is its component's script loaded?`
      )
    }
    return null
  }

  /** The live element `id` of this app root, or null. */
  function byId(root, id) {
    const el = document.getElementById(id)
    if (el && (root === document || root.contains(el))) return el
    return root.querySelector ? root.querySelector(`#${CSS.escape(id)}`) : null
  }

  const ids = new Map()
  /** A dict id parsed (`{"index":1,"type":"item"}`), or null for a plain id. */
  function dictOf(id) {
    if (id.charCodeAt(0) !== 123) return null
    let d = ids.get(id)
    if (d === undefined) {
      try {
        d = JSON.parse(id)
      } catch {
        d = null
      }
      if (typeof d !== 'object' || Array.isArray(d)) d = null
      if (ids.size > 20000) ids.clear()
      ids.set(id, d)
    }
    return d
  }
  const isAny = (v) => Array.isArray(v) && v.length === 1 && v[0] === 'ALL'
  /** A selector of `hd-carry` (a dict id with keys `["ALL"]`: any value), or null. */
  function selectorOf(token) {
    const d = dictOf(token)
    return d && Object.values(d).some(isAny) ? d : null
  }
  /** True when dict id `d` has exactly the selector's keys, and its values where it pins them. */
  function selects(sel, d) {
    const keys = Object.keys(d)
    if (keys.length !== Object.keys(sel).length) return false
    for (const k of keys) if (!has(sel, k) || (!isAny(sel[k]) && sel[k] !== d[k])) return false
    return true
  }

  /**
   * The live components a request carries: those listed in `only` (the ids and selectors an event's
   * chain may read or write, `hd-carry`), or every one of the app root when `only` is null. A
   * selector stands for every live component whose dict id it matches (an ALL list is sent whole),
   * and then the components go in document order. A component's `parent` is its nearest enclosing
   * component among those carried.
   */
  function collect(root, only) {
    const components = {}
    let els
    if (!only) els = root.querySelectorAll(`[${STATE}]`)
    else {
      const named = new Set()
      const sels = []
      for (const t of only) {
        const token = t.includes('%') ? decodeURIComponent(t) : t
        const sel = selectorOf(token)
        if (sel) sels.push(sel)
        else named.add(token)
      }
      if (!sels.length)
        els = [...named].map((id) => byId(root, id)).filter((el) => el && el.hasAttribute(STATE))
      else {
        els = []
        for (const el of root.querySelectorAll(`[${STATE}]`)) {
          if (named.has(el.id)) els.push(el)
          else {
            const d = dictOf(el.id)
            if (d && sels.some((s) => selects(s, d))) els.push(el)
          }
        }
      }
    }
    const carried = only && new Set(Array.from(els, (el) => el.id))
    for (const el of els) {
      if (!el.id) continue
      const st = stateOf(el)
      let parent = el.parentElement && el.parentElement.closest(`[${STATE}]`)
      if (only)
        while (parent && !carried.has(parent.id))
          parent = parent.parentElement && parent.parentElement.closest(`[${STATE}]`)
      const values = {}
      for (const p of Object.keys(st.read)) values[p] = readProp(el, st.read[p], p)
      components[el.id] = {
        state: el.getAttribute(STATE),
        sig: el.getAttribute(SIG),
        parent: parent ? parent.id : null,
        values,
      }
    }
    return components
  }

  /**
   * The props an event of `el` changed: `hd-t` lists them as `prop:event` pairs. A component's module
   * may dispatch its own event naming a subset, `{ detail: { props: [...] } }`: then only those
   * (dcc.Location: the parts of the URL that changed; dcc.Store: `modified_timestamp` alone).
   */
  function changedProps(el, evt) {
    const type = evt && evt.type
    const only = evt && evt.detail && Array.isArray(evt.detail.props) ? evt.detail.props : null
    const out = []
    for (const pair of (el.getAttribute(TRIGGER) || '').split(' ')) {
      const at = pair.lastIndexOf(':')
      const prop = pair.slice(0, at)
      if (at > 0 && pair.slice(at + 1) === type && (!only || only.includes(prop)))
        out.push(`${el.id}.${prop}`)
    }
    return out
  }

  function pendingFor(el) {
    const changed = []
    const reask = []
    // A request of the same element is about to be replaced (hx-sync this:replace): not pending.
    for (const r of inflight.values()) if (r.el !== el) (changed.push(...r.t), reask.push(...r.cb))
    return { changed, reask }
  }

  /** The update request (src/protocol/request.ts, docs/wire.md). */
  function buildRequest(el, evt) {
    const root = rootOf(el)
    const body = {}
    if (evt && evt.type === 'hd:client') {
      // Props client-side callbacks wrote (static/hyperdash-clientside.js) that server callbacks read.
      body.changed = [...evt.changed]
    } else if (evt && evt.type === 'hd:attach') {
      // Re-attach to background jobs (static/hyperdash-jobs.js): their calls, and their tokens.
      body.reask = evt.reask
      body.attach = evt.attach
    } else if (evt && evt.type === 'hd:reask') {
      body.reask = []
      for (const [t, d] of deferred)
        if (d.ready && d.root === root) {
          const r = { callback: d.callback, changed: [...d.changed] }
          if (d.match) r.match = d.match
          body.reask.push(r)
          deferred.delete(t)
        }
    } else {
      body.changed = changedProps(el, evt)
      // This request replaces the element's one in flight (hx-sync this:replace): what that one
      // changed (a value on `change`) is sent again with what this one changed (`n_blur` on blur).
      for (const r of inflight.values())
        if (r.el === el && !r.answered)
          for (const k of r.t) if (!body.changed.includes(k)) body.changed.push(k)
    }
    // A user event carries what its chain may touch (`hd-carry`); a re-ask, the whole page.
    const carry = !body.reask && el.getAttribute && el.getAttribute(CARRY)
    body.components = collect(root, typeof carry === 'string' ? carry.split(' ').filter(Boolean) : null)
    const pending = pendingFor(el)
    if (pending.changed.length || pending.reask.length) body.pending = pending
    // The background jobs the page holds: a cancel Input or a new call of theirs stops them.
    if (hd._jobs) hd._jobs.decorate(body, root)
    return body
  }

  // ─── 3. swaps ─────────────────────────────────────────────────────────────────────────────
  function focusSnapshot(target) {
    const a = document.activeElement
    if (!a || !a.id || !target.contains(a)) return null
    let start = null
    let end = null
    try {
      start = a.selectionStart
      end = a.selectionEnd
    } catch {}
    return { id: a.id, start, end }
  }

  function restoreFocus(snap) {
    if (!snap) return
    const el = document.getElementById(snap.id)
    if (!el || el === document.activeElement) return
    el.focus({ preventScroll: true })
    try {
      if (snap.start != null) el.setSelectionRange(snap.start, snap.end)
    } catch {}
  }

  /** After a morph, make live values match the server's, except where the user typed since. */
  function writeLiveValues(root, sentAt) {
    const inputs = root.matches('input,select,textarea')
      ? [root]
      : [...root.querySelectorAll('input,select,textarea')]
    for (const input of inputs) {
      const typed = (lastInput.get(input) || 0) > sentAt
      if (typed && input === document.activeElement) continue
      if (input.type === 'checkbox' || input.type === 'radio') {
        input.checked = input.hasAttribute('checked')
        continue
      }
      if (input.tagName === 'SELECT') {
        // A select's value is its options' `selected` attributes (it has no `value` attribute).
        for (const o of input.options) o.selected = o.hasAttribute('selected')
        continue
      }
      const next = input.tagName === 'TEXTAREA' ? input.defaultValue : (input.getAttribute('value') ?? '')
      if (input.value === next) continue
      if (
        (input.type === 'number' || input.type === 'range') &&
        next !== '' &&
        Number(input.value) === Number(next)
      )
        continue
      if (input === document.activeElement) {
        const pos = Math.min(input.selectionStart ?? next.length, next.length)
        input.value = next
        try {
          input.setSelectionRange(pos, pos)
        } catch {}
      } else input.value = next
    }
  }

  /** FNV-1a over UTF-16 code units, base 36: the server's src/protocol/state-splice.ts. */
  function fnv1a(s) {
    let h = 0x811c9dc5
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i)
      h = Math.imul(h, 0x01000193) >>> 0
    }
    return h.toString(36)
  }

  /** A list edit of the target's children (a Patch): only the items that changed travel. */
  function applyEdit(target, tpl) {
    const [edit, at] = tpl.getAttribute('hd-edit').split(' ')
    const i = Number(at)
    const nodes = [...tpl.content.cloneNode(true).childNodes]
    const added = nodes.filter((n) => n.nodeType === 1)
    const kids = target.children
    if (edit === 'append') target.append(...nodes)
    else if (edit === 'prepend') target.prepend(...nodes)
    else if (edit === 'clear') target.replaceChildren()
    else if (edit === 'insert') kids[i] ? kids[i].before(...nodes) : target.append(...nodes)
    else if (edit === 'remove') kids[i] && kids[i].remove()
    else if (edit === 'replace') kids[i] && kids[i].replaceWith(...nodes)
    return added
  }

  /** The new signed state as the part that changed, applied only to the state the server started from. */
  function applyStateSplice(target, tpl) {
    const [start, end, length, hash] = tpl.getAttribute('hd-state').split(' ')
    const carrier = tpl.content.firstElementChild
    const old = target.getAttribute(STATE) || ''
    if (!carrier || old.length !== Number(length) || fnv1a(old) !== hash) {
      console.error(`hyperdash: the state of '${target.id}' changed since the request left; reload the page.`)
      notice(rootOf(target), 'reload', 'This page is out of date: the server can no longer accept it.', {
        label: 'Reload',
        run: () => location.reload(),
      })
      return [target]
    }
    const next = old.slice(0, Number(start)) + carrier.getAttribute('data-hd-ins') + old.slice(Number(end))
    target.setAttribute(STATE, next)
    target.setAttribute(SIG, carrier.getAttribute(SIG))
    return [target]
  }

  function applySwap(target, tpl, spec) {
    if (tpl.hasAttribute('hd-edit')) return applyEdit(target, tpl)
    if (tpl.hasAttribute('hd-state')) return applyStateSplice(target, tpl)
    if (tpl.hasAttribute('hd-morph')) {
      const snap = focusSnapshot(target)
      api.morph(target, tpl.content.cloneNode(true), false)
      writeLiveValues(target, spec.hdSentAt || 0)
      restoreFocus(snap)
      return [target]
    }
    if (tpl.hasAttribute('hd-attr')) {
      const carrier = tpl.content.firstElementChild
      for (const name of tpl.getAttribute('hd-attr').split(' ')) {
        if (carrier && carrier.hasAttribute(name)) target.setAttribute(name, carrier.getAttribute(name))
        else target.removeAttribute(name)
      }
      return [target]
    }
    if (tpl.hasAttribute('hd-children')) {
      const snap = focusSnapshot(target)
      target.replaceChildren(...tpl.content.cloneNode(true).childNodes)
      restoreFocus(snap)
      return [target]
    }
    return [target]
  }

  // ─── 4. ordering ──────────────────────────────────────────────────────────────────────────
  const cbsOf = (tpl) => (tpl.getAttribute(CB) || '').split(' ').filter(Boolean)

  function isStale(cbs, s) {
    return cbs.some((i) => (applied.get(i) ?? -1) > s || (deferredAt.get(i) ?? -1) > s)
  }

  /**
   * Records callbacks the server deferred (or left unfinished on the first page) to ask for later;
   * returns the client-side callbacks it lists for the page to run, `[[index, changed]]`.
   */
  function readMeta(fragment, ctx, root) {
    const client = []
    for (const m of fragment.querySelectorAll(`template[${META}]`)) {
      let meta
      try {
        meta = JSON.parse(m.getAttribute(META))
      } catch {
        continue
      }
      const blockers = ctx && ctx.hd ? ctx.hd.pendingSeqs : []
      for (const [i, changed, match] of meta.deferred || []) {
        const t = tokenOf(i, match)
        const d = deferred.get(t) || {
          callback: i,
          match: match || null,
          changed: new Set(),
          blockers: new Set(),
          ready: false,
          root,
        }
        for (const k of changed) d.changed.add(k)
        for (const b of blockers) if (inflight.has(b)) d.blockers.add(b)
        d.ready = d.blockers.size === 0
        deferred.set(t, d)
        if (ctx && ctx.hd) deferredAt.set(t, ctx.hd.seq)
      }
      if (Array.isArray(meta.clientside)) client.push(...meta.clientside)
      // A streamed answer: callbacks whose final result this message holds get `running` back now.
      if (ctx && ctx.hd && Array.isArray(meta.finished)) stopRunningOf(ctx.hd, meta.finished)
      if (hd._jobs && (meta.jobs || meta.ended)) hd._jobs.meta(meta, ctx && ctx.hd, root)
      m.remove()
    }
    return client
  }

  /** Runs client-side callbacks a response or the first page lists, then `next` (R45). */
  function runClientside(list, root, next) {
    const cs = hd._clientside
    if (!list || !list.length || !cs) return next()
    cs.run(list, root).then(next, (err) => (console.error(err), next()))
  }

  /** Asks again, per app root, for the deferred callbacks whose blockers have landed. */
  function maybeReask() {
    const roots = new Set()
    for (const d of deferred.values()) if (d.ready) roots.add(d.root)
    for (const root of roots) {
      const url = root && root.getAttribute('data-hd-url')
      if (!url) continue
      htmx.ajax('POST', url, { source: root, swap: 'none', target: 'body', event: { type: 'hd:reask' } })
    }
  }

  function onLanded(s) {
    inflight.delete(s)
    for (const d of deferred.values()) {
      if (d.blockers.delete(s) && d.blockers.size === 0) d.ready = true
    }
    maybeReask()
  }

  // ─── 5. loading state ─────────────────────────────────────────────────────────────────────
  /**
   * Dash's `running`: the element's `hd-running` lists `[id, prop, whileRunning, whenDone]` for the
   * callbacks its events run; set when the request leaves, set back when its answer lands.
   */
  function setProp(id, prop, v) {
    const el = document.getElementById(id)
    if (!el) {
      console.error(`hyperdash: ID running component not found in layout: '${id}'`)
      return
    }
    if (prop === 'children') {
      el.textContent = v == null ? '' : String(v)
      return
    }
    const name = prop === 'className' ? 'class' : prop
    if (v === false || v == null) el.removeAttribute(name)
    else if (v === true) el.setAttribute(name, '')
    else if (typeof v === 'object')
      el.setAttribute(
        name,
        Object.entries(v)
          .map(([k, x]) => `${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: ${x}`)
          .join('; ')
      )
    else el.setAttribute(name, String(v))
  }

  function startRunning(el) {
    let list = null
    try {
      list = JSON.parse(el.getAttribute('hd-running') || 'null')
    } catch {}
    return startRunningList(list)
  }

  function startRunningList(list) {
    if (!Array.isArray(list) || !list.length) return null
    for (const [id, prop, on] of list) setProp(id, prop, on)
    return list
  }

  /** `running` back for the callbacks `cbs` only (their entries end with the callback's index). */
  function stopRunningOf(h, cbs) {
    if (!h.running) return
    const left = []
    for (const r of h.running) {
      if (cbs.includes(r[4])) setProp(r[0], r[1], r[3])
      else left.push(r)
    }
    h.running = left.length ? left : null
  }

  function stopRunning(h) {
    if (!h || !h.running) return
    const list = h.running
    h.running = null
    for (const [id, prop, , off] of list) setProp(id, prop, off)
  }

  /** id → set of request seqs that may still change it. */
  const busy = new Map()

  function markBusy(el, s) {
    const ids = (el.getAttribute('hd-affects') || '').split(' ').filter(Boolean)
    for (const id of ids) {
      const set = busy.get(id) || new Set()
      set.add(s)
      busy.set(id, set)
      const target = document.getElementById(id)
      if (target) {
        target.setAttribute('aria-busy', 'true')
        target.classList.add('hd-busy')
      }
    }
    return ids
  }

  function clearBusy(id, s, all) {
    const set = busy.get(id)
    if (!set) return
    if (all) set.clear()
    else set.delete(s)
    if (set.size) return
    busy.delete(id)
    const target = document.getElementById(id)
    if (target) {
      target.removeAttribute('aria-busy')
      target.classList.remove('hd-busy')
    }
  }

  // The first page lists initial calls that did not finish within the server's budget: ask for them now.
  function resumeInitialCalls() {
    const roots = [...document.querySelectorAll('.hd-app')]
    let left = roots.length
    // Background jobs a previous load of this page left running: re-attached (hyperdash-jobs.js).
    if (hd._jobs) hd._jobs.resume()
    if (!left) return maybeReask()
    for (const root of roots) runClientside(readMeta(root, null, root), root, () => --left || maybeReask())
  }

  /** For static/hyperdash-clientside.js: what it needs of this extension. */
  hd._internal = {
    stateOf,
    readProp,
    rootOf,
    setProp: (id, prop, v) => setProp(id, prop, v),
    notice: (root, kind, text) => notice(root, kind, text),
    /** Sends the props client-side callbacks wrote to the server callbacks that read them. */
    send(root, changed) {
      const url = root && root.getAttribute('data-hd-url')
      if (!url || !changed.length) return
      htmx.ajax('POST', url, {
        source: root,
        swap: 'none',
        target: 'body',
        event: { type: 'hd:client', changed },
      })
    },
  }

  // ─── 7. the streamed first page ───────────────────────────────────────────────────────────
  // Initial calls that outlast the server's budget arrive after the app root, in the same response,
  // as `<template hd-late>` holding an update response's swaps: applied as they are parsed. The root
  // is made live as soon as the first one arrives (it is complete then), not at the end of the stream.
  const LATE = 'hd-late'
  const processed = new WeakSet()

  function applyLate(tpl) {
    let root = tpl.previousElementSibling
    while (root && !root.classList.contains('hd-app')) root = root.previousElementSibling
    root = root || rootOf(tpl)
    tpl.remove()
    if (!processed.has(root) && root.isConnected) {
      processed.add(root)
      htmx.process(root)
    }
    if (tpl.content.childNodes.length)
      htmx.swap({ text: tpl.innerHTML, sourceElement: root, target: root, swap: 'none', hdLate: true })
  }

  // A template is complete once something follows it (the server ends each with a newline).
  const lateObserver = new MutationObserver(() => {
    for (const t of document.querySelectorAll(`template[${LATE}]`)) if (t.nextSibling) applyLate(t)
  })
  lateObserver.observe(document.documentElement, { childList: true, subtree: true })
  const lateDone = () => {
    lateObserver.disconnect()
    for (const t of document.querySelectorAll(`template[${LATE}]`)) applyLate(t)
  }

  htmx.registerExtension('hyperdash', {
    init: (internal) => {
      api = internal
    },
    htmx_config_request(elt, detail) {
      const ctx = detail.ctx
      const type = ctx.sourceEvent && ctx.sourceEvent.type
      if (!elt.hasAttribute(TRIGGER) && type !== 'hd:reask' && type !== 'hd:client' && type !== 'hd:attach')
        return
      const body = buildRequest(elt, ctx.sourceEvent)
      const s = ++seq
      ctx.hd = {
        seq: s,
        el: elt,
        t: body.changed || [],
        cb: (body.reask || []).map((e) => e.callback),
        sentAt: performance.now(),
        pendingSeqs: [...inflight.keys()].filter((k) => inflight.get(k).el !== elt),
        body,
      }
    },
    htmx_before_request(elt, detail) {
      const h = detail.ctx.hd
      if (!h) return
      // Set here, after htmx turned its form body into URL parameters: ours is JSON.
      if (elt.hasAttribute('hd-upload')) {
        // dcc.Upload: multipart, the request in `hd` and the files beside it (src/server/upload-route.ts).
        const refused = rootOf(elt).querySelector('.hd-notice-refused')
        if (refused) refused.remove()
        const form = new FormData()
        form.append('hd', JSON.stringify(h.body))
        for (const input of elt.querySelectorAll('input[type=file]'))
          for (const f of input.files || []) form.append('file', f)
        detail.ctx.request.body = form
        delete detail.ctx.request.headers['Content-Type']
        detail.ctx.request.headers['HD-Upload'] = '1'
      } else {
        detail.ctx.request.body = JSON.stringify(h.body)
        detail.ctx.request.headers['Content-Type'] = 'application/json'
      }
      inflight.set(h.seq, h)
      h.busy = markBusy(elt, h.seq)
      const evt = detail.ctx.sourceEvent
      h.running = evt && evt.type === 'hd:attach' ? startRunningList(evt.running) : startRunning(elt)
    },
    htmx_before_response(elt, detail) {
      if (detail.ctx.hd) detail.ctx.hd.answered = true
    },
    htmx_before_swap(elt, detail) {
      const ctx = detail.ctx
      // Late initial results of the first page are older than any request the page sent since.
      const s = ctx.hd ? ctx.hd.seq : ctx.hdLate ? 0 : seq
      // A stream (a slow chain, a background job; hx-sse took the response over before our
      // before_response hook): `running` goes back per callback as each lands (readMeta).
      if (ctx.hd && ctx.hd.stream === undefined)
        ctx.hd.stream = /text\/event-stream/.test(ctx.response.headers.get('Content-Type') || '')
      // `running` goes back before the answer's swaps, so that an output of the same prop wins.
      if (!(ctx.hd && ctx.hd.stream)) stopRunning(ctx.hd)
      const tasks = detail.tasks
      for (let i = tasks.length - 1; i >= 0; i--) {
        const task = tasks[i]
        if (task.type === 'main') {
          const root = rootOf(ctx.hd ? ctx.hd.el : elt)
          const client = readMeta(task.fragment, ctx, root)
          if (ctx.hd && client.length) ctx.hd.clientside = (ctx.hd.clientside || []).concat(client)
          // Late initial results of the first page: their client-side callbacks run once swapped.
          else if (client.length) setTimeout(() => runClientside(client, root, maybeReask))
          continue
        }
        if (!task.swapSpec || task.swapSpec.style !== 'hd') continue
        task.swapSpec.strip = false
        task.swapSpec.hdSentAt = ctx.hd ? ctx.hd.sentAt : 0
        const tpl = task.fragment.firstElementChild
        const cbs = tpl ? cbsOf(tpl) : []
        if (isStale(cbs, s)) tasks.splice(i, 1)
        else {
          for (const c of cbs) applied.set(c, s)
          if (tpl && tpl.id) clearBusy(tpl.id, s, true)
        }
      }
    },
    handle_swap(style, target, fragment, spec) {
      if (style !== 'hd') return false
      const tpl = fragment.firstElementChild
      if (!tpl || tpl.tagName !== 'TEMPLATE') return false
      return applySwap(target, tpl, spec)
    },
    htmx_finally_request(elt, detail) {
      const h = detail.ctx.hd
      if (!h) return
      for (const id of h.busy || []) clearBusy(id, h.seq, false)
      stopRunning(h)
      if (hd._jobs) hd._jobs.landed(h)
      // Client-side callbacks the answer lists run first: deferred callbacks may read what they write.
      runClientside(h.clientside, rootOf(h.el), () => onLanded(h.seq))
    },
    htmx_after_init() {
      if (!resumed) {
        resumed = true
        resumeInitialCalls()
      }
    },
    htmx_response_error(elt, detail) {
      const ctx = detail.ctx
      console.error(`hyperdash: the server refused the update (${ctx.response.status}): ${ctx.text}`)
      onRefused(elt, ctx)
    },
  })

  // After the extension is registered: late swaps use its `hd` swap style.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', lateDone)
  else lateDone()

  // ─── 6. refusals the page can act on ──────────────────────────────────────────────────────
  // 409 or `HD-Reload: 1`: the page's signed state no longer verifies (expired, new secret, new
  // deploy): a notice with a Reload button. 503 + `Retry-After`: the server is busy: a notice, and
  // the same event is sent again after the delay (fresh values), at most RETRY_LIMIT times.
  const RETRY_LIMIT = 8

  function notice(root, kind, text, action) {
    const area =
      (root.querySelector && root.querySelector('.hd-errors')) || document.querySelector('.hd-errors')
    if (!area) return
    let el = area.querySelector(`.hd-notice-${kind}`)
    if (!el) {
      el = document.createElement('div')
      el.className = `hd-error hd-notice hd-notice-${kind}`
      el.setAttribute('role', kind === 'busy' ? 'status' : 'alert')
      area.append(el)
    }
    el.replaceChildren(document.createTextNode(text))
    if (action) {
      const b = document.createElement('button')
      b.type = 'button'
      b.className = 'hd-notice-action'
      b.textContent = action.label
      b.addEventListener('click', action.run)
      el.append(' ', b)
    }
  }

  function onRefused(elt, ctx) {
    const res = ctx.response
    const source = ctx.hd ? ctx.hd.el : elt
    const root = rootOf(source)
    if (res.status === 409 || (res.headers && res.headers.get('HD-Reload') === '1')) {
      notice(root, 'reload', 'This page is out of date: the server can no longer accept it.', {
        label: 'Reload',
        run: () => location.reload(),
      })
      return
    }
    // Too large (an upload over its max_size), or an upload refused: the user can act on the message.
    if (
      res.status === 413 ||
      (source && source.hasAttribute && source.hasAttribute('hd-upload') && res.status < 500)
    ) {
      notice(root, 'refused', ctx.text || `The server refused the request (${res.status}).`)
      return
    }
    if (res.status !== 503) return
    const attempt = ((ctx.sourceEvent && ctx.sourceEvent.hdRetry) || 0) + 1
    if (attempt > RETRY_LIMIT) {
      notice(root, 'busy', 'The server is too busy to answer. Try again in a moment.')
      return
    }
    const seconds = Math.min(60, Math.max(1, Number(res.headers && res.headers.get('Retry-After')) || 1))
    notice(root, 'busy', `The server is busy: retrying in ${seconds} s…`)
    const sent = ctx.hd ? ctx.hd.body : null
    const reask = sent && sent.reask && sent.reask.length
    // Deferred callbacks this request asked for go back to the list, to be asked for again.
    if (reask) {
      for (const { callback: i, changed, match } of sent.reask) {
        const t = tokenOf(i, match)
        const d = deferred.get(t) || {
          callback: i,
          match: match || null,
          changed: new Set(),
          blockers: new Set(),
          ready: true,
          root,
        }
        for (const k of changed) d.changed.add(k)
        deferred.set(t, d)
      }
    }
    setTimeout(() => {
      const busy = root.querySelector && root.querySelector('.hd-notice-busy')
      if (busy) busy.remove()
      const target = reask ? root : source
      if (!target || !target.isConnected) return
      const url = reask ? root.getAttribute('data-hd-url') : target.getAttribute('hx-post')
      if (!url) return
      const type = reask ? 'hd:reask' : (ctx.sourceEvent && ctx.sourceEvent.type) || 'change'
      htmx.ajax('POST', url, {
        source: target,
        swap: 'none',
        target: 'body',
        event: { type, hdRetry: attempt },
      })
    }, seconds * 1000)
  }
})()
