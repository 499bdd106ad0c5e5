import type { RefreshProgress, RefreshReport } from "../bindings";
import {
  INITIAL_STATUS,
  OFFLINE_LABEL,
  onFinished,
  onProgress,
  outcomeLabel,
  progressLabel,
  type RefreshStatus,
} from "../logic/refresh";

/** Refresh progress and connectivity, fed by refresh-progress/refresh-finished events and
 * by the reports our own refresh_feeds calls return (the same report may come both ways). */
export class RefreshState {
  status = $state.raw<RefreshStatus>(INITIAL_STATUS);

  progress = $derived(progressLabel(this.status));
  outcome = $derived(outcomeLabel(this.status));
  offline = $derived(this.status.offline);
  offlineLabel = OFFLINE_LABEL;

  get running(): boolean {
    return this.status.running;
  }

  onProgress(p: RefreshProgress): void {
    this.status = onProgress(this.status, p);
  }

  onFinished(report: RefreshReport, now: Date = new Date()): void {
    this.status = onFinished(this.status, report, now);
  }

  /** Something reached the network (a feed was added): we are not offline. */
  markOnline(): void {
    if (this.status.offline) this.status = { ...this.status, offline: false };
  }

  /** Our own refresh_feeds call started (before the first progress event arrives). */
  begin(): void {
    if (!this.status.running) this.status = { ...this.status, running: true, done: 0, total: 0 };
  }

  /** Our own refresh_feeds call failed outright. */
  abort(): void {
    this.status = { ...this.status, running: false };
  }
}

export const refresh = new RefreshState();
