/** A message lookup passed into the presentational components (they use no browser API). */
export type T = (key: string, substitutions?: string[]) => string;
