/**
 * @module pages
 * Markup of multi-page apps that is not a component: the meta tags a page puts in the document's
 * `<head>` on first load (as Dash's `_page_meta_tags`), and the default 404 page.
 */

export interface PageHeadProps {
  description: string
  /** Absolute URL of the page's image, or '' when it has none. */
  image: string
  /** The page's absolute URL. */
  url: string
  title: string
}

/** `description`, `og:` and `twitter:` meta tags (Open Graph uses `property`, Twitter `name`). */
export const PageHead = (p: PageHeadProps) => (
  <>
    <meta name="description" content={p.description} />
    <meta name="twitter:card" content="summary_large_image" />
    <meta name="twitter:url" content={p.url} />
    <meta name="twitter:title" content={p.title} />
    <meta name="twitter:description" content={p.description} />
    <meta name="twitter:image" content={p.image} />
    <meta property="og:title" content={p.title} />
    <meta property="og:type" content="website" />
    <meta property="og:description" content={p.description} />
    <meta property="og:image" content={p.image} />
  </>
)

/** What a path no page matches shows when the app registered no `notFound` page (as Dash). */
export const DefaultNotFound = () => <h1>404 - Page not found</h1>
