import { createReadStream, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * The file a URL path names inside `root`, or null when it would leave `root` (`..`, encoded
 * slashes, absolute paths, NUL bytes) or does not exist. Unknown paths fall back to index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const base = resolve(root)
  const target = resolve(base, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`)
  if (target !== base && !target.startsWith(base + sep)) return null
  const file = target === base || decoded.endsWith('/') ? join(target, 'index.html') : target
  try {
    if (statSync(file).isFile()) return file
  } catch {
    // not there: a client-side route, served by the app's index.html
  }
  return extname(decoded) === '' ? join(base, 'index.html') : null
}

export function sendFile(res: ServerResponse, file: string, headers: Record<string, string>) {
  res.writeHead(200, {
    ...headers,
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
  })
  createReadStream(file).pipe(res)
}
