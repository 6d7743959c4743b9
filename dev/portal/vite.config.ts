import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const devRoot = path.dirname(fileURLToPath(import.meta.url));

/**
 * The standalone portal's web app. `npm start` runs it as Vite middleware inside the portal's express
 * server (API at /api/gcp-serverless on the same origin); `npm run build` writes dev/portal/dist/web for
 * `--prebuilt`.
 */
export default defineConfig({
  root: path.join(devRoot, 'src/standalone/web'),
  plugins: [react()],
  build: {
    outDir: path.join(devRoot, 'dist/web'),
    emptyOutDir: true,
    // recharts + MUI make one large vendor chunk; that is expected for this app.
    chunkSizeWarningLimit: 2000,
  },
});
