/**
 * hyperdash's client-side callbacks (Dash's `clientside_callback`, R45), loaded after
 * static/hyperdash.js by pages whose app has any.
 *
 * The page's `<template hd-clientside>` lists them (src/server/clientside.ts): the ES module and the
 * function each one runs, its Inputs, States and Outputs. A user event on a prop one of them reads
 * (`hd-cs`), an answer of the server, or the first page (initial calls) runs them here, in
 * dependency order, with no request; their outputs are applied to the page at once, run the
 * client-side callbacks that read them, and are sent to the server callbacks that read them in one
 * request. Modules are loaded with `import()`: no `eval`, no inline script, the CSP is unchanged.
 *
 * In the function: `window.hyperdash.noUpdate`, `PreventUpdate`, `setProps(id, props)` and `Patch`
 * (also as Dash's `window.dash_clientside.no_update`, `PreventUpdate`, `set_props`, `Patch`); the
 * context is its last argument (`triggered`, `triggeredId`, `inputs`, `states`).
 */
;(() => {
  'use strict'
  const hd = window.hyperdash
  const I = hd && hd._internal
  if (!I) {
    console.error('hyperdash: load hyperdash.js before hyperdash-clientside.js')
    return
  }
  const has = (o, k) => o != null && Object.prototype.hasOwnProperty.call(o, k)
  const split = (key) => {
    const at = key.lastIndexOf('.')
    return { id: key.slice(0, at), prop: key.slice(at + 1) }
  }

  // ─── the API a client-side function uses ─────────────────────────────────────────────────
  const noUpdate = Object.freeze({ _dash_no_update: '_dash_no_update' })
  const isNoUpdate = (v) =>
    v === noUpdate || (has(v, '_dash_no_update') && v._dash_no_update === '_dash_no_update')

  class PreventUpdate extends Error {
    constructor() {
      super('PreventUpdate: the callback chose not to update its outputs')
      this.name = 'PreventUpdate'
    }
  }

  /** Dash's Patch: records operations on a prop's current value (src/core/patch.ts, same semantics). */
  class Patch {
    constructor(location = [], operations = []) {
      this.location = location
      this.operations = operations
    }
    at(...keys) {
      return new Patch([...this.location, ...keys], this.operations)
    }
    #op(operation, location, params = {}) {
      this.operations.push({ operation, location, params })
      return this
    }
    set(key, value) {
      return this.#op('Assign', [...this.location, key], { value })
    }
    del(key) {
      return this.#op('Delete', [...this.location, key])
    }
    append(value) {
      return this.#op('Append', this.location, { value })
    }
    prepend(value) {
      return this.#op('Prepend', this.location, { value })
    }
    insert(index, value) {
      return this.#op('Insert', this.location, { value, index })
    }
    extend(value) {
      return this.#op('Extend', this.location, { value: [...value] })
    }
    remove(value) {
      return this.#op('Remove', this.location, { value })
    }
    clear() {
      return this.#op('Clear', this.location)
    }
    reverse() {
      return this.#op('Reverse', this.location)
    }
    merge(value) {
      return this.#op('Merge', this.location, { value: { ...value } })
    }
    update(value) {
      return this.merge(value)
    }
    add(value) {
      return Array.isArray(value) ? this.extend(value) : this.#op('Add', this.location, { value })
    }
    sub(value) {
      return this.#op('Sub', this.location, { value })
    }
    mul(value) {
      return this.#op('Mul', this.location, { value })
    }
    div(value) {
      return this.#op('Div', this.location, { value })
    }
    toJSON() {
      return { __dash_patch_update: '__dash_patch_update', operations: this.operations }
    }
  }
  const isPatch = (v) => v instanceof Patch || (has(v, '__dash_patch_update') && Array.isArray(v.operations))

  const equal = (a, b) => JSON.stringify(a) === JSON.stringify(b)
  function getPath(v, loc) {
    for (const k of loc) v = v != null && typeof v === 'object' && has(v, k) ? v[k] : undefined
    return v
  }
  function setPath(v, loc, x) {
    if (!loc.length) return x
    const [k, ...rest] = loc
    const c = v != null && typeof v === 'object' ? v : typeof k === 'number' ? [] : {}
    const copy = Array.isArray(c) ? [...c] : { ...c }
    Object.defineProperty(copy, k, {
      value: setPath(getPath(c, [k]), rest, x),
      enumerable: true,
      writable: true,
      configurable: true,
    })
    return copy
  }
  function delPath(v, loc) {
    if (!loc.length || v == null || typeof v !== 'object') return v
    const [k, ...rest] = loc
    if (rest.length) return setPath(v, [k], delPath(getPath(v, [k]), rest))
    if (Array.isArray(v)) return v.filter((_, i) => i !== k)
    const copy = { ...v }
    delete copy[k]
    return copy
  }
  const emptyOf = (v) =>
    Array.isArray(v) ? [] : typeof v === 'string' ? '' : v && typeof v === 'object' ? {} : undefined
  /** Dash's renderer semantics: negative indexes from the end, "Cannot patch undefined". */
  function applyPatch(prev, operations) {
    if (prev === undefined) throw new Error('Cannot patch undefined')
    let value = prev
    for (const op of operations) {
      const loc = []
      let at = value
      for (const k of op.location) {
        const r = typeof k === 'number' && k < 0 && Array.isArray(at) ? at.length + k : k
        loc.push(r)
        at = at != null && typeof at === 'object' ? at[r] : undefined
      }
      const v = op.params.value
      const list = () => (Array.isArray(at) ? at : [])
      switch (op.operation) {
        case 'Assign':
          value = setPath(value, loc, v)
          break
        case 'Merge':
          value = setPath(value, loc, { ...at, ...v })
          break
        case 'Extend':
          value = setPath(value, loc, [...list(), ...v])
          break
        case 'Delete':
          value = delPath(value, loc)
          break
        case 'Insert': {
          const l = [...list()]
          let i = op.params.index
          if (i < 0) i += l.length
          l.splice(i >= 0 && i < l.length ? i : l.length, 0, v)
          value = setPath(value, loc, l)
          break
        }
        case 'Append':
          value = setPath(value, loc, [...list(), v])
          break
        case 'Prepend':
          value = setPath(value, loc, [v, ...list()])
          break
        case 'Add':
          value = setPath(value, loc, at + v)
          break
        case 'Sub':
          value = setPath(value, loc, at - v)
          break
        case 'Mul':
          value = setPath(value, loc, at * v)
          break
        case 'Div':
          value = setPath(value, loc, at / v)
          break
        case 'Clear':
          value = setPath(value, loc, emptyOf(at))
          break
        case 'Reverse':
          value = setPath(value, loc, [...list()].reverse())
          break
        case 'Remove':
          value = setPath(
            value,
            loc,
            list().filter((x) => !equal(x, v))
          )
          break
        default:
          throw new Error(`Invalid Operation ${op.operation}`)
      }
    }
    return value
  }

  /** The side updates of the client-side callback running now. */
  let side = null
  function setProps(id, props) {
    if (!side) throw new Error('setProps() was called outside a callback: call it while the callback runs.')
    for (const [prop, value] of Object.entries(props)) side.push([`${id}.${prop}`, value])
  }

  Object.assign(hd, { noUpdate, PreventUpdate, Patch, setProps })
  window.dash_clientside = Object.assign(window.dash_clientside || {}, {
    no_update: noUpdate,
    PreventUpdate,
    set_props: setProps,
    Patch,
  })

  // ─── the page's values ────────────────────────────────────────────────────────────────────
  const manifests = new WeakMap()
  function manifestOf(root) {
    let m = manifests.get(root)
    if (m) return m
    const tpl = root.querySelector('template[hd-clientside]')
    try {
      m = JSON.parse(tpl ? tpl.getAttribute('hd-clientside') : 'null')
    } catch {}
    m = m || { callbacks: [], server: [] }
    m.byIndex = new Map(m.callbacks.map((c) => [c.i, c]))
    manifests.set(root, m)
    return m
  }

  /** Server-owned props the page's client-side callbacks wrote (their signed state is the server's). */
  const written = new Map()

  /** A prop's value as a client-side callback reads it; `undefined` when unset (as in Dash). */
  function read(key) {
    if (written.has(key)) return written.get(key)
    const { id, prop } = split(key)
    const el = document.getElementById(id)
    if (!el) return undefined
    const st = I.stateOf(el)
    if (has(st.read, prop)) {
      const v = I.readProp(el, st.read[prop], prop)
      return v === null ? undefined : v
    }
    return has(st.props, prop) ? st.props[prop] : undefined
  }

  const control = (el) =>
    el.matches('input,select,textarea') ? el : el.querySelector('input,select,textarea')

  /** Applies one value to the page; false when the component is not there. */
  function write(key, value) {
    const { id, prop } = split(key)
    const el = document.getElementById(id)
    if (!el) return false
    const st = I.stateOf(el)
    const reader = has(st.read, prop) ? st.read[prop] : null
    if (reader === 'value' || reader === 'number') {
      const input = control(el)
      if (input) input.value = value == null ? '' : String(value)
      return true
    }
    if (reader === 'checked' || reader === 'radio') {
      const on = (Array.isArray(value) ? value : [value]).map(String)
      for (const i of el.querySelectorAll('input[type=checkbox],input[type=radio]'))
        i.checked = on.includes(i.value)
      return true
    }
    written.set(key, value)
    if (prop === 'children' && Array.isArray(value)) I.setProp(id, prop, value.join(''))
    else I.setProp(id, prop, value)
    return true
  }

  function showError(root, cb, err) {
    console.error(`hyperdash: client-side callback ${cb.name} failed:`, err)
    const area = root.querySelector('.hd-errors') || document.querySelector('.hd-errors')
    if (!area) return
    const box = document.createElement('div')
    box.className = 'hd-error'
    box.setAttribute('role', 'alert')
    box.dataset.callback = cb.name
    const title = document.createElement('strong')
    const outs = cb.out.join(', ')
    title.textContent = outs
      ? `Callback error updating ${outs} via clientside function ${cb.fn}`
      : `Callback error with no output from input ${cb.in.join(', ')} via clientside function ${cb.fn}`
    const p = document.createElement('p')
    p.textContent = err && err.message ? err.message : String(err)
    const close = document.createElement('button')
    close.type = 'button'
    close.className = 'hd-error-close'
    close.setAttribute('aria-label', 'Dismiss')
    close.textContent = '×'
    box.append(title, p, close)
    area.append(box)
  }

  // ─── running them ─────────────────────────────────────────────────────────────────────────
  const modules = new Map()
  const load = (url) => {
    if (!modules.has(url)) modules.set(url, import(url))
    return modules.get(url)
  }

  /** Runs one client-side callback; returns the props it wrote. */
  async function runOne(root, cb, changed) {
    let fn
    try {
      fn = (await load(cb.module))[cb.fn]
      if (typeof fn !== 'function') throw new Error(`the module ${cb.module} exports no function '${cb.fn}'`)
    } catch (err) {
      showError(root, cb, err)
      return []
    }
    const args = [...cb.in, ...cb.st].map(read)
    const record = (keys, offset) => Object.fromEntries(keys.map((k, i) => [k, args[offset + i]]))
    const inputs = record(cb.in, 0)
    const triggered = changed.map((k) => ({
      prop_id: k,
      propId: k,
      value: has(inputs, k) ? inputs[k] : null,
    }))
    const ctx = {
      triggered,
      triggeredId: changed.length ? split(changed[0]).id : null,
      triggered_id: changed.length ? split(changed[0]).id : null,
      isInitialCall: changed.length === 0,
      inputs,
      states: record(cb.st, cb.in.length),
      callback: cb.name,
    }
    const updates = []
    side = updates
    let out
    try {
      out = fn(...args, ctx)
      if (out && typeof out.then === 'function') out = await out
    } catch (err) {
      if (!(err instanceof PreventUpdate || err === PreventUpdate)) showError(root, cb, err)
      return []
    } finally {
      side = null
    }
    if (!cb.out.length) {
      if (out != null && !isNoUpdate(out))
        showError(
          root,
          cb,
          new Error(`No-output callback ${cb.name} received return value: ${String(out).slice(0, 80)}`)
        )
    } else if (!isNoUpdate(out)) {
      const list = cb.multi ? out : [out]
      if (!Array.isArray(list) || list.length !== cb.out.length) {
        showError(
          root,
          cb,
          new Error(`Invalid number of output values for ${cb.name}: expected ${cb.out.length}`)
        )
        return []
      }
      cb.out.forEach(
        (k, i) => isNoUpdate(list[i]) || updates.push([k, list[i] === undefined ? null : list[i]])
      )
    }
    const done = []
    for (const [key, value] of updates) {
      let v = value
      try {
        if (isPatch(v)) v = applyPatch(read(key), v.operations)
      } catch (err) {
        showError(root, cb, err)
        continue
      }
      if (write(key, v) && !done.includes(key)) done.push(key)
    }
    return done
  }

  /**
   * Runs `queue` (`[[index, changed]]`) and what their outputs trigger, in dependency order; sends the
   * props they wrote that server callbacks read in one request.
   */
  async function run(queue, root) {
    const m = manifestOf(root)
    const pending = new Map()
    const add = (i, keys) => {
      const had = pending.get(i) || []
      for (const k of keys) if (!had.includes(k)) had.push(k)
      pending.set(i, had)
    }
    for (const [i, changed] of queue) if (m.byIndex.has(i)) add(i, changed)
    const toServer = new Set()
    for (let guard = 0; pending.size && guard < 1000; guard++) {
      // Dash's order: a callback waits while another pending one may still write one of its Inputs.
      const ids = [...pending.keys()]
      const next =
        ids.find(
          (i) =>
            !ids.some((j) => j !== i && m.byIndex.get(j).out.some((k) => m.byIndex.get(i).in.includes(k)))
        ) ?? ids[0]
      const changed = pending.get(next)
      pending.delete(next)
      const cb = m.byIndex.get(next)
      for (const key of await runOne(root, cb, changed)) {
        if (m.server.includes(key)) toServer.add(key)
        for (const other of m.callbacks) if (other !== cb && other.in.includes(key)) add(other.i, [key])
      }
    }
    if (toServer.size) I.send(root, [...toServer])
  }

  hd._clientside = { run }

  // A user event on a prop client-side callbacks read (`hd-cs="value:input"`) runs them at once.
  function onEvent(e) {
    const el = e.target instanceof Element ? e.target.closest('[hd-cs]') : null
    if (!el || !el.id) return
    const keys = []
    for (const pair of el.getAttribute('hd-cs').split(' ')) {
      const at = pair.lastIndexOf(':')
      if (at > 0 && pair.slice(at + 1) === e.type) keys.push(`${el.id}.${pair.slice(0, at)}`)
    }
    if (!keys.length) return
    const root = I.rootOf(el)
    const m = manifestOf(root)
    const queue = m.callbacks
      .filter((cb) => cb.in.some((k) => keys.includes(k)))
      .map((cb) => [cb.i, keys.filter((k) => cb.in.includes(k))])
    run(queue, root).catch((err) => console.error(err))
  }
  for (const type of ['input', 'change', 'click', 'keyup', 'keydown', 'blur', 'focusout'])
    document.addEventListener(type, onEvent)
})()
