import { describe, expect, it } from 'vitest';
import { findExternalResources, inlineCdnAssets } from './docs-offline.js';

describe('findExternalResources', () => {
  it('reports scripts, stylesheets, images and protocol-relative sources loaded from another host', () => {
    const html = [
      '<script src="https://cdn.example.com/redoc.standalone.js"></script>',
      '<link rel="stylesheet" href="https://example.org/theme.css">',
      "<img alt='' src='//images.example.net/logo'>",
      '<iframe src="https://example.com/embed"></iframe>',
    ].join('\n');
    expect(findExternalResources(html)).toEqual([
      '//images.example.net/logo',
      'https://cdn.example.com/redoc.standalone.js',
      'https://example.com/embed',
      'https://example.org/theme.css',
    ]);
  });

  it('reports CSS url() and @import, web fonts and CDN files named inside inline scripts', () => {
    const html = [
      '<style>@import "https://fonts.googleapis.com/css?family=Roboto"; .a { background: url(https://x.example/bg.png) }</style>',
      '<script>const logo = `https://cdn.redoc.ly/redoc/logo-mini.svg`; const font = "https://fonts.gstatic.com/s/roboto";</script>',
    ].join('\n');
    expect(findExternalResources(html)).toEqual([
      'https://cdn.redoc.ly/redoc/logo-mini.svg',
      'https://fonts.googleapis.com/css?family=Roboto',
      'https://fonts.gstatic.com/s/roboto',
      'https://x.example/bg.png',
    ]);
  });

  it('ignores hyperlinks, documentation URLs, XML namespaces, data URIs and loopback', () => {
    const html = [
      '<a href="https://redocly.com/redoc/">API docs by</a>',
      '<script>const docs = `https://redocly.com/learn/openapi/openapi-visual-reference/operation`;',
      'const ns = "http://www.w3.org/2000/svg"; const dev = "http://localhost:5173/app.js";</script>',
      '<img src="data:image/svg+xml,%3Csvg%2F%3E"><script src="http://127.0.0.1:4000/x.js"></script>',
    ].join('\n');
    expect(findExternalResources(html)).toEqual([]);
  });
});

describe('inlineCdnAssets', () => {
  it('replaces the Redocly logos and icon-set bases with data URIs, leaving nothing to fetch', () => {
    const page =
      '<script>src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`;' +
      'Zo={"font-awesome":`https://cdn.redocly.com/icons/fa/7.0.0`,code:`https://cdn.redocly.com/icons/code/5.24.0`}</script>';
    expect(findExternalResources(page)).toHaveLength(4);
    const { html, replaced } = inlineCdnAssets(page);
    expect(replaced).toEqual([
      'https://cdn.redoc.ly/redoc/logo-mini-full.svg',
      'https://cdn.redoc.ly/redoc/logo-mini.svg',
      'https://cdn.redocly.com/icons/code/5.24.0',
      'https://cdn.redocly.com/icons/fa/7.0.0',
    ]);
    expect(findExternalResources(html)).toEqual([]);
    expect(html).toContain('src:e?`data:image/svg+xml,');
    expect(decodeURIComponent(html)).toContain('>Redocly</text>');
  });

  it('leaves a page without CDN assets unchanged', () => {
    expect(inlineCdnAssets('<p>offline</p>')).toEqual({ html: '<p>offline</p>', replaced: [] });
  });
});
