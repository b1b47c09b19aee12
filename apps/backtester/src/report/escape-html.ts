const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values. Quotes are escaped too so one
 * function is safe in both places; titles and summary keys come from the command line and data files.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Serialises a value as JSON that can sit inside `<script type="application/json">`: `<`, `>` and `&`
 * become `\u003c`-style escapes so no `</script>` or `<!--` can end the element early, and U+2028/U+2029
 * are escaped for older JavaScript parsers. `JSON.parse` reads the result back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
