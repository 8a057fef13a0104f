/**
 * The one file that talks HTTP to the Zalo OA API (as grammY's core/client.ts does for Telegram).
 * The body's `error` decides, never the HTTP status. Retries are decided from the error class:
 * network trouble and -32 back off exponentially; a token error refreshes once and retries once;
 * everything else is thrown to the caller, who knows whether to skip, delay or give up.
 */
import axios, { type AxiosInstance } from 'axios';
import type { Logger } from '../../logger';
import { hashId } from '../../logger';
import type { Metrics } from '../../metrics';
import { backoffDelay } from '../backoff';
import { ZaloApiError, ZaloHttpError, isZaloApiError } from './errors';
import type { InteractionLedger } from './interaction-ledger';
import type { TokenStore } from './token-store';

export interface ZaloButton {
  title: string;
  type: 'oa.open.url' | 'oa.query.show' | 'oa.query.hide' | 'oa.open.phone' | 'oa.open.sms';
  payload: string | Record<string, string>;
}

export interface ZaloOutboundMessage {
  text?: string;
  buttons?: ZaloButton[];
  imageUrl?: string;
  quoteMessageId?: string;
}

/**
 * Told about every send, before and after, whichever feature sent it: Zalo echoes each one back
 * (`oa_send_*`), and an echo nobody announced means a human officer wrote in OA Manager.
 */
export interface SendObserver {
  beforeSend(userId: string, text: string | undefined): Promise<void>;
  afterSend(userId: string, messageId: string): Promise<void>;
}

export interface ZaloOaClientOptions {
  apiBase: string;
  timeoutMs: number;
  /** Tries per call for transient failures (network, 5xx, -32). */
  attempts: number;
  /** Zalo sources disagree on `template_type: "button"` in button messages: a switch. */
  buttonTemplateType: boolean;
  sleep?: (ms: number) => Promise<void>;
}

interface Envelope<T> {
  error?: number;
  message?: string;
  data?: T;
}

