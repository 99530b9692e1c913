import { describe, expect, it } from 'vitest';
import { checkEventVariables, renderEventVariables } from './event-variables';

describe('event variables', () => {
  const event = { id: 'msg_1', payload: { order: { id: 42, lines: [1, 2] }, note: 'rush' } };

  it('passes a whole-string variable as its value and fills text with strings or JSON', () => {
    const input = {
      order: '{event.payload.order}',
      task: 'Order {event.payload.order.id} ({event.payload.note}) lines {event.payload.order.lines}',
      missing: 'x{event.payload.nothing}y',
      nested: ['{event.id}', { deep: 'id={event.id}' }],
      kept: 'Literal {braces} and {inputs.x} stay',
    };
    expect(renderEventVariables(input, event)).toEqual({
      order: { id: 42, lines: [1, 2] },
      task: 'Order 42 (rush) lines [1,2]',
      missing: 'xy',
      nested: ['msg_1', { deep: 'id=msg_1' }],
      kept: 'Literal {braces} and {inputs.x} stay',
    });
  });

  it('names the string holding an unknown field or an undeclared payload path', () => {
    const schema = { type: 'object', properties: { order: { type: 'object', properties: { id: {} } } } };
    const issues = checkEventVariables(
      'webhook',
      { task: 'ok {event.payload.order.id}', list: ['{event.subject}'], 'a/b': '{event.payload.ordr}' },
      schema,
    );
    expect(issues.map((issue) => issue.pointer)).toEqual(['/input/list/0', '/input/a~1b']);
    expect(checkEventVariables('webhook', { task: '{event.payload.anything.goes}' })).toEqual([]);
    expect(checkEventVariables('email', { task: '{event.subject} from {event.from}' })).toEqual([]);
  });
});
