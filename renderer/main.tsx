performance.mark('rz:main');
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './api';
import { apiQuery, createQueryClient, DataProvider } from './data';
import './styles.css';

// Paint in the OS theme before settings arrive (App then applies settings.theme).
document.documentElement.dataset.theme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

const client = createClient();
const queryClient = createQueryClient();
// The shell's first questions leave before React's first render (App reads the same queries).
void queryClient.prefetchQuery(apiQuery(client, 'status'));
void queryClient.prefetchQuery(apiQuery(client, 'getSettings'));
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DataProvider client={client} queryClient={queryClient}>
      <App client={client} />
    </DataProvider>
  </StrictMode>,
);
