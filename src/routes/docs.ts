import type { OpenAPIHono } from '@hono/zod-openapi'
import { Scalar } from '@scalar/hono-api-reference'
import { Hono } from 'hono'
import type { AppEnv } from '../http/env.js'

/**
 * The reference page's script, at a fixed version. The middleware's default is jsDelivr's latest release of it:
 * a new release of Scalar would change (or break) every instance's `/docs` at once, untested. This is the release
 * that default served when it was pinned; the page keeps Scalar's configuration format of that time.
 */
export const SCALAR_SCRIPT =
  'https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.76.0/dist/browser/standalone.js'

/**
 * The SHA-384 of that file as npm publishes it (`npm pack @scalar/api-reference@1.76.0`, then
 * `openssl dgst -sha384 -binary package/dist/browser/standalone.js | openssl base64 -A`), which jsDelivr serves
 * unchanged. The browser runs the script only if it has these bytes: a CDN serving anything else (compromised,
 * or a file replaced) gets no code into an operator's browser on the instance's own origin.
 */
export const SCALAR_INTEGRITY = 'sha384-oH1C0RwqcwbVXkC+r8A+4qRoyEUQdtxAzOwumkxZtQBBcsy61FOoPt7B50OVJYYQ'

/**
 * The page Scalar's middleware writes, with the script tag given its hash. Rendered once, on a Hono app of its
 * own: the page is the same for every request.
 */
async function renderPage(): Promise<string> {
  const reference = new Hono().get(
    '/',
    Scalar({
      url: '/openapi.json',
      pageTitle: 'Vigil API',
      cdn: SCALAR_SCRIPT,
      // Scalar's default fonts come from its own server: the page uses the operator's system fonts instead.
      withDefaultFonts: false,
    }),
  )
  const html = await (await reference.request('/')).text()
  const tag = `<script src="${SCALAR_SCRIPT}">`
  // Fails loudly (a 500, and a test) should a new release of the middleware write its script tag otherwise.
  if (!html.includes(tag)) throw new Error('The API reference page no longer loads its script as expected')
  return html.replace(
    tag,
    `<script src="${SCALAR_SCRIPT}" integrity="${SCALAR_INTEGRITY}" crossorigin="anonymous">`,
  )
}

/** `GET /docs`: a browsable API reference over `/openapi.json`. */
export function registerDocsRoute(app: OpenAPIHono<AppEnv>) {
  let page: Promise<string> | undefined
  app.get('/docs', async (c) => {
    page ??= renderPage()
    return c.html(await page)
  })
}