/** Network errors raised before a request could reach Zalo: safe to send again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class ZaloOaClient {
  private readonly http: AxiosInstance;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly options: ZaloOaClientOptions,
    private readonly tokens: TokenStore,
    private readonly ledger: InteractionLedger,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
    private readonly observer?: SendObserver,
  ) {
    this.http = axios.create({ baseURL: options.apiBase, timeout: options.timeoutMs, validateStatus: () => true });
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** A consultation message (the normal reply). Returns Zalo's message id. */
  async sendConsultation(userId: string, message: ZaloOutboundMessage): Promise<string> {
    await this.observer?.beforeSend(userId, message.text);
    const data = await this.call<{ message_id?: string }>(
      '/v3.0/oa/message/cs',
      {
        recipient: { user_id: userId },
        message: this.toZaloMessage(message),
      },
      userId,
    );
    const messageId = data?.message_id ?? '';
    await this.noteSent(userId, messageId);
    return messageId;
  }

  /** A template message by user id (ZBS), for pushes outside the 7-day window. */
  async sendTemplate(userId: string, templateId: string, templateData: Record<string, string>): Promise<string> {
    await this.observer?.beforeSend(userId, undefined);
    const data = await this.call<{ message_id?: string; msg_id?: string }>(
      '/v3.0/oa/message/template',
      { user_id: userId, template_id: templateId, template_data: templateData },
      userId,
    );
    const messageId = data?.message_id ?? data?.msg_id ?? '';
    await this.noteSent(userId, messageId);
    return messageId;
  }

  /**
   * The message is out: failing to note it (Redis dropped just then) must not fail the send, or
   * the retry of the event would send it again. Its echo still matches by the text noted before.
   */
  private async noteSent(userId: string, messageId: string): Promise<void> {
    await this.observer
      ?.afterSend(userId, messageId)
      .catch((err: Error) => this.logger.warn({ user: hashId(userId), err: err.message }, 'could not note a sent message'));
  }

  /** POSTs to the OA API with the token, retrying per the error class. */
  call<T>(endpoint: string, body: unknown, userId?: string): Promise<T | undefined> {
    return this.withRetries(endpoint, userId, (token) => this.request<T>(endpoint, token, { method: 'POST', data: body }));
  }

  /** GETs from the OA API's read endpoints, which take their parameters as `?data=<JSON>`; retried like `call`. */
  query<T>(endpoint: string, data: unknown): Promise<T | undefined> {
    return this.withRetries(endpoint, undefined, (token) =>
      this.request<T>(endpoint, token, { method: 'GET', params: { data: JSON.stringify(data) } }),
    );
  }

  private async withRetries<T>(
    endpoint: string,
    userId: string | undefined,
    send: (token: string) => Promise<T | undefined>,
  ): Promise<T | undefined> {
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      const token = (await this.tokens.current()).accessToken;
      try {
        const data = await send(token);
        this.metrics.sends.inc({ endpoint, result: 'ok', code: '0' });
        return data;
      } catch (err) {
        this.count(endpoint, err);
        if (isZaloApiError(err) && err.errorClass === 'token' && !refreshed) {
          refreshed = true;
          await this.tokens.refresh(token, `api ${err.code}`);
          attempt -= 1; // the refresh retry is not a transient-failure attempt
          continue;
        }
        if (isZaloApiError(err) && err.errorClass === 'outside_window' && userId) {
          await this.ledger.markClosed(userId).catch(() => undefined);
        }
        if (!this.isTransient(err) || attempt >= this.options.attempts) throw err;
        const delay = backoffDelay(attempt);
        this.logger.warn({ endpoint, attempt, delay, user: userId && hashId(userId), err: (err as Error).message }, 'zalo call retry');
        await this.sleep(delay);
      }
    }
  }

  private async request<T>(
    endpoint: string,
    token: string,
    config: { method: 'GET' | 'POST'; data?: unknown; params?: Record<string, string> },
  ): Promise<T | undefined> {
    let res;
    try {
      res = await this.http.request<Envelope<T>>({ url: endpoint, ...config, headers: { access_token: token } });
    } catch (err) {
      const code = axios.isAxiosError(err) ? (err.code ?? err.message) : String(err);
      throw new ZaloHttpError(endpoint, undefined, code, !NOT_SENT.has(code));
    }
    if (res.status >= 500 || typeof res.data !== 'object' || res.data === null) {
      throw new ZaloHttpError(endpoint, res.status, 'no JSON envelope');
    }
    const code = Number(res.data.error ?? 0);
    if (code !== 0) throw new ZaloApiError(code, endpoint, res.data.message ?? '');
    return res.data.data;
  }

  /** Only failures that certainly did not deliver are retried: a blind resend may double a message. */
  private isTransient(err: unknown): boolean {
    if (err instanceof ZaloHttpError) return !err.ambiguous;
    return isZaloApiError(err) && err.errorClass === 'rate_limited';
  }

  private count(endpoint: string, err: unknown): void {
    const code = isZaloApiError(err) ? String(err.code) : err instanceof ZaloHttpError ? `http_${err.status ?? 'none'}` : 'other';
    this.metrics.sends.inc({ endpoint, result: 'error', code });
  }

  private toZaloMessage(message: ZaloOutboundMessage): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (message.text !== undefined) out.text = message.text;
    if (message.quoteMessageId) out.quote_message_id = message.quoteMessageId;
    if (message.imageUrl) {
      out.attachment = {
        type: 'template',
        payload: { template_type: 'media', elements: [{ media_type: 'image', url: message.imageUrl }] },
      };
    } else if (message.buttons?.length) {
      const payload: Record<string, unknown> = { buttons: message.buttons };
      if (this.options.buttonTemplateType) payload.template_type = 'button';
      out.attachment = { type: 'template', payload };
    }
    return out;
  }
}
