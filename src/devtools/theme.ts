// Follows the DevTools theme (devtools.panels.themeName: "default"/"light"
// or "dark") rather than the OS preference page.css uses by default.
import type { DevtoolsApi } from './devtools-api.ts';

export const themeOf = (name: string | undefined): 'light' | 'dark' =>
  name === 'dark' ? 'dark' : 'light';

export function followTheme(api: DevtoolsApi, root: HTMLElement): void {
  const set = (name: string | undefined) => {
    root.dataset.theme = themeOf(name);
  };
  set(api.panels.themeName);
  api.panels.onThemeChanged?.addListener(set);
}
