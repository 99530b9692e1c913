import type { ImapFlow, SearchObject } from 'imapflow';
import type { EmailFilter } from '../../models/email-trigger';

/** Bytes of a message fetched at most; the body is read from the start of the message. */
const MAX_SOURCE_BYTES = 1024 * 1024;
/** Messages fetched per FETCH command. */
const FETCH_BATCH = 25;

/** What arrived after a checkpoint in the open mailbox. */
export interface NewMessages {
  /** The highest UID in the mailbox above the checkpoint (the next checkpoint), or undefined when none. */
  highestUid: number | undefined;
  /** UIDs above the checkpoint that match the filter, ascending. */
  matching: number[];
}

/**
 * Lists the messages of the open mailbox with a UID above `afterUid`: all of them (their highest UID is
 * the next checkpoint, so messages the filter skips are not looked at again) and, of those, the ones that
 * match `filter`. The filter search is bounded by that highest UID, so a message arriving between the two
 * searches is left for the next round rather than skipped.
 */
export async function newMessages(
  client: ImapFlow,
  afterUid: number,
  filter: EmailFilter | undefined,
): Promise<NewMessages> {
  // `N:*` always includes the highest UID, even below N: keep only UIDs above the checkpoint.
  const all = ((await client.search({ uid: `${afterUid + 1}:*` }, { uid: true })) || []).filter(
    (uid) => uid > afterUid,
  );
  if (all.length === 0) return { highestUid: undefined, matching: [] };
  const highestUid = Math.max(...all);
  const query = filterQuery(filter);
  if (query === undefined) return { highestUid, matching: all.sort((a, b) => a - b) };
  const found =
    (await client.search({ ...query, uid: `${afterUid + 1}:${highestUid}` }, { uid: true })) || [];
  return {
    highestUid,
    matching: found.filter((uid) => uid > afterUid && uid <= highestUid).sort((a, b) => a - b),
  };
}

/** A fetched message: its UID, raw source (at most 1 MiB) and the server's internal date. */
export interface FetchedMessage {
  uid: number;
  source: Buffer;
  receivedAt: Date | undefined;
}

/** Fetches the given messages in UID order, a batch at a time; messages expunged meanwhile are left out. */
export async function* fetchMessages(
  client: ImapFlow,
  uids: readonly number[],
): AsyncGenerator<FetchedMessage> {
  for (let start = 0; start < uids.length; start += FETCH_BATCH) {
    const batch = uids.slice(start, start + FETCH_BATCH);
    const fetched = await client.fetchAll(
      batch,
      { uid: true, internalDate: true, source: { maxLength: MAX_SOURCE_BYTES } },
      { uid: true },
    );
    fetched.sort((a, b) => a.uid - b.uid);
    for (const message of fetched) {
      if (!message.source) continue;
      const receivedAt = message.internalDate instanceof Date ? message.internalDate : undefined;
      yield { uid: message.uid, source: message.source, receivedAt };
    }
  }
}

function filterQuery(filter: EmailFilter | undefined): SearchObject | undefined {
  if (filter === undefined) return undefined;
  const query: SearchObject = {};
  if (filter.from !== undefined) query.from = filter.from;
  if (filter.subjectContains !== undefined) query.subject = filter.subjectContains;
  if (filter.unseenOnly === true) query.seen = false;
  return Object.keys(query).length === 0 ? undefined : query;
}
