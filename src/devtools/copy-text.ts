// Copies text from a DevTools panel. Chrome's DevTools frames do not grant
// the Clipboard API (writeText rejects there), so fall back to the old
// execCommand('copy') on a hidden textarea, which works in a user gesture.
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // fall through
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}
