import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  build: {
    // Charts are the bulk of the bundle; keep them in a chunk of their own so the board loads without them.
    rollupOptions: { output: { manualChunks: { charts: ["recharts"] } } },
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: { "/graphql": { target: "http://127.0.0.1:4000", ws: true } } },
});
