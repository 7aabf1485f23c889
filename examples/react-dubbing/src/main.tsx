import { A2EProvider } from '@a2e-sdk/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';

// No key here: every call goes to this page's own origin, where createA2EProxy adds the server's token.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <A2EProvider baseUrl="">
      <App />
    </A2EProvider>
  </StrictMode>,
);
