/**
 * @module pages
 * Multi-page apps (Dash pages): the registry of pages, which page a path shows with which
 * variables, redirects, and the router callback that fills the page container. The page route
 * (page-route.ts) resolves the page on the server on first load (status, `<title>`, meta tags);
 * a `dcc.Link` click changes the container's `dcc.Location`, and the router runs in that one
 * update request, the new page's initial calls with it. docs/pages.md.
 */
import { Input, Output } from '../core/dependency.ts'
import { ConfigError } from '../core/errors.ts'
import { DefaultNotFound } from '../../views/pages.tsx'
import { ASSETS_PATH } from './assets.ts'
import { currentBasePath, stripRelativePath } from './base-path.ts'

/** `'/report/<id>/<part>'` → `{ id: string; part: string }`. */
export type PathVariables<T extends string> = T extends `${string}<${infer V}>${infer Rest}`
  ? { [K in V]: string } & PathVariables<Rest>
  : unknown

/**
 * What a page's layout function receives, as Dash passes it: the path variables, then the query
 * string's parameters (a repeated one as a list; a parameter named like a variable wins).
 */
export type PageArgs<T extends string = string> = PathVariables<T> &
  Record<string, string | string[] | undefined>

/** A value given as is, or computed from the page's path variables (Dash: `title` may be a function). */
export type PerPage<V, T extends string> = V | ((vars: PathVariables<T>) => V)

/** `registerPage`'s options: Dash's `register_page` arguments, in TypeScript casing. */
export interface PageOptions<T extends string = string> {
  /** The page's URL below the app's base path: `/analytics`. Default: `pathTemplate` with each variable as `none`. */
  path?: string
  /** A path with variables: `/report/<id>`; each `<name>` matches one path segment. */
  pathTemplate?: T
  /** For navigation menus. Default: from the path (`/big-report` → `Big report`; `/` → `Home`). */
  name?: string
  /** The document title. Default: the app's `title` if given, else `name`. */
  title?: PerPage<string, T>
  /** `<meta name="description">` and the `og:`/`twitter:` descriptions. Default: none. */
  description?: PerPage<string, T>
  /** A file of the assets folder (`logo.png`) or a URL, for `og:image` and `twitter:image`. */
  image?: string
  /** The page's place in `pageRegistry` (numbers first, then strings, then unordered pages). */
  order?: number | string
  /** Paths that redirect here (HTTP 308 on load; shown as this page on in-app navigation). */
  redirectFrom?: readonly string[]
  /**
   * What the page shows: a layout, or a function of the path variables and query parameters
   * (called on every visit; may be async).
   */
  layout: ((args: PageArgs<T>) => unknown) | object | string
  /** The page for paths no page matches, answered with status 404 (Dash: a `not_found_404` module). */
  notFound?: boolean
}

/** A registered page, as `pageRegistry` lists it. */
export interface PageEntry {
  readonly path: string
  readonly pathTemplate: string | null
  readonly name: string
  readonly title: PerPage<string, string>
  readonly description: PerPage<string, string>
  readonly image: string | null
  readonly order: number | string | null
  readonly redirectFrom: readonly string[]
  readonly layout: unknown
  /** `path` below the base path of the request being served: the `href` for a link to it. */
  readonly relativePath: string
}

interface Page extends Omit<PageEntry, 'relativePath'> {
  readonly index: number
  readonly supplied: boolean
  readonly pattern: RegExp | null
  readonly variables: readonly string[]
}

/** Which page a path shows. */
export type Resolution =
  | { kind: 'page'; page: Page; vars: Record<string, string>; query: Record<string, string | string[]> }
  | { kind: 'notFound'; page: Page | null; query: Record<string, string | string[]> }
  | { kind: 'redirect'; to: string }

/** What the router puts on the page: the layout and the document's title and meta. */
export interface Routed {
  layout: unknown
  title: string
  description: string
  image: string | null
  status: 200 | 404
}

/** The fixed ids of the page container's parts (Dash's `_pages_location`, `_pages_content`). */
export const PAGE_IDS = {
  location: '_pages_location',
  content: '_pages_content',
  meta: '_pages_meta',
} as const

const VAR = /<([A-Za-z_][A-Za-z0-9_]*)>/g

/** `'/report/<id>'` → a pattern on the stripped path (`report/7`), and its variable names. */
function compileTemplate(template: string): { pattern: RegExp; variables: string[] } {
  if (!template.startsWith('/')) {
    throw new ConfigError(
      `registerPage: pathTemplate '${template}' must start with '/', as in '/report/<id>'.`
    )
  }
  const bad = template.replace(VAR, '').match(/[<>]/)
  if (bad) {
    throw new ConfigError(
      `registerPage: pathTemplate '${template}' has a malformed variable: write each one as <name> (letters, digits, _).`
    )
  }
  const variables: string[] = []
  const body = template
    .replace(/^\/+|\/+$/g, '')
    .split(VAR)
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      if (variables.includes(part))
        throw new ConfigError(`registerPage: '${template}' names <${part}> twice.`)
      variables.push(part)
      return '([^/]+)'
    })
    .join('')
  return { pattern: new RegExp(`^${body}$`), variables }
}

