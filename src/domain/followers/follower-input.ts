/**
 * The body of `PUT /api/v1/followers/<id>` and one CSV row → a change with the village and topics
 * as the commune profile spells them. Shape and profile lookups are one schema, so a bad request
 * names every field at fault at once. Shared by the API and the CSV import so that both accept
 * exactly the same names.
 */
import { z } from 'zod';
import { LOCALES } from '../../i18n';
import type { CommuneProfile } from '../commune/commune-profile';
import { topicIdsSchema, villageNameSchema } from '../commune/name-schemas';

const TOPICS_MAX = 50;

/** `village: null` clears the village. The output is a `FollowerChange`. */
export function followerChangeSchema(commune: CommuneProfile) {
  return z.strictObject({
    village: villageNameSchema(commune).nullable().optional(),
    topics: topicIdsSchema(commune, TOPICS_MAX).optional(),
    locale: z.enum(LOCALES).optional(),
  });
}
