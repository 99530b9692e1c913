/** Values a template can use: strings for `{{name}}`, booleans for `{{#name}}…{{/name}}` sections. */
export type TemplateValues = Readonly<Record<string, string | boolean>>;

// A section tag alone on its line takes its line with it, so sections leave no blank lines behind.
const standaloneSection = /^[ \t]*\{\{([#^])(\w+)\}\}[ \t]*\n([\s\S]*?)^[ \t]*\{\{\/\2\}\}[ \t]*(?:\n|$)/gm;
const inlineSection = /\{\{([#^])(\w+)\}\}([\s\S]*?)\{\{\/\2\}\}/g;
const variable = /\{\{(\w+)\}\}/g;

/**
 * Renders a template with a deliberately small syntax: `{{name}}` inserts a string value;
 * `{{#flag}}…{{/flag}}` keeps its body when `flag` is true and `{{^flag}}…{{/flag}}` when it is false.
 * Sections do not nest. A name missing from `values`, or of the wrong kind, throws: it is a template bug.
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  const section = (_tag: string, kind: string, name: string, body: string) =>
    flag(values, name) === (kind === '#') ? body : '';
  return template
    .replace(standaloneSection, section)
    .replace(inlineSection, section)
    .replace(variable, (_tag, name: string) => text(values, name));
}

function flag(values: TemplateValues, name: string): boolean {
  const value = values[name];
  if (typeof value !== 'boolean') throw new Error(`Template section {{#${name}}} needs a boolean value`);
  return value;
}

function text(values: TemplateValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string') throw new Error(`Template variable {{${name}}} needs a string value`);
  return value;
}
