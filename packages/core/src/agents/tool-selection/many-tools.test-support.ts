import type { LlmToolDefinition } from '../../llm/index';

/** Topics of the generated tools; tool #37 (index 36) is the currency converter. */
const TOPICS = [
  'weather forecast',
  'stock quote',
  'calendar event',
  'email inbox',
  'moon phase',
  'train timetable',
  'flight status',
  'recipe search',
  'dictionary definition',
  'translation phrase',
  'unit length',
  'timezone clock',
  'news headline',
  'sports score',
  'movie showtime',
  'book catalogue',
  'music lyric',
  'package tracking',
  'postal code',
  'holiday date',
  'tide table',
  'air quality',
  'pollen count',
  'earthquake report',
  'traffic jam',
  'parking space',
  'restaurant menu',
  'hotel booking',
  'car rental',
  'bike sharing',
  'museum opening',
  'library loan',
  'pharmacy stock',
  'doctor appointment',
  'gym class',
  'school lunch',
  'currency exchange',
  'lottery draw',
  'horoscope sign',
  'podcast episode',
];

/**
 * `count` generated tool definitions (`tool_01_weather_forecast`, ...), each with a description of
 * about 400 characters and two parameters, so 40 of them take far more than 1500 estimated tokens. Tool
 * #37 converts money between currencies.
 */
export function manyTools(count = 40): LlmToolDefinition[] {
  return Array.from({ length: count }, (_, index) => {
    const topic = TOPICS[index % TOPICS.length] ?? 'misc';
    const number = String(index + 1).padStart(2, '0');
    const special = index === 36;
    const description = special
      ? 'Converts an amount of money from one currency to another at the latest exchange rate, for example euros to yen or dollars to pounds. Use it for any price, cost or amount that must be expressed in another currency; it answers with the converted amount and the rate used.'
      : `Looks up ${topic} information from the ${topic} service and returns the matching ${topic} entries as a short list. Use it whenever the question is about ${topic}; results include the name, the date and a summary of each ${topic} entry found, newest first.`;
    return {
      name: `tool_${number}_${topic.replace(/\s+/g, '_')}`,
      description,
      parameters: {
        type: 'object',
        properties: special
          ? {
              amount: { type: 'number', description: 'Amount to convert' },
              from: { type: 'string', description: 'Currency code to convert from, e.g. EUR' },
              to: { type: 'string', description: 'Currency code to convert to, e.g. JPY' },
            }
          : {
              query: { type: 'string', description: `What to look up about ${topic}` },
              limit: { type: 'integer', description: 'Most entries returned' },
            },
        required: special ? ['amount', 'from', 'to'] : ['query'],
      },
    };
  });
}
