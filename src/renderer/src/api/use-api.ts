import { useContext, useEffect, useState } from 'react';
import type { AppApi } from '../../../shared/contract/index.ts';
import { ApiContext } from './api-context.ts';
import type { ConnectionState } from './ws-transport.ts';

/** The contract api; the rest of the renderer does not know which transport carries it. */
export function useApi(): AppApi {
  const picked = useContext(ApiContext);
  if (!picked) throw new Error('useApi outside <ApiContext.Provider>');
  return picked.api;
}

/** `open` over Electron IPC (always there); the socket's state in serve mode. */
export function useConnectionState(): ConnectionState {
  const picked = useContext(ApiContext);
  const connection = picked?.connection;
  const [state, setState] = useState<ConnectionState>(() => connection?.state() ?? 'open');
  useEffect(() => {
    if (!connection) return undefined;
    setState(connection.state());
    const subscription = connection.onStateChange(setState);
    return () => subscription.dispose();
  }, [connection]);
  return state;
}
