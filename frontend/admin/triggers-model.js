// What the Workflow triggers page computes, without the DOM (tested with node --test).

/** The transitions a rule for `project` may name: the project's own, else those under '*' (every project's). */
export function transitionsFor(byProject, project) {
  const own = byProject[project];
  if (Array.isArray(own)) return own;
  return Array.isArray(byProject['*']) ? byProject['*'] : [];
}
