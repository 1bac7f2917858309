// Saves text as a file through the browser's own download of a blob: URL.
// The text never leaves the machine (no network, no extension API needed).
export function downloadText(text: string, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: Firefox starts the download asynchronously from the URL.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "trace.har" → "trace.why401.md" */
export function reportName(file: string, ext: 'md' | 'json'): string {
  const base = file.replace(/\.(har|json)$/i, '') || 'har';
  return `${base}.why401.${ext}`;
}
