// A path template (`/api/v1/chat/{session_id}/summary`) as the pieces every lookup by path needs: its
// placeholders' names, in order, and a pattern that a path with the values filled in matches, one segment each.

/** The names of the template's placeholders, in order: `['session_id']`. */
export const placeholderNames = (template: string): string[] =>
  (template.match(/\{[^}]+\}/g) ?? []).map((placeholder) => placeholder.slice(1, -1));

/** Matches a path with each placeholder filled by one segment, capturing each segment in order. */
export function templatePattern(template: string): RegExp {
  const source = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('([^/]+)');
  return new RegExp(`^${source}$`);
}
