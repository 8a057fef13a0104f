/**
 * What a person may want from the commune's OA. The ids are the contract between the intent data
 * (data/intents.json: examples the commune can extend) and the code that answers each one.
 */
export const INTENTS = [
  'procedure',
  'followup_documents',
  'followup_fee',
  'followup_time',
  'followup_where',
  'followup_online',
  'followup_result',
  'dossier_status',
  'dossier_lost_code',
  'subscribe',
  'unsubscribe',
  'resume',
  'change_village',
  'change_topics',
  'ask_person',
  'commune_address',
  'commune_hours',
  'commune_phone',
  'commune_portal',
  'commune_people',
  'greeting',
  'thanks',
  'complaint',
  'out_of_scope',
  'language',
  'menu',
  'cancel',
] as const;

export type Intent = (typeof INTENTS)[number];

/** A follow-up about the procedure last discussed, and the part of it the person asks about. */
const FOLLOW_UPS = {
  followup_documents: 'documents',
  followup_fee: 'fee',
  followup_time: 'time',
  followup_where: 'where',
  followup_online: 'online',
  followup_result: 'result',
} as const satisfies Partial<Record<Intent, string>>;

export type FollowUpAspect = (typeof FOLLOW_UPS)[keyof typeof FOLLOW_UPS];

export function followUpAspect(intent: Intent): FollowUpAspect | undefined {
  return (FOLLOW_UPS as Partial<Record<Intent, FollowUpAspect>>)[intent];
}
