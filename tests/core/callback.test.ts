/**
 * @module callback.test
 * Registration rules R1–R4: argument order, single vs list output, callback ids, bad ids, duplicate
 * outputs inside one callback, no-input callbacks with `preventInitialCall`, a missing function.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { callbackId, createCallbackSpec } from '../../src/core/callback.ts'
import { Input, Output, ref, State } from '../../src/core/dependency.ts'
import { ConfigError, messages } from '../../src/core/errors.ts'

const fn = function update() {
  return 1
}
const spec = (...args: unknown[]) =>
  (createCallbackSpec as (...a: unknown[]) => ReturnType<typeof createCallbackSpec>)(...args)

/** Runs `make` and returns what it threw, so a table can assert class and message exactly. */
function thrown(make: () => unknown): Error {
  try {
    make()
  } catch (err) {
    return err as Error
  }
  throw new Error('expected a throw')
}

describe('R1: dependencies come in the order Outputs, Inputs, States', () => {
  const order = (position: string, got: string, expected: string) =>
    messages.wrongOrder('update', position, got, expected)
  it.each([
    {
      case: 'an Input among the outputs',
      args: [[Input('a', 'value')], [Input('b', 'value')], []],
      message: order('argument 1 (outputs), item 0', 'Input("a", "value")', 'an Output'),
    },
    {
      case: 'an Input given as the single output',
      args: [Input('a', 'value'), [Input('b', 'value')], []],
      message: order('argument 1 (outputs), item 0', 'Input("a", "value")', 'an Output'),
    },
    {
      case: 'an Output among the inputs',
      args: [[Output('a', 'children')], [Input('b', 'value'), Output('c', 'children')], []],
      message: order('argument 2 (inputs), item 1', 'Output("c", "children")', 'an Input'),
    },
    {
      case: 'a State among the inputs',
      args: [Output('a', 'children'), [State('b', 'value')], []],
      message: order('argument 2 (inputs), item 0', 'State("b", "value")', 'an Input'),
    },
    {
      case: 'an Input among the states',
      args: [Output('a', 'children'), [Input('b', 'value')], [State('c', 'value'), Input('d', 'value')]],
      message: order('argument 3 (states), item 1', 'Input("d", "value")', 'a State'),
    },
    {
      case: 'something that is not a dependency',
      args: [Output('a', 'children'), ['b.value'], []],
      message: order('argument 2 (inputs), item 0', '"b.value"', 'an Input'),
    },
    {
      case: 'Inputs before Outputs (Dash cbva001)',
      args: [[Input('b', 'value')], [Output('a', 'children')], []],
      message: order('argument 1 (outputs), item 0', 'Input("b", "value")', 'an Output'),
    },
  ])('rejects $case with the exact message', ({ args, message }) => {
    const err = thrown(() => spec(0, ...args, fn))
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe(message)
    expect(err.message).toContain('Outputs first,\nthen all Inputs, then all States.')
  })

  it('names an anonymous callback by its registration number, not by an empty string', () => {
    const err = thrown(() => spec(7, [Input('a', 'value')], [], [], () => 1))
    expect(err.message).toBe(
      messages.wrongOrder('#7', 'argument 1 (outputs), item 0', 'Input("a", "value")', 'an Output')
    )
  })

  it('accepts a single Input and a list of Inputs alike', () => {
    const one = spec(0, Output('o', 'children'), Input('i', 'value'), [], fn)
    const list = spec(0, Output('o', 'children'), [Input('i', 'value')], [], fn)
    expect(one.inputs).toEqual(list.inputs)
    expect(one.inputs.map((d) => d.key)).toEqual(['i.value'])
  })

  it('keeps outputs, inputs and states in declaration order', () => {
    const s = spec(
      3,
      [Output('x', 'children'), Output('y', 'style')],
      [Input('a', 'value'), Input('b', 'n_clicks')],
      [State('c', 'value')],
      fn,
      { preventInitialCall: true, timeoutMs: 50 }
    )
    expect(s.index).toBe(3)
    expect(s.name).toBe('update')
    expect(s.outputs.map((d) => d.key)).toEqual(['x.children', 'y.style'])
    expect(s.inputs.map((d) => d.key)).toEqual(['a.value', 'b.n_clicks'])
    expect(s.states.map((d) => d.key)).toEqual(['c.value'])
    expect(s.preventInitialCall).toBe(true)
    expect(s.timeoutMs).toBe(50)
    expect(Object.isFrozen(s)).toBe(true)
  })

  it('leaves preventInitialCall undefined when not given, so the app default applies (R25)', () => {
    expect(spec(0, Output('o', 'children'), [Input('i', 'value')], [], fn).preventInitialCall).toBe(undefined)
  })
})

describe('R2: a bare Output is single, a list of one is multi', () => {
  it.each([
    { outputs: Output('out', 'children'), multi: false, id: 'out.children' },
    { outputs: [Output('out', 'children')], multi: true, id: '..out.children..' },
  ])('$id', ({ outputs, multi, id }) => {
    const s = spec(0, outputs, [Input('in', 'value')], [], fn)
    expect(s.multi).toBe(multi)
    expect(s.id).toBe(id)
    expect(s.outputs.map((d) => d.key)).toEqual(['out.children'])
  })
})

