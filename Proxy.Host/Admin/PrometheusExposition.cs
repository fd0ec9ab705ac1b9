using System.Globalization;
using System.Text;
using Proxy.Core.Approvals;
using Proxy.Core.Diagnostics;
using Proxy.Core.SessionLog;

namespace Proxy.Host.Admin;

/// <summary>What one scrape reports besides the data path's counters: read from their owners at scrape time.</summary>
internal sealed record ScrapeSources(
    MetricsSnapshot Counters,
    SessionLogHealth SessionLog,
    int PolicyRules,
    int PolicyReloads,
    int PolicyReloadFailures,
    IReadOnlyList<ApprovalRequest>? Approvals);

/// <summary>
/// Prometheus text exposition format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats): a `# HELP` and a
/// `# TYPE` line per family, then its samples; histogram buckets are cumulative and end with `le="+Inf"`.
/// </summary>
internal static class PrometheusExposition
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(ScrapeSources sources)
    {
        var text = new StringBuilder(4096);
        var counters = sources.Counters;
        Family(text, "proxy_sessions_open", "gauge", "Client sessions open now.");
        Sample(text, "proxy_sessions_open", null, counters.SessionsOpen);
        Family(text, "proxy_sessions_total", "counter", "Client sessions accepted since the proxy started (refused ones included).");
        Sample(text, "proxy_sessions_total", null, counters.SessionsTotal);

        Family(text, "proxy_statements_total", "counter", "Statements recorded, by the policy's decision.");
        Sample(text, "proxy_statements_total", "decision=\"allow\"", counters.StatementsAllowed);
        Sample(text, "proxy_statements_total", "decision=\"approve\"", counters.StatementsApprove);
        Sample(text, "proxy_statements_total", "decision=\"block\"", counters.StatementsBlocked);

        Family(text, "proxy_statement_duration_seconds", "histogram", "From a statement reaching the proxy to its answer (or refusal) leaving it.");
        long cumulative = 0;
        for (var i = 0; i < ProxyMetrics.LatencyBucketBounds.Length; i++)
        {
            cumulative += counters.LatencyBuckets[i];
            Sample(text, "proxy_statement_duration_seconds_bucket", "le=\"" + Number(ProxyMetrics.LatencyBucketBounds[i]) + "\"", cumulative);
        }

        cumulative += counters.LatencyBuckets[^1];
        Sample(text, "proxy_statement_duration_seconds_bucket", "le=\"+Inf\"", cumulative);
        text.Append("proxy_statement_duration_seconds_sum ").Append(Number(counters.LatencySumSeconds)).Append('\n');
        Sample(text, "proxy_statement_duration_seconds_count", null, cumulative);

        Family(text, "proxy_session_log_queue_depth", "gauge", "Session-log events queued or being committed.");
        Sample(text, "proxy_session_log_queue_depth", null, sources.SessionLog.QueueDepth);
        Family(text, "proxy_session_log_dropped_events_total", "counter", "Session-log events dropped because the queue was full.");
        Sample(text, "proxy_session_log_dropped_events_total", null, sources.SessionLog.DroppedEvents);
        Family(text, "proxy_session_log_healthy", "gauge", "1 while the session log commits, 0 while it is failing.");
        Sample(text, "proxy_session_log_healthy", null, sources.SessionLog.IsHealthy ? 1 : 0);

        Family(text, "proxy_policy_rules", "gauge", "Rules in the policy in force.");
        Sample(text, "proxy_policy_rules", null, sources.PolicyRules);
        Family(text, "proxy_policy_reloads_total", "counter", "Policy reloads attempted (file change, SIGHUP, admin API).");
        Sample(text, "proxy_policy_reloads_total", null, sources.PolicyReloads);
        Family(text, "proxy_policy_reload_failures_total", "counter", "Policy reloads rejected; the previous policy stayed in force.");
        Sample(text, "proxy_policy_reload_failures_total", null, sources.PolicyReloadFailures);

        if (sources.Approvals is { } approvals)
        {
            Family(text, "proxy_approvals", "gauge", "Approval requests the running proxy holds, by state (pending, or how they ended).");
            foreach (var state in AdminJson.States)
            {
                Sample(text, "proxy_approvals", "state=\"" + ApprovalNames.State(state) + "\"", approvals.Count(a => a.State == state));
            }
        }

        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string? labels, long value)
    {
        text.Append(name);
        if (labels is not null)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
