// A reading list category as the user writes it: "Ref links › Flakes", "Ref links/Flakes" or ["Ref links",
// "Flakes"] → its path parts (the CLI's --category, the API's ReadingQuery.category given as one string).
export function categoryPath(value: string | string[]): string[] {
  const parts = Array.isArray(value) ? value : value.split(/\s*[›/]\s*/);
  return parts.map((p) => p.trim()).filter(Boolean);
}
