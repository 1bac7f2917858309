// RFC 9457 Problem Details: {"type","title","status","detail"}; the detail
// (or a non-generic title) is the server's reason.
import { classify } from '../rules/words.ts';
import { msg, quote } from '../rules/types.ts';
import { field, type Vendor } from './types.ts';

export const problemJson: Vendor = {
  name: 'problem+json',
  claims(ev) {
    const isProblem =
      (ev.body?.mimeType ?? '').toLowerCase().includes('problem+json') ||
      (field(ev, 'type') !== undefined &&
        field(ev, 'title') !== undefined &&
        field(ev, 'status') !== undefined);
    if (!isProblem) return undefined;
    const text = field(ev, 'detail') ?? field(ev, 'title') ?? '';
    const kind = classify(text);
    if (!kind) return undefined;
    return [
      {
        kind,
        confidence: 0.75,
        evidence: msg('ev_vendor_said', 'RFC 9457 problem details', quote(text)),
      },
    ];
  },
};
