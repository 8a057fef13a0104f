/**
 * Builders of webhook events shaped like the ones Zalo really sends (docs/zalo-platform.md §1), for the
 * simulator, the fake's echoes, tests and benchmarks. Every id and the timestamp are strings,
 * exactly as on the wire: user ids exceed 2^53, so a builder that produced numbers would hide the
 * very bug the fixtures exist to catch.
 */
import { randomBytes } from 'node:crypto';
import { signatureHeader } from '../edge/zalo/signature';

export interface ZaloAttachment {
  type: string;
  payload: Record<string, unknown>;
}

export interface ZaloEventMessage {
  msg_id?: string;
  text?: string;
  attachments?: ZaloAttachment[];
  quote_msg_id?: string;
  msg_ids?: string[];
}

/** Events with a sender and a recipient: user → OA, and the reversed OA → user echoes/receipts. */
export interface ZaloMessageEvent {
  event_name: string;
  app_id: string;
  sender: { id: string };
  recipient: { id: string };
  message: ZaloEventMessage;
  timestamp: string;
  user_id_by_app?: string;
}

export interface ZaloFollowEvent {
  oa_id: string;
  follower: { id: string };
  event_name: 'follow' | 'unfollow';
  source: string;
  app_id: string;
  timestamp: string;
}

export interface ZaloChatNowEvent {
  user_id: string;
  oa_id: string;
  app_id: string;
  event_name: 'user_click_chatnow';
  timestamp: string;
}

export type ZaloEvent = ZaloMessageEvent | ZaloFollowEvent | ZaloChatNowEvent;

export interface SubjectParams {
  appId: string;
  oaId: string;
  userId: string;
  timestamp?: string;
}

export interface UserMessageParams extends SubjectParams {
  msgId?: string;
  userIdByApp?: string;
}

/** Zalo's msg_id is 20 hex digits in every published sample. */
function randomMsgId(): string {
  return randomBytes(10).toString('hex');
}

function stamp(timestamp: string | undefined): string {
  return timestamp ?? String(Date.now());
}

function userMessageEvent(eventName: string, p: UserMessageParams, message: ZaloEventMessage): ZaloMessageEvent {
  const event: ZaloMessageEvent = {
    event_name: eventName,
    app_id: p.appId,
    sender: { id: p.userId },
    recipient: { id: p.oaId },
    message: { ...message, msg_id: p.msgId ?? randomMsgId() },
    timestamp: stamp(p.timestamp),
  };
  if (p.userIdByApp !== undefined) event.user_id_by_app = p.userIdByApp;
  return event;
}

/** `caption` lands in message.text, where Zalo puts the text typed along with a media message. */
function withCaption(attachment: ZaloAttachment, caption: string | undefined): ZaloEventMessage {
  return caption === undefined ? { attachments: [attachment] } : { text: caption, attachments: [attachment] };
}

export function userTextEvent(p: UserMessageParams & { text: string; quoteMsgId?: string }): ZaloMessageEvent {
  const message: ZaloEventMessage = { text: p.text };
  if (p.quoteMsgId !== undefined) message.quote_msg_id = p.quoteMsgId;
  return userMessageEvent('user_send_text', p, message);
}

export function userImageEvent(p: UserMessageParams & { url: string; thumbnail?: string; caption?: string }): ZaloMessageEvent {
  const attachment = { type: 'image', payload: { url: p.url, thumbnail: p.thumbnail ?? p.url } };
  return userMessageEvent('user_send_image', p, withCaption(attachment, p.caption));
}

export function userLocationEvent(
  p: UserMessageParams & { latitude: number | string; longitude: number | string; caption?: string },
): ZaloMessageEvent {
  // Coordinates travel as strings in the published samples, like everything else in these events.
  const coordinates = { latitude: String(p.latitude), longitude: String(p.longitude) };
  const attachment = { type: 'location', payload: { coordinates } };
  return userMessageEvent('user_send_location', p, withCaption(attachment, p.caption));
}

export function userFileEvent(
  p: UserMessageParams & { url: string; name: string; size: number | string; fileType: string },
): ZaloMessageEvent {
  const payload = { url: p.url, name: p.name, size: String(p.size), type: p.fileType };
  return userMessageEvent('user_send_file', p, { attachments: [{ type: 'file', payload }] });
}

export function userStickerEvent(p: UserMessageParams & { stickerId: string; url: string }): ZaloMessageEvent {
  const payload = { id: p.stickerId, url: p.url };
  return userMessageEvent('user_send_sticker', p, { attachments: [{ type: 'sticker', payload }] });
}

function followerEvent(eventName: 'follow' | 'unfollow', p: SubjectParams): ZaloFollowEvent {
  return {
    oa_id: p.oaId,
    follower: { id: p.userId },
    event_name: eventName,
    source: 'oa_profile',
    app_id: p.appId,
    timestamp: stamp(p.timestamp),
  };
}

export function followEvent(p: SubjectParams): ZaloFollowEvent {
  return followerEvent('follow', p);
}

export function unfollowEvent(p: SubjectParams): ZaloFollowEvent {
  return followerEvent('unfollow', p);
}

export function chatNowEvent(p: SubjectParams): ZaloChatNowEvent {
  return {
    user_id: p.userId,
    oa_id: p.oaId,
    app_id: p.appId,
    event_name: 'user_click_chatnow',
    timestamp: stamp(p.timestamp),
  };
}

/** Echo of a message the OA sent: the direction is reversed (sender = OA, recipient = user). */
export function oaSendTextEvent(p: SubjectParams & { text: string; msgId: string }): ZaloMessageEvent {
  return {
    event_name: 'oa_send_text',
    app_id: p.appId,
    sender: { id: p.oaId },
    recipient: { id: p.userId },
    message: { text: p.text, msg_id: p.msgId },
    timestamp: stamp(p.timestamp),
  };
}

/** Read receipt: reversed direction like the echoes, and a batch of msg_ids instead of one msg_id. */
export function userSeenEvent(p: SubjectParams & { msgIds: string[] }): ZaloMessageEvent {
  return {
    event_name: 'user_seen_message',
    app_id: p.appId,
    sender: { id: p.oaId },
    recipient: { id: p.userId },
    message: { msg_ids: [...p.msgIds] },
    timestamp: stamp(p.timestamp),
  };
}

export interface SignedRequest {
  body: Buffer;
  headers: { 'content-type': 'application/json'; 'x-zevent-signature': string };
}

/** The exact bytes and headers Zalo would POST: compact JSON, signed over those very bytes. */
export function signedRequest(event: { timestamp: string }, keys: { appId: string; oaSecretKey: string }): SignedRequest {
  const body = Buffer.from(JSON.stringify(event), 'utf8');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-zevent-signature': signatureHeader(keys.appId, body, event.timestamp, keys.oaSecretKey),
    },
  };
}
