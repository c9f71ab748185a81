/**
 * How the back office finds orders by the buyer's name (issue #29): the name on the order, lower-cased and without
 * accents, from each word on ("Ben Jansen" -> "ben jansen", "jansen"), so that a search for the first letters of the
 * first name or of the surname ("jans", "Bén") is one prefix range on an index.
 */
export const nameKey = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export const buyerNameKeys = (name: string): string[] => {
  const words = nameKey(name).split(' ').filter(Boolean);
  return words.map((_, i) => words.slice(i).join(' '));
};
