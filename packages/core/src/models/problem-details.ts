import { type Static, Type } from 'typebox';

/** An error answer in RFC 9457 form (`application/problem+json`). */
export const ProblemDetails = Type.Object(
  {
    type: Type.String({ description: 'URI identifying the problem type.' }),
    title: Type.String({ description: 'Short summary of the problem type.' }),
    status: Type.Integer({ description: 'HTTP status code.' }),
    detail: Type.String({ description: 'What went wrong in this case and how to fix it.' }),
    instance: Type.Optional(Type.String({ description: 'The request path.' })),
    code: Type.Optional(Type.String({ description: 'Stable Agentry error code.' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.String({ description: 'JSON pointer of the bad field.' }),
          message: Type.String(),
        }),
      ),
    ),
  },
  { title: 'ProblemDetails', description: 'An error (RFC 9457).' },
);
/** An RFC 9457 problem document. */
export type ProblemDetails = Static<typeof ProblemDetails>;
