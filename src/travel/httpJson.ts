import { errorText } from '../i18n/warningText.js';
import { TravelOutageError, TravelRequestError, type TravelErrorContext } from './travelErrors.js';

/** An HTTP answer below 500 with its parsed JSON body (null when the body was not JSON). */
export interface JsonReply {
  status: number;
  body: unknown;
}

/**
 * One HTTP request to a travel service, bounded by `signal`: a network failure, a timeout, HTTP
 * 429 or any 5xx is a TravelOutageError (worth a retry); a 2xx body that is not JSON is a
 * TravelRequestError. Other statuses are returned for the provider to read its API's error.
 * User and password in the URL are sent as Basic authorization and never appear in messages.
 */
export async function requestJson(
  url: string,
  init: { method: 'GET' | 'POST'; body?: string; signal: AbortSignal },
  context: TravelErrorContext,
): Promise<JsonReply> {
  let response: Response;
  let text: string;
  // fetch refuses URLs with credentials: they travel as a Basic Authorization header instead.
  const target = new URL(url);
  const headers: Record<string, string> =
    init.body === undefined ? {} : { 'content-type': 'application/json' };
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const password = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  try {
    response = await fetch(target, { method: init.method, body: init.body, headers, signal: init.signal });
    text = await response.text();
  } catch (error) {
    const reason = init.signal.aborted
      ? errorText('error.label.travel.timeout')
      : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
    throw new TravelOutageError(context, reason);
  }
  if (response.status >= 500 || response.status === 429)
    throw new TravelOutageError(context, `HTTP ${response.status} ${text.slice(0, 200)}`);
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    if (response.ok)
      throw new TravelRequestError(
        context,
        errorText('error.label.travel.notJson', { status: response.status }),
      );
  }
  return { status: response.status, body };
}

/** The URL without user, password, query or fragment: safe for messages and logs. */
export function safeEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/$/, '')}`;
  } catch {
    return '(invalid URL)';
  }
}
