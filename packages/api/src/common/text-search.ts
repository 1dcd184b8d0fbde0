/** A LIKE pattern matching `text` anywhere, with its wildcards escaped so "50%" means the text "50%". */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
