import type { SearchObject } from 'imapflow';
import type { ReadEmailsParams } from './read-emails-schemas';

/** Turns the `search` parameter into an imapflow search query; no conditions means every message. */
export function imapSearchQuery(search: ReadEmailsParams['search']): SearchObject {
  const query: SearchObject = {};
  if (search?.unseen) query.seen = false;
  if (search?.since) query.since = new Date(`${search.since}T00:00:00Z`);
  if (search?.from) query.from = search.from;
  if (search?.subject) query.subject = search.subject;
  if (search?.text) query.text = search.text;
  return Object.keys(query).length > 0 ? query : { all: true };
}
