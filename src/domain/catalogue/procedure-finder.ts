/** What the rest of the service needs of the procedure search (implemented in procedure-search.ts). */
export interface ProcedureHit {
  code: string;
  name: string;
  field: string;
  score: number;
}

/**
 * `exact`: a procedure code was typed; `sure`: one clear best match; `ambiguous`: weak or close
 * matches, to be offered as a choice; `none`: nothing fits.
 */
export type SearchConfidence = 'exact' | 'sure' | 'ambiguous' | 'none';

/** A matter citizens ask about that no procedure of the commune's catalogue handles, and who does when a source says so. */
export interface OutOfScope {
  topic: string;
  handledBy?: string;
}

export interface ProcedureFinder {
  search(query: string, limit?: number): { hits: ProcedureHit[]; confidence: SearchConfidence; outOfScope?: OutOfScope };
  /**
   * The plain English name of a procedure ("Birth registration" for 1.001193), for English replies
   * ("Birth registration (Đăng ký khai sinh)"); undefined for the procedures without one.
   */
  englishName(code: string): string | undefined;
}
