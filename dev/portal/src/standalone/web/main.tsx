import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { StandaloneApp } from './StandaloneApp';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// On the home page #root already holds its first paint (homeShell.tsx, written at build time); the
// app renders the same frame over it, and emotion keeps the styles that came with it.
createRoot(root).render(
  <StrictMode>
    <BrowserRouter
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      <StandaloneApp />
    </BrowserRouter>
  </StrictMode>,
);
