import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template';

describe('renderTemplate', () => {
  it('inserts string values', () => {
    expect(renderTemplate('tool {{name}} in {{name}}.ts', { name: 'echo' })).toBe('tool echo in echo.ts');
  });

  it('keeps a section when its flag is true and an inverted section when it is false', () => {
    const template = 'a{{#on}}+on{{/on}}{{^on}}-off{{/on}}b';
    expect(renderTemplate(template, { on: true })).toBe('a+onb');
    expect(renderTemplate(template, { on: false })).toBe('a-offb');
  });

  it('drops the lines of standalone section tags, leaving no blank lines behind', () => {
    const template = 'first\n  {{#config}}\n  configured\n  {{/config}}\nlast\n';
    expect(renderTemplate(template, { config: true })).toBe('first\n  configured\nlast\n');
    expect(renderTemplate(template, { config: false })).toBe('first\nlast\n');
  });

  it('does not expand placeholders that appear inside inserted values', () => {
    expect(renderTemplate('{{text}}', { text: '{{text}} stays' })).toBe('{{text}} stays');
  });

  it('throws on a value the template needs but was not given, naming it', () => {
    expect(() => renderTemplate('{{missing}}', {})).toThrow('{{missing}}');
    expect(() => renderTemplate('{{#flag}}x{{/flag}}', { flag: 'yes' })).toThrow('{{#flag}}');
  });
});
