import { type Static, Type } from 'typebox';
import { Timestamp, Uuid } from './common';

/** An API key as shown to users: never the key or its hash, only a prefix to recognise it. */
export const ApiKey = Type.Object(
  {
    id: Uuid,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    prefix: Type.String({ description: 'First characters of the key, for display.' }),
    createdAt: Timestamp,
    lastUsedAt: Type.Union([Timestamp, Type.Null()]),
    revokedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { title: 'ApiKey', description: 'An API key (the secret itself is shown only once, at creation).' },
);
/** An API key as shown to users. */
export type ApiKey = Static<typeof ApiKey>;

/** What a client sends to create an API key. */
export const ApiKeyCreate = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { title: 'ApiKeyCreate' },
);
/** Input to create an API key. */
export type ApiKeyCreate = Static<typeof ApiKeyCreate>;

/** The answer to creating an API key: the key in clear, this once. */
export const ApiKeyCreated = Type.Object(
  {
    ...ApiKey.properties,
    key: Type.String({ description: 'The key; store it now, it cannot be shown again.' }),
  },
  { title: 'ApiKeyCreated' },
);
/** A newly created API key with its secret. */
export type ApiKeyCreated = Static<typeof ApiKeyCreated>;
