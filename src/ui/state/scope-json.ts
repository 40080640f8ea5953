/** The scope document as the config tool writes it (JSON view, download): two-space JSON, final newline. */
export function scopeToJson(scope: unknown): string {
  return JSON.stringify(scope, null, 2) + '\n';
}
