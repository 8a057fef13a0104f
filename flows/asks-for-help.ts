/**
 * Whether a message, besides what else it says, asks someone for help: "em ở thôn Đồng Tràm Tây,
 * muốn hỏi tổ công nghệ số về cài đặt VNeID" names a village but is a question for the village
 * team, not a change of village. Compared folded, as whole words.
 */
import { foldPhrase } from '../src/domain/text/fold';

const ASKING =
  / (?:muon hoi|can hoi|cho hoi|hoi to|hoi can bo|to cong nghe so|gap can bo|gap nguoi|nho to|can giup|giup do|ho tro|help|ask) /;

export function asksForHelp(text: string): boolean {
  return ASKING.test(` ${foldPhrase(text)} `);
}
