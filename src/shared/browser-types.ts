// Types only, for modules tested in Node (importing the polyfill itself
// throws outside an extension).
export type { Cookies, Runtime, Tabs, WebRequest } from 'webextension-polyfill';
