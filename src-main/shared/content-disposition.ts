/**
 * A Content-Disposition header for a file with a Chinese name: an ASCII fallback for old clients and
 * the real name as an RFC 8187 ext-value. encodeURIComponent leaves ' ( ) * as they are, but they are
 * not attr-chars: a name such as 张三's 报告 (定稿).pdf would end the value early in a strict parser.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`
}
