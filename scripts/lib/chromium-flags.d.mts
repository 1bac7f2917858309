export declare const CHROMIUM_BASE_FLAGS: string[];
export declare function chromiumFlags(dist: string | undefined): string[];
