import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { askForList } from "./lib/state/actions";

async function boot(): Promise<void> {
  performance.mark("tidings-boot");
  // Follow the OS scheme for the first paint; the stored setting takes over once loaded.
  document.documentElement.dataset.theme = window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  // `npm run dev` in a plain browser has no Tauri backend: stand in a fake library.
  // Vite drops this branch (and the module) from production builds.
  if (import.meta.env.DEV && !("__TAURI_INTERNALS__" in window)) {
    await import("./dev/mock");
  }
  const target = document.getElementById("app");
  if (!target) return;
  askForList();
  mount(App, { target });
}

void boot();
