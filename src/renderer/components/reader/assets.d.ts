// Vite's `?url` imports: the URL of a file copied into the built app (the pdf.js worker).
declare module '*?url' {
  const url: string
  export default url
}
