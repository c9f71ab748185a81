import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { SessionProvider } from './auth/session';
import { I18nProvider, ready } from './i18n';
import { CartProvider } from './lib/cart';
import './styles.css';
import './styles-week.css';

// the first render waits for the catalog of the person's language (English is in the bundle; the others load)
void ready.finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider>
        <SessionProvider>
          <CartProvider>
            <App />
          </CartProvider>
        </SessionProvider>
      </I18nProvider>
    </StrictMode>,
  ),
);

// Installable and opens without signal (issue #31): the service worker the build makes (vite.config.ts); never in dev
if (__SERVICE_WORKER__ && 'serviceWorker' in navigator)
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
