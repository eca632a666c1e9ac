import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './shared/i18n';
import { useAtlasStore } from './state/atlas-store';
import './app/styles.css';

initI18n(useAtlasStore.getState().language);

const root = document.getElementById('root');
if (!root) throw new Error('client/index.html must contain <div id="root">');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
