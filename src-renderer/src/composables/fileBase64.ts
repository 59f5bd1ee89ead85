/** Reads a chosen file as base64 (works the same in Electron's sandboxed renderer and in a browser). */
export async function readFileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  // Chunked: String.fromCharCode(...bytes) overflows the call stack on files of a few MB.
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  return btoa(binary)
}
