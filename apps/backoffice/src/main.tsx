import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createApi } from './api/client';
import './styles.css';

const { client, session } = createApi(location.origin, sessionStorage);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} session={session} />
  </StrictMode>,
);
