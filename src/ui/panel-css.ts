// The panel's styles, inlined into its shadow root (the page's CSS cannot
// reach in, ours cannot leak out). System fonts only: nothing is fetched.
export const PANEL_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.panel, .pill {
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #b42318;
  --accent-fg: #ffffff; --code: #f6f8fa;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg);
  border: 1px solid var(--line); border-radius: 10px;
  box-shadow: 0 8px 24px rgba(0,0,0,.18);
}
@media (prefers-color-scheme: dark) {
  .panel, .pill {
    --bg: #161b22; --fg: #e6edf3; --muted: #9da7b3; --line: #30363d; --accent: #f97066;
    --accent-fg: #1b1f24; --code: #0d1117;
  }
}
.panel { width: min(420px, calc(100vw - 32px)); max-height: min(70vh, 560px); overflow: auto; padding: 12px 14px; }
@media (prefers-reduced-motion: no-preference) {
  .panel { animation: why401-in .16s ease-out; }
  @keyframes why401-in { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }
}
header { display: flex; align-items: center; gap: 8px; margin-bottom: 8px; }
h2 { font-size: 14px; margin: 0; flex: 1; font-weight: 600; }
h4 { font-size: 12px; margin: 8px 0 2px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.status { font-weight: 700; font-size: 12px; padding: 1px 6px; border-radius: 6px; background: var(--accent); color: var(--accent-fg); }
button { font: inherit; color: inherit; background: transparent; border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; cursor: pointer; }
button:hover { border-color: var(--muted); }
button:focus-visible, summary:focus-visible, a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
button.icon { border: none; font-size: 16px; line-height: 1; padding: 2px 8px; }
button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.pill { display: inline-flex; align-items: center; gap: 6px; padding: 6px 12px; font-weight: 600; cursor: pointer; border-radius: 999px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: var(--accent); }
ul { list-style: none; margin: 0; padding: 0; }
ol.fixes { margin: 0; padding-left: 20px; }
ul.evidence li { margin: 2px 0; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); border-radius: 4px; padding: 1px 4px; overflow-wrap: anywhere; }
.record { border-top: 1px solid var(--line); padding: 8px 0; }
.records.latest .record { border-top: none; padding-top: 0; }
.request { display: flex; gap: 6px; align-items: baseline; }
.url { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; flex: 1; }
.summary { margin: 6px 0 4px; font-size: 14px; }
details > summary { cursor: pointer; color: var(--muted); margin: 4px 0; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; margin: 10px 0 4px; }
.confidence { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
.links a { color: var(--accent); margin-right: 10px; }
`;
