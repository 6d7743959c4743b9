/** Last two segments of a resource name, e.g. `services/gryd-be`, for narrow tables. */
export function shortResource(resource: string): string {
  return resource.split('/').slice(-2).join('/');
}
