import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/api-context.ts';
import { pickTransport } from './api/pick-transport.ts';
import { App } from './app.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <ApiContext.Provider value={pickTransport()}>
      <App />
    </ApiContext.Provider>
  </StrictMode>,
);
