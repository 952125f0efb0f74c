/**
 * @module markdown
 * `dcc.Markdown`: Markdown rendered on the server with markdown-it, into a `<div>` carrying the id.
 * Raw HTML is escaped and links that would run script (`javascript:`, `vbscript:`, `file:`, non-image
 * `data:`) are refused, unless `dangerously_allow_html` lets the author's HTML through as written.
 */
import { raw } from 'hono/html'
import MarkdownIt from 'markdown-it'
import { z } from 'zod'
import { defineComponent } from './define.ts'

/** Longest Markdown source rendered (a callback returning more is an app bug worth a clear error). */
const MAX_SOURCE = 1_000_000

type Env = { linkTarget?: string }

/** A markdown-it instance; `link_target` goes through the render env, so two instances serve all. */
function makeRenderer(html: boolean) {
  const md = new MarkdownIt({ html, linkify: false, typographer: false })
  const base = md.renderer.rules.link_open
  md.renderer.rules.link_open = (tokens, i, options, env, self) => {
    const target = (env as Env | undefined)?.linkTarget
    if (target) {
      tokens[i]!.attrSet('target', target)
      tokens[i]!.attrSet('rel', 'noopener noreferrer')
    }
    return base ? base(tokens, i, options, env, self) : self.renderToken(tokens, i, options)
  }
  return md
}

const safe = makeRenderer(false)
const unsafe = makeRenderer(true)

/** Removes the indentation every non-blank line shares (Dash's `dedent`, on by default). */
export function dedent(text: string): string {
  const lines = text.split('\n')
  let common: number | null = null
  for (const line of lines) {
    if (!line.trim()) continue
    const n = /^[ \t]*/.exec(line)![0].length
    common = common === null ? n : Math.min(common, n)
  }
  return common ? lines.map((l) => l.slice(Math.min(common!, /^[ \t]*/.exec(l)![0].length))).join('\n') : text
}

export interface MarkdownOptions {
  dangerously_allow_html?: boolean | null
  link_target?: string | null
  dedent?: boolean | null
}

/** The HTML of `children` (a string, or a list joined by newlines as Dash does). */
export function renderMarkdown(children: unknown, o: MarkdownOptions = {}): string {
  const source = Array.isArray(children)
    ? children.map(String).join('\n')
    : children == null
      ? ''
      : String(children)
  const text = o.dedent === false ? source : dedent(source)
  const env: Env = o.link_target ? { linkTarget: o.link_target } : {}
  return (o.dangerously_allow_html ? unsafe : safe).render(text, env)
}

/**
 * @example <Markdown id="md">{'# Title\n\nSome *text*.'}</Markdown>
 */
export const Markdown = defineComponent({
  name: 'dcc.Markdown',
  props: {
    /** The Markdown source: a string, or a list of strings joined by newlines. */
    children: z.union([z.string().max(MAX_SOURCE), z.array(z.string()).max(100_000)]).nullable(),
    /** Lets raw HTML through as written. The CSP still refuses inline scripts and event handlers. */
    dangerously_allow_html: z.boolean(),
    /** `target` of every link (`_blank`); such links also get `rel="noopener noreferrer"`. */
    link_target: z.string().max(64),
    /** Removes the indentation shared by every line first. Default: true. */
    dedent: z.boolean(),
    /** Accepted for Dash compatibility; math is not typeset (`$x$` stays as written). */
    mathjax: z.boolean(),
    /** Accepted for Dash compatibility; code blocks get `class="language-x"` and no colours. */
    highlight_config: z.object({ theme: z.enum(['light', 'dark']).optional() }),
  },
  render: (p) => (
    <div id={p.id} class={['hd-markdown', p.className].filter(Boolean).join(' ')} style={p.style} {...p.hd}>
      {raw(renderMarkdown(p.children, p))}
    </div>
  ),
})

export type MarkdownProps = Omit<Parameters<typeof Markdown>[0], 'hd'>
