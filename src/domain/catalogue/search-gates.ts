/**
 * The search vocabulary's gates (search-vocabulary.ts): a procedure whose name holds a gate's words
 * is only offered when the question holds one of the words that set it apart. Compiled once at
 * start; a question's check is one pass over its folded syllables.
 */
import { foldWord } from '../text/fold-cache';
import { tokenize } from '../text/tokenize';
import type { Procedure } from './procedure';
import type { SearchGate } from './search-vocabulary';

/** Whether a question may be answered with a procedure (by code). */
export type GateCheck = (code: string) => boolean;

const foldedLine = (text: string): string => ` ${tokenize(text).map(foldWord).join(' ')} `;

export function compileGates(gates: readonly SearchGate[], procedures: readonly Procedure[]): (query: string) => GateCheck {
  const compiled = gates.map((g) => {
    const name = foldedLine(g.nameContains);
    return {
      codes: new Set(procedures.filter((p) => foldedLine(p.name).includes(name)).map((p) => p.code)),
      needs: g.needs.map(foldedLine),
    };
  });
  return (query) => {
    const line = foldedLine(query);
    const closed = new Set(compiled.filter((g) => !g.needs.some((n) => line.includes(n))).flatMap((g) => [...g.codes]));
    return (code) => !closed.has(code);
  };
}
