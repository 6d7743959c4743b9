import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const devRoot = path.dirname(fileURLToPath(import.meta.url));

/**
 * The standalone portal's web app. `npm start` serves its production build (dev/portal/dist/web, built by
 * src/standalone/webBuild.ts when missing or stale; `npm run build` forces one); `npm run dev` and the browser
 * tests run it as Vite middleware inside the portal's express server, with hot reload. Either way the API is
 * at /api/gcp-serverless on the same origin.
 */
export default defineConfig({
  root: path.join(devRoot, 'src/standalone/web'),
  plugins: [react()],
  build: {
    outDir: path.join(devRoot, 'dist/web'),
    emptyOutDir: true,
    // recharts + MUI make one large vendor chunk; that is expected for this app.
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // A comment Rollup cannot place in a dependency's code (zod's) is dropped, which changes nothing
      // in what runs; said on every build it would only hide the warnings that matter.
      onwarn(warning, warn) {
        if (
          warning.code === 'INVALID_ANNOTATION' &&
          warning.id?.includes('/node_modules/')
        )
          return;
        warn(warning);
      },
    },
  },
});
