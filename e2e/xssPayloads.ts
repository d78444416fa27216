/**
 * Script-injection attempts as a digest, a note, a comment, a tag or a PDF annotation's quote
 * and comment might carry them. Each one, if it ever ran, would set window.__pwned; rendered as
 * text, none may.
 */
const VECTORS: ReadonlyArray<(n: number) => string> = [
  (n) => `<script>window.__pwned=${n}</script>`,
  (n) => `<img src=x onerror="window.__pwned=${n}">`,
  (n) => `<img src="x" onerror=window.__pwned=${n}>`,
  (n) => `<svg onload="window.__pwned=${n}"></svg>`,
  (n) => `<svg><script>window.__pwned=${n}</script></svg>`,
  (n) => `<body onload="window.__pwned=${n}">`,
  (n) => `<iframe srcdoc="<script>parent.__pwned=${n}</script>"></iframe>`,
  (n) => `<iframe src="javascript:parent.__pwned=${n}"></iframe>`,
  (n) => `<a href="javascript:window.__pwned=${n}">click</a>`,
  (n) => `<a href="data:text/html,<script>window.__pwned=${n}</script>">data</a>`,
  (n) => `<details open ontoggle="window.__pwned=${n}">`,
  (n) => `<input autofocus onfocus="window.__pwned=${n}">`,
  (n) => `<video><source onerror="window.__pwned=${n}"></video>`,
  (n) => `<object data="javascript:window.__pwned=${n}"></object>`,
  (n) => `<embed src="javascript:window.__pwned=${n}">`,
  (n) => `<math><mtext><script>window.__pwned=${n}</script></mtext></math>`,
  (n) => `<style>@import 'javascript:window.__pwned=${n}';</style>`,
  (n) => `<div style="background:url(javascript:window.__pwned=${n})">css</div>`,
  (n) => `<div style="width:expression(window.__pwned=${n})">old ie</div>`,
  (n) => `<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=${n}">`,
  (n) => `<form action="javascript:window.__pwned=${n}"><button>go</button></form>`,
  (n) => `<base href="javascript:window.__pwned=${n}//">`,
  (n) => `[link](javascript:window.__pwned=${n})`,
  (n) => `[link](JaVaScRiPt:window.__pwned=${n})`,
  (n) => `[link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#${n})`,
  (n) => `![img](javascript:window.__pwned=${n})`,
  (n) => `![img](x "onerror=window.__pwned=${n}")`,
  (n) => `<javascript:window.__pwned=${n}>`,
  (n) => `[ref][r${n}]\n\n[r${n}]: javascript:window.__pwned=${n}`,
  (n) => `\`<script>window.__pwned=${n}</script>\``,
  (n) => `&lt;script&gt;window.__pwned=${n}&lt;/script&gt;`,
  (n) => `{{constructor.constructor('window.__pwned=${n}')()}}`,
  (n) => `\${window.__pwned=${n}}`,
  (n) => `"><script>window.__pwned=${n}</script>`,
  // Where PDF annotations show: an edited comment's textarea, a pin's SVG title, a tooltip.
  (n) => `</textarea><script>window.__pwned=${n}</script>`,
  (n) => `</title><svg onload="window.__pwned=${n}"></svg>`,
  (n) => `<foreignObject><img src=x onerror="window.__pwned=${n}"></foreignObject>`,
  (n) => `' onmouseover='window.__pwned=${n}`,
]

/** The vectors, each in three dressings: alone, after text, and inside a sentence. */
export const XSS_PAYLOADS: readonly string[] = VECTORS.flatMap((vector, index) => {
  const n = index * 3
  return [vector(n + 1), `Note ${vector(n + 2)}`, `See ${vector(n + 3)} for details.`]
})
