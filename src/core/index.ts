// The engine's public API (contract: ../shared/spec/causes.md). Pure: no
// browser API, no DOM, no Node API; the extension and the CLI both use it.
export * from './types.ts';
export { parseChallenges, type ParsedChallenges } from './challenge-parser.ts';
export { decodeJwt, looksLikeJwt } from './jwt.ts';
export { maskSecret, maskUrl, maskText, secretPathSegments } from './mask.ts';
export { extractEvidence } from './evidence.ts';
export { diagnose } from './diagnose.ts';
export {
  explainHar,
  explainHarSteps,
  exchangeOfEntry,
  HarError,
  type ExplainProgress,
} from './har.ts';
export { translateEn, withFallback } from './i18n.ts';
export { referenceTime } from './time.ts';