describe('R3: callback ids', () => {
  const sha16 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16)
  it.each([
    { case: 'single output', outputs: [Output('a', 'children')], multi: false, id: 'a.children' },
    {
      case: 'two outputs',
      outputs: [Output('a', 'children'), Output('b', 'style')],
      multi: true,
      id: '..a.children...b.style..',
    },
    {
      case: 'three outputs',
      outputs: [Output('a', 'children'), Output('b', 'style'), Output('c', 'value')],
      multi: true,
      id: '..a.children...b.style...c.value..',
    },
    { case: 'no outputs', outputs: [], multi: true, id: sha16('btn.n_clicks,in.value') },
  ])('$case → $id', ({ outputs, multi, id }) => {
    expect(callbackId(outputs, multi, [Input('btn', 'n_clicks'), Input('in', 'value')])).toBe(id)
  })

  it('gives a no-output callback the hash of its inputs as its id and its name', () => {
    const s = spec(0, [], [Input('btn', 'n_clicks')], [], () => undefined)
    expect(s.id).toBe(sha16('btn.n_clicks'))
    expect(s.name).toBe(sha16('btn.n_clicks'))
    expect(s.outputs).toEqual([])
  })

  it('prefers options.name, then the function name, then the id as the name', () => {
    expect(spec(0, Output('a', 'children'), [Input('b', 'value')], [], fn, { name: 'mine' }).name).toBe(
      'mine'
    )
    expect(spec(0, Output('a', 'children'), [Input('b', 'value')], [], fn).name).toBe('update')
    expect(spec(0, Output('a', 'children'), [Input('b', 'value')], [], () => 1).name).toBe('a.children')
  })
})

describe('R4: component ids may not contain "." or "{"', () => {
  it.each([
    { make: () => Output('a.b', 'children'), where: 'Output("a.b", "children")', id: 'a.b' },
    { make: () => Input('x{y', 'value'), where: 'Input("x{y", "value")', id: 'x{y' },
    { make: () => State('{"k":1}', 'value'), where: 'State("{\\"k\\":1}", "value")', id: '{"k":1}' },
    { make: () => ref('a.b'), where: 'ref()', id: 'a.b' },
  ])('$where throws a ConfigError naming the id', ({ make, where, id }) => {
    const err = thrown(make)
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe(messages.badIdChars(id, where))
  })

  it('suggests a fixed id in the message', () => {
    expect(thrown(() => Output('my.out{x', 'children')).message).toBe(
      `Output("my.out{x", "children"): component id 'my.out{x' contains '.' or '{', which Dash reserves for ` +
        `prop ids and pattern ids. Rename it, e.g. 'my-out-x'.`
    )
  })

  it.each([
    { id: '', where: 'Input("", "value")' },
    { id: 5, where: 'Input(5, "value")' },
  ])('rejects the id $id as not a non-empty string', ({ id, where }) => {
    const err = thrown(() => Input(id as string, 'value'))
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe(messages.badIdType(id, where))
  })

  it.each(['', 'a.b', '1x', 'with space'])('rejects the prop name %j', (prop) => {
    const err = thrown(() => Output('a', prop))
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe(messages.badProp(prop, `Output("a", ${JSON.stringify(prop)})`))
  })

  it.each(['children', 'n_clicks', 'data-cb', 'aria-cb', 'n_clicks_timestamp'])(
    'accepts the prop name %s',
    (prop) => {
      expect(Output('a', prop).key).toBe(`a.${prop}`)
    }
  )

  it('accepts a ref in place of an id', () => {
    const out = ref<{ children: string }>('out')
    expect(Output(out, 'children')).toEqual({
      kind: 'output',
      id: 'out',
      prop: 'children',
      key: 'out.children',
    })
  })
})

describe('other registration errors', () => {
  it('rejects the same output twice in one callback, naming its position', () => {
    const err = thrown(() =>
      spec(
        0,
        [Output('a', 'children'), Output('b', 'children'), Output('a', 'children')],
        [Input('i', 'value')],
        [],
        fn
      )
    )
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe(messages.duplicateOutputInCallback('update', 2, 'a.children'))
    expect(err.message).toBe(
      'In the callback update: Output 2 (a.children) is already used by this callback. Remove the repeated Output.'
    )
  })

  it('allows the same prop as Input and Output of one callback (R36)', () => {
    const s = spec(0, Output('in', 'value'), [Input('in', 'value')], [], fn)
    expect(s.id).toBe('in.value')
  })

  it('rejects preventInitialCall on a callback without Inputs (Dash dvcv001b)', () => {
    const err = thrown(() =>
      spec(0, Output('a', 'children'), [], [State('s', 'data')], fn, { preventInitialCall: true })
    )
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe(messages.noInputs('update'))
  })

  it.each([{ pic: false }, { pic: undefined }])(
    'accepts a callback without Inputs when preventInitialCall is $pic (R7)',
    ({ pic }) => {
      const s = spec(0, Output('a', 'children'), [], [State('s', 'data')], fn, { preventInitialCall: pic })
      expect(s.inputs).toEqual([])
      expect(s.states.map((d) => d.key)).toEqual(['s.data'])
    }
  )

  it('accepts a callback with no Inputs and no Outputs (Dash cbsc024)', () => {
    expect(spec(0, [], [], [], fn).outputs).toEqual([])
  })

  it.each([undefined, null, 'update', 42])('rejects %j as the callback function', (bad) => {
    const err = thrown(() => spec(0, Output('a', 'children'), [Input('i', 'value')], [], bad))
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toBe(messages.notAFunction('a.children'))
  })
})
