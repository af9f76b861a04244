/** What zod reports of one problem, as much of it as a message needs. */
interface Issue {
  path: PropertyKey[];
  message: string;
}

/**
 * One zod issue as `path: message` — the form used wherever the path leads (a stack config field, a chat frame
 * field). `whole` names the value when the issue is about all of it (empty path); an absent issue reads `invalid`.
 */
export function describeIssue(issue: Issue | undefined, whole = ''): string {
  if (!issue) return whole ? `${whole}: invalid` : 'invalid';
  const path = issue.path.map(String).join('.') || whole;
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** One zod issue as `message at path` — the form of the contract's INVALID_REQUEST / BAD_MESSAGE answers. */
export function describeIssueAt(issue: Issue | undefined, fallback = 'invalid'): string {
  if (!issue) return fallback;
  return issue.path.length > 0 ? `${issue.message} at ${issue.path.map(String).join('.')}` : issue.message;
}
