/** 400 with a field-by-field message (CONTRACT.md), from a zod error. */
import type { Response } from 'express';
import type { z } from 'zod';

export function sendValidationError(res: Response, error: z.ZodError): void {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || 'body';
    fields[path] ??= issue.message;
  }
  res.status(400).json({ error: 'invalid request', fields });
}
