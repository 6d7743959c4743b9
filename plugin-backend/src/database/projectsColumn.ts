import type { Knex } from 'knex';

/**
 * Rows that belong to several projects (a budget covers several) keep them in one text column,
 * `project_ids`, as `|p1|p2|`, next to `project_id`, the one project of the row's resource (the
 * only column of older rows); "listed under project p" is then one LIKE on any database.
 */
export function encodeProjects(projects: readonly string[]): string | null {
  return projects.length > 0 ? `|${projects.join('|')}|` : null;
}

/** The projects of a `project_ids` column; none when it is null. */
export function decodeProjects(column: string | null): string[] {
  return column ? column.split('|').filter(Boolean) : [];
}

/** A where clause: rows whose `project_id` is the project or whose `project_ids` list it. */
export function listsProject(projectId: string): Knex.QueryCallback {
  return w => {
    w.where('project_id', projectId).orWhere(
      'project_ids',
      'like',
      `%|${projectId}|%`,
    );
  };
}
