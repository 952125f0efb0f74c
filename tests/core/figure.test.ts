/**
 * The pure parts of dcc.Graph: typed arrays as Plotly's base64, the figure as safe script JSON, the
 * summary's facts, plotly.js's stylesheet read from its bundle, and Accept-Encoding.
 */
import { describe, expect, it } from 'vitest'
import { plotlyCssFrom, plotlyStyleIdsFrom } from '../../src/protocol/plotly.ts'
import { acceptedEncodings } from '../../src/server/static-files.ts'
import { countOf, scriptJson, summarize, titleOf, typedArray } from '../../views/components/figure.ts'

describe('typedArray', () => {
  it.each([
    [new Float64Array([1, 2.5]), 'f8', 'AAAAAAAA8D8AAAAAAAAEQA=='],
    [new Float32Array([1]), 'f4', 'AACAPw=='],
    [new Int32Array([-1, 2]), 'i4', '/////wIAAAA='],
    [new Uint8Array([1, 2, 3]), 'u1', 'AQID'],
  ])('%o → %s', (values, dtype, bdata) => {
    expect(typedArray(values)).toEqual({ dtype, bdata })
  })

  it('converts a number list to the dtype asked for', () => {
    expect(typedArray([1, 2, 3], 'u1')).toEqual({ dtype: 'u1', bdata: 'AQID' })
    expect(typedArray([1], 'f4')).toEqual({ dtype: 'f4', bdata: 'AACAPw==' })
  })

  it('round-trips: the base64 bytes are the values, little-endian', () => {
    const xs = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i))
    const { bdata } = typedArray(xs)
    expect(Array.from(new Float64Array(new Uint8Array(Buffer.from(bdata, 'base64')).buffer))).toEqual(
      Array.from(xs)
    )
  })
})

describe('scriptJson', () => {
  it('escapes what could end or change a script element', () => {
    const json = scriptJson({ layout: { title: '</script><!-- & \u2028' } })
    expect(json).toBe('{"layout":{"title":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}}')
    expect(JSON.parse(json)).toEqual({ layout: { title: '</script><!-- & \u2028' } })
  })

  it('writes typed arrays as Plotly base64', () => {
    expect(JSON.parse(scriptJson({ data: [{ x: new Uint8Array([1, 2, 3]) }] }))).toEqual({
      data: [{ x: { dtype: 'u1', bdata: 'AQID' } }],
    })
  })
})

describe('the summary', () => {
  it.each([
    [[1, 2, 3], 3],
    [new Float32Array(7), 7],
    [{ dtype: 'f8', bdata: typedArray(new Float64Array(5)).bdata }, 5],
    [{ dtype: 'f4', bdata: typedArray(new Float32Array(6)).bdata }, 6],
    [{ dtype: 'f8', bdata: '', shape: '10,20' }, 200],
    [undefined, 0],
    ['abc', 0],
  ])('counts %o as %i values', (values, n) => {
    expect(countOf(values)).toBe(n)
  })

  it('names each trace, with Plotly default type and its points', () => {
    expect(
      summarize({
        data: [
          { x: [1, 2], y: [3, 4] },
          { type: 'bar', name: 'Sales', y: [1, 2, 3] },
          { type: 'pie', values: [1, 1] },
        ],
      })
    ).toEqual([
      { name: 'trace 0', type: 'scatter', points: 2 },
      { name: 'Sales', type: 'bar', points: 3 },
      { name: 'trace 2', type: 'pie', points: 2 },
    ])
    expect(summarize(null)).toEqual([])
  })

  it.each([
    [{ layout: { title: 'A' } }, 'A'],
    [{ layout: { title: { text: 'B' } } }, 'B'],
    [{}, ''],
  ])('title of %o is %j', (fig, t) => expect(titleOf(fig)).toBe(t))
})

describe("plotly.js's stylesheet", () => {
  it('is read from the rules table and the bundled stylesheets of the bundle', () => {
    const src =
      'var a=1,Ede={"X,X div":\'direction:ltr;font-family:"Open Sans";\',"X .main-svg":"position:absolute;",Y:"position:fixed;","Y p":"margin:0;"};' +
      'if(!document.getElementById("' +
      'a'.repeat(64) +
      '")){var e=document.createElement("style");e.id="' +
      'a'.repeat(64) +
      "\",e.textContent='.maplibregl-map{overflow:hidden}'}"
    expect(plotlyCssFrom(src)).toBe(
      '.js-plotly-plot .plotly,.js-plotly-plot .plotly div {direction:ltr;font-family:"Open Sans";}\n' +
        '.js-plotly-plot .plotly .main-svg {position:absolute;}\n' +
        '.plotly-notifier {position:fixed;}\n' +
        '.plotly-notifier p {margin:0;}\n' +
        '.maplibregl-map{overflow:hidden}\n'
    )
    expect(plotlyStyleIdsFrom(src)).toEqual(['a'.repeat(64)])
  })

  it('is empty when the bundle has no such table', () => {
    expect(plotlyCssFrom('var x = 1')).toBe('')
    expect(plotlyCssFrom('{"X,X div":broken')).toBe('')
  })
})

describe('Accept-Encoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', ['gzip', 'deflate', 'br', 'zstd']],
    ['gzip;q=1.0, br;q=0', ['gzip']],
    ['identity', ['identity']],
    ['BR ; q=0.5', ['br']],
    ['', []],
  ])('%j accepts %j', (header, codings) => {
    expect([...acceptedEncodings(header)]).toEqual(codings)
  })
})
