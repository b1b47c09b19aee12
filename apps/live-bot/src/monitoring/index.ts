export type { AssetSnapshot, BotSnapshot, FillSnapshot } from './bot-snapshot.js';
export {
  DiscordNotifier,
  discordNotifierFromBotConfig,
  discordNotifierConfigSchema,
  redactSecrets,
  type DiscordEmbed,
  type DiscordNotifierConfig,
  type DiscordNotifierConfigInput,
  type DiscordNotifierDeps,
  type DiscordNotifierStats,
  type DiscordWebhookBody,
  type NotificationOutcome,
  type NotifierTiming,
} from './discord-notifier.js';
export { MonitoringMetrics, RISK_STATUS_LEVEL, type MonitoringMetricsOptions } from './monitoring-metrics.js';
export { startMonitoringServer, type MonitoringServer, type MonitoringServerOptions } from './monitoring-server.js';
export { DASHBOARD_CONTENT_SECURITY_POLICY, renderDashboardPage } from './dashboard-page.js';
export { parsePrometheusText, sampleValue, type PrometheusFamily, type PrometheusSample } from './prometheus-text.js';
export { fillSnapshotFromEvent, RecentFills } from './fill-snapshot.js';
export { buildBotSnapshot, riskOfDecision, type SnapshotSources } from './build-bot-snapshot.js';
export {
  historyPointOf,
  RingBuffer,
  SnapshotHistory,
  type AssetHistoryPoint,
  type BotHistory,
  type HistoryPoint,
} from './snapshot-history.js';
