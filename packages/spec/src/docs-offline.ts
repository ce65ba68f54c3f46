// Keeps the API reference page (dist/docs/index.html) self-contained: `redocly build-docs --inlineBundle`
// embeds Redoc, but the page still loads the Redocly logo from cdn.redoc.ly; inlineCdnAssets replaces it with
// an inline SVG, and findExternalResources proves nothing else would be fetched from the network.

/** Hosts that only serve page resources (scripts, styles, fonts, images): any mention of one is a load. */
const RESOURCE_HOSTS =
  /^(?:[a-z0-9-]+\.)*(?:fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.redoc\.ly|cdn\.redocly\.com|unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|esm\.sh|cdn\.skypack\.dev|use\.typekit\.net)$/i;

/** A URL path naming a resource file (a link to a documentation page has none of these extensions). */
const RESOURCE_PATH = /\.(?:m?js|css|woff2?|ttf|otf|eot|svg|png|jpe?g|gif|webp|avif|ico|wasm)$/i;

const ABSOLUTE_URL = /\bhttps?:\/\/[a-z0-9.-]+(?::\d+)?(?:\/[^\s'"`)<>\\]*)?/gi;
const TAG_RESOURCE =
  /<(?:script|link|img|iframe|source|embed|object|video|audio|track|image)\b[^>]*?\s(?:src|href|srcset|data|poster|xlink:href)\s*=\s*["']?\s*((?:https?:)?\/\/[^\s"'>]+)/gi;
const CSS_RESOURCE = /(?:url\(\s*["']?|@import\s+["'])\s*((?:https?:)?\/\/[^\s"')]+)/gi;

function isLoopback(url: string): boolean {
  try {
    const { hostname } = new URL(url.startsWith('//') ? `http:${url}` : url);
    return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  } catch {
    return false;
  }
}

/**
 * The external URLs a page would load: `src`/`href` of script, link, img and other embedding tags, CSS `url()`
 * and `@import`, and, inside inline scripts, absolute URLs on resource-only hosts or ending in a resource file
 * name. Hyperlinks (`<a href>`, documentation URLs in strings) are not loads and are not reported.
 */
export function findExternalResources(html: string): string[] {
  const found = new Set<string>();
  for (const pattern of [TAG_RESOURCE, CSS_RESOURCE]) {
    for (const match of html.matchAll(pattern)) {
      const url = match[1] as string;
      if (!isLoopback(url)) found.add(url);
    }
  }
  for (const match of html.matchAll(ABSOLUTE_URL)) {
    const url = match[0].replace(/[.,;]+$/, '');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    if (isLoopback(url)) continue;
    if (RESOURCE_HOSTS.test(parsed.hostname) || RESOURCE_PATH.test(parsed.pathname)) found.add(url);
  }
  return [...found].sort();
}

function svgDataUri(svg: string): string {
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/**
 * An empty SVG ending in `#`: Redoc appends `/<style>/<name>.svg` to an icon set's base URL, which then lands in
 * the fragment of this data URI. A named icon renders blank instead of being fetched.
 */
const EMPTY_ICON_BASE = `${svgDataUri('<svg xmlns="http://www.w3.org/2000/svg"/>')}#`;

/**
 * CDN URLs in the Redoc bundle and what replaces them. The logos ("API docs by Redocly" in the sidebar) are
 * drawn inline, keeping the attribution. The icon sets (`cdn.redocly.com/icons/<set>/<version>`) serve icons that
 * Redocly configuration or Markdown name (`<Icon name=...>`, sidebar icons); this spec names none, so their base
 * URLs become EMPTY_ICON_BASE.
 */
const INLINE_ASSETS: [pattern: RegExp, replacement: string][] = [
  [/https:\/\/cdn\.redocly\.com\/icons\/[a-z-]+\/\d+\.\d+\.\d+/g, EMPTY_ICON_BASE],
  [
    /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini-full\.svg/g,
    svgDataUri(
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16"><text x="0" y="13" font-family="sans-serif" font-size="13" font-weight="600" fill="#6b6b6b">Redocly</text></svg>',
    ),
  ],
  [
    /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg/g,
    svgDataUri(
      '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><text x="3" y="13" font-family="sans-serif" font-size="13" font-weight="600" fill="#6b6b6b">R</text></svg>',
    ),
  ],
];

/** Replaces the known CDN assets of a Redoc page with inline data URIs; returns the page and the URLs replaced. */
export function inlineCdnAssets(html: string): { html: string; replaced: string[] } {
  let result = html;
  const replaced = new Set<string>();
  for (const [pattern, inline] of INLINE_ASSETS) {
    result = result.replace(pattern, (url) => {
      replaced.add(url);
      return inline;
    });
  }
  return { html: result, replaced: [...replaced].sort() };
}
