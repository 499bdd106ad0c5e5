import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
  // Tauri prints its own output in the same terminal; clearing would hide it.
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    // WebKitGTK 2.50 (the oldest webview we ship on) handles ES2022 natively.
    target: "es2022",
    outDir: "dist",
  },
  // The state classes use runes, which need Svelte's client runtime even in unit tests.
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
