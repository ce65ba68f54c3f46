import { KooDriveError, type KooDriveHttpError } from '@koodrive-device/client';

export type DashboardMode = 'demo' | 'real';

/** An error in words a user understands, plus the technical facts for a bug report. */
export interface ErrorDescription {
  /** What happened, in one sentence. */
  title: string;
  /** What to do about it. */
  advice: string;
  /** Technical details (kind, status, code, message), never the access token (the client keeps it out). */
  details: readonly (readonly [string, string])[];
}

/** Codes of the mock's / spec's X-Date rejections (the token was fine; the clock was not). */
const X_DATE_CODES = new Set([401002, 401003]);

function detailsOf(error: KooDriveError): [string, string][] {
  const details: [string, string][] = [['Kind', error.kind]];
  if ('status' in error && error.status !== undefined) details.push(['HTTP status', String(error.status)]);
  if ((error.kind === 'http' || error.kind === 'api') && error.code !== undefined) {
    details.push(['KooDrive code', String(error.code)]);
  }
  if ((error.kind === 'http' || error.kind === 'api') && error.msg !== undefined) {
    details.push(['KooDrive message', error.msg]);
  }
  if (error.kind === 'invalid-response' || error.kind === 'invalid-request') details.push(['Field', error.field]);
  if (error.attempts > 0) details.push(['Attempts', String(error.attempts)]);
  return details;
}

function describeHttp(error: KooDriveHttpError, mode: DashboardMode): Omit<ErrorDescription, 'details'> {
  const { status } = error;
  if (status === 401 && error.code !== undefined && X_DATE_CODES.has(error.code)) {
    return {
      title: "KooDrive rejected the request's time stamp.",
      advice: "Check that this computer's date, time and time zone are set correctly, then retry.",
    };
  }
  if (status === 401) {
    return {
      title: 'Your access token was not accepted: it has expired, been revoked or is missing.',
      advice:
        mode === 'real'
          ? 'Get a new access token, restart the dashboard with KOODRIVE_ACCESS_TOKEN set to it, then retry.'
          : 'Sign in again to get a new access token, then retry.',
    };
  }
  if (status === 403) {
    return {
      title: 'This access token belongs to a different user.',
      advice:
        mode === 'real'
          ? "Set KOODRIVE_USER_ID to the token's own user ID, then retry."
          : 'Sign in as the user whose devices you want to see.',
    };
  }
  if (status === 429) {
    return { title: 'Too many requests in a short time.', advice: 'Wait a minute, then retry.' };
  }
  if (status === 502 || status === 503 || status === 504) {
    return {
      title: 'KooDrive is busy or briefly unavailable.',
      advice: 'This is usually temporary. Wait a moment, then retry.',
    };
  }
  if (status >= 500) {
    return {
      title: 'KooDrive ran into a problem on its side.',
      advice:
        'It was not caused by anything you did. Retry in a moment; if it keeps happening, tell the KooDrive team.',
    };
  }
  if (status === 404) {
    return {
      title: 'The device list was not found at this address.',
      advice: mode === 'real' ? 'Check KOODRIVE_BASE_URL, then restart the dashboard.' : 'Retry in a moment.',
    };
  }
  return {
    title: `KooDrive refused the request (HTTP ${status}).`,
    advice: error.msg === undefined ? 'Retry; if it keeps happening, tell the KooDrive team.' : `It said: ${error.msg}`,
  };
}

export function describeError(error: unknown, mode: DashboardMode): ErrorDescription {
  if (!(error instanceof KooDriveError)) {
    return {
      title: 'Something went wrong while loading your devices.',
      advice: 'Retry; if it keeps happening, reload the page.',
      details: [['Error', error instanceof Error ? error.message : String(error)]],
    };
  }
  const details = detailsOf(error);
  switch (error.kind) {
    case 'http':
      return { ...describeHttp(error, mode), details };
    case 'api':
      return {
        title: 'KooDrive could not list your devices right now.',
        advice: `It said: “${error.msg}”. Retry in a moment.`,
        details,
      };
    case 'network':
      return {
        title: "Can't reach KooDrive.",
        advice:
          mode === 'real'
            ? 'Check your network connection, that the dashboard server is still running and that KOODRIVE_BASE_URL is right, then retry.'
            : 'Check your network connection, then retry.',
        details,
      };
    case 'timeout':
      return {
        title: 'KooDrive took too long to answer.',
        advice: 'The server may be overloaded. Retry in a moment.',
        details,
      };
    case 'invalid-response':
      return {
        title: "KooDrive sent an answer this page can't read.",
        advice: 'The answer did not match the API contract. Retry; if it keeps happening, tell the KooDrive team.',
        details,
      };
    case 'aborted':
      return { title: 'Loading was cancelled.', advice: 'Retry to load your devices.', details };
    case 'access-token':
      return {
        title: 'No access token could be had for this request.',
        advice:
          mode === 'real'
            ? 'Check KOODRIVE_ACCESS_TOKEN, restart the dashboard, then retry.'
            : 'Sign in again, then retry.',
        details,
      };
    case 'invalid-request':
      return {
        title: "This page asked KooDrive for something it can't send.",
        advice: 'Nothing was sent. Reload the page; if it keeps happening, tell the dashboard team.',
        details,
      };
  }
}
