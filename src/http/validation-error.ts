/**
 * 400 with a field-by-field message (docs/contract.md `{error, fields}`), from a zod error or from
 * fields a route gathered itself, and the JSON body a route validates. A body that is not a JSON
 * object is answered the same way, naming `body`: malformed JSON or a top-level value other than
 * an object or array (refused by express.json, answered by the error handler through
 * `isUnparsableBody`/`sendUnparsableBody`), an array, or a body sent as something other than JSON.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { BODY_NOT_OBJECT, inputFields, type InputFields } from '../domain/input-fields';

export function sendFieldErrors(res: Response, fields: InputFields): void {
  res.status(400).json({ error: 'invalid request', fields });
}

export function sendValidationError(res: Response, error: z.ZodError): void {
  sendFieldErrors(res, inputFields(error));
}

const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * The body to validate: `{}` when none was sent; `null` (not an object, so the schema names `body`)
 * when one was sent that express.json did not read — another content type.
 */
export function jsonBody(req: Request): unknown {
  if (req.body !== undefined) return req.body;
  return hasBody(req) ? null : {};
}

/** express.json refused the body: malformed JSON, or a top-level string, number or null. */
export function isUnparsableBody(err: unknown): boolean {
  return (err as { type?: unknown } | undefined)?.type === 'entity.parse.failed';
}

export function sendUnparsableBody(res: Response): void {
  sendFieldErrors(res, { body: `${BODY_NOT_OBJECT} (it could not be read as JSON)` });
}
