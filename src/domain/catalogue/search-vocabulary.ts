/**
 * The search vocabulary (data/search-vocabulary.json): how citizens name things the catalogue
 * names otherwise — abbreviations ("ĐKKS", "BHYT"), lay words ("sổ đỏ", "tiền ma chay"),
 * synonyms ("công chứng" → "chứng thực"), the phrases that only frame a question ("thủ tục",
 * "cần những gì"), and matters no commune procedure handles ("ly hôn"). Language data, not commune
 * data: nothing here names a procedure code. Validated by this schema at start.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../project-root';

export const vocabularyEntrySchema = z.object({
  /** The catalogue's own wording, e.g. "khai sinh", "giấy chứng nhận quyền sử dụng đất". */
  canonical: z.string().min(1),
  /**
   * What people type instead. Matched on folded syllables ("so do" meets "sổ đỏ"), longest first;
   * a one-syllable variant written with marks ("lãnh") only meets that exact word.
   */
  variants: z.array(z.string().min(1)).min(1),
  /**
   * abbreviation / spelling: also expanded in the catalogue's own text (names write "BHYT",
   * "TNLĐ"); synonym / lay: only in what people type.
   */
  kind: z.enum(['abbreviation', 'spelling', 'synonym', 'lay']),
  /** How much the canonical words count in a query (default 1; a channel word like "online" counts less). */
  weight: z.number().positive().max(2).optional(),
  note: z.string().optional(),
});

export const outOfScopeSchema = z.object({
  /** What the matter is, e.g. "ly hôn". */
  topic: z.string().min(1),
  variants: z.array(z.string().min(1)).min(1),
  /**
   * Who handles it instead, as a citizen would be told ("Tòa án nhân dân"). Left out when no
   * source says who: the citizen is then told to ask the centre or the city hotline where to file.
   */
  handledBy: z.string().min(1).optional(),
});

/**
 * A procedure only offered when the question says what sets it apart: "khiếu nại" alone is a
 * complaint about the commune, not the police's complaint procedure; "cấp lại sổ đỏ" is not the
 * revocation of a certificate issued unlawfully.
 */
export const searchGateSchema = z.object({
  /** Words of the names it applies to, e.g. "lực lượng Công an nhân dân" (matched folded). */
  nameContains: z.string().min(1),
  /** One of these must be in the question (matched on folded syllables), e.g. "công an", "police". */
  needs: z.array(z.string().min(1)).min(1),
});

export const searchVocabularySchema = z.object({
  description: z.string().min(1),
  entries: z.array(vocabularyEntrySchema).min(1),
  /** Phrases that only frame a question ("cần những gì", "thủ tục"); dropped from queries. */
  fillers: z.array(z.string().min(1)),
  /** Framing words the catalogue's own names carry ("Thủ tục đăng ký khai sinh"); dropped from its text. */
  catalogueFillers: z.array(z.string().min(1)),
  /** Words kept with little weight: alone they say little ("mất", "online"). */
  thin: z.array(z.string().min(1)),
  outOfScope: z.array(outOfScopeSchema),
  gates: z.array(searchGateSchema).optional(),
});

export type VocabularyEntry = z.infer<typeof vocabularyEntrySchema>;
export type OutOfScopeTopic = z.infer<typeof outOfScopeSchema>;
export type SearchGate = z.infer<typeof searchGateSchema>;
export type SearchVocabulary = z.infer<typeof searchVocabularySchema>;

/** Reads and validates data/search-vocabulary.json (or another file). */
export function loadSearchVocabulary(path = join(projectRoot(), 'data', 'search-vocabulary.json')): SearchVocabulary {
  return searchVocabularySchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}
