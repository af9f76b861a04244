import { createContext } from 'react';
import type { PickedTransport } from './pick-transport.ts';

/** Provided once in main.tsx; read through `useApi`/`useConnectionState`. */
export const ApiContext = createContext<PickedTransport | null>(null);