/** Dash's name from a path: `/big_report` → `Big report`; `/item/<id>` → `Item`; `/` → `Home`. */
function inferName(path: string): string {
  const segments = path.split('/').map((s) =>
    s
      .replace(/<[^>]*>/g, '')
      .replace(/[-_]+/g, ' ')
      .trim()
  )
  const words = segments.filter(Boolean).pop() ?? ''
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Home'
}

const strip = (p: string) => p.replace(/^\/+|\/+$/g, '')

/** The query string as Dash parses it: blanks kept, a repeated key as a list. */
export function parseQuery(search: string | null | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null)
  if (!search || !search.startsWith('?')) return out
  for (const [k, v] of new URLSearchParams(search)) {
    const had = out[k]
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v]
  }
  return out
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

const evaluate = (v: PerPage<string, string>, vars: Record<string, string>): string =>
  typeof v === 'function' ? v(vars as never) : v

/** The pages of one app. */
export class Pages {
  #pages: Page[] = []
  #notFound: Page | null = null

  /** @param appTitle the app's own `title`, when its author gave one (Dash's title default). */
  constructor(private readonly appTitle: string | undefined) {}

  get size(): number {
    return this.#pages.length + (this.#notFound ? 1 : 0)
  }

  /** Registers a page; a mistake in it is a ConfigError naming the fix. */
  add(o: PageOptions<string>): void {
    if (o === null || typeof o !== 'object' || !('layout' in o) || o.layout === undefined) {
      throw new ConfigError('registerPage: give the page a `layout` (JSX, or a function returning it).')
    }
    if (o.notFound && this.#notFound) throw new ConfigError('registerPage: two pages are marked `notFound`.')
    const compiled = o.pathTemplate === undefined ? null : compileTemplate(o.pathTemplate)
    const path =
      o.path ?? (o.pathTemplate ? o.pathTemplate.replace(VAR, 'none') : o.notFound ? '/not-found-404' : null)
    if (path === null) {
      throw new ConfigError(
        "registerPage: give the page a `path` ('/analytics') or a `pathTemplate` ('/report/<id>')."
      )
    }
    if (!path.startsWith('/')) throw new ConfigError(`registerPage: path '${path}' must start with '/'.`)
    for (const r of o.redirectFrom ?? []) {
      if (typeof r !== 'string' || !r.startsWith('/'))
        throw new ConfigError(`registerPage: redirectFrom '${String(r)}' must be a path starting with '/'.`)
    }
    const name = o.name ?? inferName(o.pathTemplate ?? path)
    const page: Page = {
      path,
      pathTemplate: o.pathTemplate ?? null,
      name,
      title: (o.title as PerPage<string, string> | undefined) ?? this.appTitle ?? name,
      description: (o.description as PerPage<string, string> | undefined) ?? '',
      image: o.image ?? null,
      order: o.order ?? null,
      redirectFrom: [...(o.redirectFrom ?? [])],
      layout: o.layout,
      index: this.#pages.length,
      supplied: o.order !== undefined,
      pattern: compiled?.pattern ?? null,
      variables: compiled?.variables ?? [],
    }
    if (o.notFound) {
      this.#notFound = page
      return
    }
    const taken = (p: string) =>
      this.#pages.find((q) => strip(q.path) === strip(p) || q.redirectFrom.some((r) => strip(r) === strip(p)))
    for (const p of [path, ...page.redirectFrom]) {
      const other = taken(p)
      if (other) {
        throw new ConfigError(
          `registerPage: the path '${p}' is already taken by the page '${other.name}' (${other.path}). Give each page its own path.`
        )
      }
    }
    this.#pages.push(page)
  }

  /** The pages in Dash's order: numeric `order` first, then string orders, then unordered (by registration). */
  #ordered(): Page[] {
    const anyOrder = this.#pages.some((p) => p.supplied)
    const orderOf = (p: Page) => (!anyOrder && p.path === '/' ? 0 : p.order)
    return [...this.#pages].sort((a, b) => {
      const [x, y] = [orderOf(a), orderOf(b)]
      if ((x === null) !== (y === null)) return x === null ? 1 : -1
      const nx = typeof x === 'number' ? x : Infinity
      const ny = typeof y === 'number' ? y : Infinity
      if (nx !== ny) return nx - ny
      const sx = String(x)
      const sy = String(y)
      if (sx !== sy) return sx < sy ? -1 : 1
      return a.index - b.index
    })
  }

  /** The registry for navigation menus, with `relativePath` below the current request's base path. */
  registry(base = currentBasePath()): PageEntry[] {
    return this.#ordered().map((p) => ({
      path: p.path,
      pathTemplate: p.pathTemplate,
      name: p.name,
      title: p.title,
      description: p.description,
      image: p.image,
      order: p.order,
      redirectFrom: p.redirectFrom,
      layout: p.layout,
      relativePath: base + p.path,
    }))
  }

  /** The layouts given as JSX (not functions): checked with the main layout at startup. */
  staticLayouts(): unknown[] {
    return [...this.#pages, ...(this.#notFound ? [this.#notFound] : [])]
      .map((p) => p.layout)
      .filter((l) => typeof l !== 'function')
  }

  /** True when some page's layout is a function: its ids are known only once it runs. */
  hasLayoutFunctions(): boolean {
    return [...this.#pages, this.#notFound].some((p) => p && typeof p.layout === 'function')
  }

  /**
   * Which page `pathname` (as the browser has it, base path included) shows. Path templates are
   * tried first, in registration order, then exact paths (Dash's `_path_to_page`); then redirects.
   */
  resolve(pathname: string, search: string | null, base = currentBasePath()): Resolution {
    const query = parseQuery(search)
    const id = stripRelativePath(pathname, base)
    if (id === null) return { kind: 'notFound', page: this.#notFound, query }
    for (const page of this.#pages) {
      const m = page.pattern?.exec(id)
      if (m) {
        const vars = Object.fromEntries(page.variables.map((v, i) => [v, decode(m[i + 1]!)]))
        return { kind: 'page', page, vars, query }
      }
    }
    for (const page of this.#pages)
      if (strip(page.path) === id) return { kind: 'page', page, vars: {}, query }
    for (const page of this.#pages) {
      if (page.redirectFrom.some((r) => strip(r) === id)) return { kind: 'redirect', to: base + page.path }
    }
    return { kind: 'notFound', page: this.#notFound, query }
  }

  /**
   * The title, description, image and status of what `pathname` shows (a redirect shows its
   * target: the server answered 308 on load; in-app navigation shows the page), without its layout.
   */
  describe(pathname: string, search: string | null, fallbackTitle: string, base = currentBasePath()) {
    let r = this.resolve(pathname, search, base)
    if (r.kind === 'redirect') r = this.resolve(r.to, search, base)
    if (r.kind === 'redirect') throw new Error('unreachable: a redirect leads to a page')
    const page = r.page
    const vars = r.kind === 'page' ? r.vars : {}
    return {
      page,
      args: { ...vars, ...r.query },
      title: page ? evaluate(page.title, vars) : fallbackTitle,
      description: page ? evaluate(page.description, vars) : '',
      image: page?.image ? imageHref(page.image, base) : null,
      status: r.kind === 'page' ? (200 as const) : (404 as const),
    }
  }

  /**
   * What the page container shows for `pathname` and `search`: the page's layout (its function
   * called with the path variables and query parameters), title, description and image.
   */
  async route(pathname: string, search: string | null, fallbackTitle: string): Promise<Routed> {
    const d = this.describe(pathname, search, fallbackTitle)
    const given = d.page ? d.page.layout : DefaultNotFound
    const layout =
      typeof given === 'function' ? await (given as (a: Record<string, unknown>) => unknown)(d.args) : given
    return { layout, title: d.title, description: d.description, image: d.image, status: d.status }
  }
}

/** A page's image as a URL path: a file of the assets folder, or a URL given as it is. */
export function imageHref(image: string, base: string): string {
  return /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(image)
    ? image
    : `${base}${ASSETS_PATH}/${image.replace(/^\/+/, '')}`
}

/**
 * The router callback (Dash's `update` in `dash.py`): the container's Location → its content and
 * the page's meta. It runs on first load as an initial call (the first HTML holds the page) and on
 * every navigation, with the new page's initial calls, in that one request.
 */
export function routerCallback(pages: Pages, fallbackTitle: string) {
  return [
    [
      Output(PAGE_IDS.content, 'children'),
      Output(PAGE_IDS.meta, 'title'),
      Output(PAGE_IDS.meta, 'description'),
      Output(PAGE_IDS.meta, 'image'),
    ],
    [Input(PAGE_IDS.location, 'pathname'), Input(PAGE_IDS.location, 'search')],
    async function pages_router(pathname: unknown, search: unknown) {
      const r = await pages.route(
        String(pathname ?? '/'),
        typeof search === 'string' ? search : null,
        fallbackTitle
      )
      return [r.layout, r.title, r.description, r.image]
    },
  ] as const
}
