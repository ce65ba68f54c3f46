import {
  type BoundDevice,
  createKooDriveClient,
  type KooDriveClient,
  KooDriveError,
  type KooDriveRetryEvent,
} from '@koodrive-device/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

/** How the page reaches KooDrive: the same origin in both modes (mocked in demo mode, proxied in real mode). */
export interface Connection {
  baseUrl: string;
  accessToken: string;
  userId: string;
  /** Per attempt (default: the client's 10 s). */
  timeoutMs?: number;
  /** A fetch implementation (tests); default the global `fetch`. */
  fetch?: typeof fetch;
}

export type DevicesState =
  | { status: 'loading'; retry?: { attempt: number; maxAttempts: number } }
  | { status: 'success'; devices: readonly BoundDevice[] }
  | { status: 'error'; error: unknown };

export interface UseDevices {
  state: DevicesState;
  /** Loads again (Retry, Reload, a scenario switch). Cancels a load in flight. */
  reload: () => void;
  /** Incremented by every `reload()` (0 for the first load). */
  generation: number;
}

/** Lists the bound devices with `@koodrive-device/client`, tracking loading / success / error. */
export function useDevices(connection: Connection): UseDevices {
  const [state, setState] = useState<DevicesState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  // The client's onRetry hook tells when it retries (a 503 with Retry-After, say): show it while loading.
  const onRetry = useRef<(event: KooDriveRetryEvent) => void>(() => {});

  const { baseUrl, accessToken, userId, timeoutMs, fetch } = connection;
  const client: KooDriveClient = useMemo(() => {
    return createKooDriveClient({
      baseUrl,
      accessToken,
      userId,
      onRetry: (event) => onRetry.current(event),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(fetch === undefined ? {} : { fetch }),
    });
  }, [baseUrl, accessToken, userId, timeoutMs, fetch]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger.
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    onRetry.current = ({ attempt, maxAttempts }) => {
      if (!controller.signal.aborted) setState({ status: 'loading', retry: { attempt, maxAttempts } });
    };
    client.listBoundDevices({ signal: controller.signal }).then(
      (devices) => {
        if (!controller.signal.aborted) setState({ status: 'success', devices });
      },
      (error: unknown) => {
        if (controller.signal.aborted && error instanceof KooDriveError && error.kind === 'aborted') return;
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [client, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { state, reload, generation };
}
