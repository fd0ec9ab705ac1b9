using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Proxy.Core.Approvals;
using Proxy.Core.Policy;
using Proxy.Core.SessionLog;
using Proxy.Host.Configuration;

namespace Proxy.Host.Admin;

/// <summary>
/// The admin API's JSON, written field by field with <see cref="Utf8JsonWriter"/> straight into the response:
/// no reflection serializer to start up, and the field names (snake_case, as in docs/audit-format.md) are fixed here.
/// </summary>
internal static class AdminJson
{
    /// <summary>SQL text and names stay readable; the API serves JSON, never HTML.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions))
        {
            write(writer);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>200 with `{"NAME": [ … ]}`.</summary>
    public static Task WriteListAsync<T>(HttpContext context, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem) =>
        WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray(name);
            foreach (var item in items)
            {
                writeItem(writer, item);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    public static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("status", status);
            writer.WriteString("error", message);
            writer.WriteEndObject();
        });

    public static void Session(Utf8JsonWriter writer, SessionSummary session)
    {
        writer.WriteStartObject();
        writer.WriteString("id", session.Id);
        writer.WriteString("listener", session.Listener);
        writer.WriteString("protocol", session.Protocol);
        writer.WriteString("client", session.ClientEndpoint);
        writer.WriteString("upstream", session.UpstreamEndpoint);
        OptionalString(writer, "identity", session.Identity);
        writer.WriteString("started_at", session.StartedAt);
        writer.WriteBoolean("open", session.EndedAt is null);
        if (session.EndedAt is { } ended)
        {
            writer.WriteString("ended_at", ended);
            OptionalString(writer, "close_reason", session.CloseReason);
            OptionalString(writer, "close_detail", session.CloseDetail);
            OptionalNumber(writer, "bytes_from_client", session.BytesFromClient);
            OptionalNumber(writer, "bytes_from_upstream", session.BytesFromUpstream);
            if (session.DurationMs is { } duration)
            {
                writer.WriteNumber("duration_ms", duration);
            }
        }

        writer.WriteEndObject();
    }

    public static void Approval(Utf8JsonWriter writer, ApprovalRequest request)
    {
        var ask = request.Ask;
        writer.WriteStartObject();
        writer.WriteString("id", request.Id);
        writer.WriteString("state", ApprovalNames.State(request.State));
        writer.WriteString("session_id", ask.SessionId);
        writer.WriteString("requester", ask.Requester);
        OptionalString(writer, "database", ask.Database);
        writer.WriteString("statement", ask.Statement);
        writer.WriteString("fingerprint", ask.Fingerprint);
        writer.WriteString("rule", ask.RuleId);
        OptionalString(writer, "rule_message", ask.RuleMessage);
        writer.WriteString("approver_group", ask.ApproverGroup);
        writer.WriteString("mode", ApprovalNames.Mode(ask.Mode));
        writer.WriteString("timeout", Duration.Format(ask.Timeout));
        if (ask.Mode == ApprovalMode.Retry)
        {
            writer.WriteString("grant", Duration.Format(ask.Grant));
        }

        writer.WriteString("requested_at", request.RequestedAt);
        writer.WriteString("expires_at", request.ExpiresAt);
        OptionalString(writer, "decided_by", request.DecidedBy);
        if (request.DecidedAt is { } decidedAt)
        {
            writer.WriteString("decided_at", decidedAt);
        }

        OptionalString(writer, "reason", request.Reason);
        writer.WriteEndObject();
    }

    public static void ReloadStatus(Utf8JsonWriter writer, PolicyReloadStatus status)
    {
        writer.WriteStartObject();
        writer.WriteString("at", status.Time);
        writer.WriteString("trigger", status.Trigger);
        writer.WriteBoolean("succeeded", status.Succeeded);
        writer.WriteNumber("rules", status.Rules);
        writer.WriteStartArray("diagnostics");
        foreach (var diagnostic in status.Diagnostics)
        {
            writer.WriteStartObject();
            writer.WriteString("severity", diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning");
            writer.WriteString("text", diagnostic.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The wire name of a state, as the `state` query parameter takes it and the session log writes it.</summary>
    public static readonly ApprovalState[] States = Enum.GetValues<ApprovalState>();

    private static void OptionalString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void OptionalNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
