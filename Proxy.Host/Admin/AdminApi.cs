using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Proxy.Core.Approvals;
using Proxy.Core.Diagnostics;
using Proxy.Core.Policy.Syntax;
using Proxy.Core.SessionLog;
using Proxy.Host.Configuration;
using Proxy.Host.Hosting;

namespace Proxy.Host.Admin;

/// <summary>
/// The admin API's endpoints (docs/admin-api.md). Handlers are plain <see cref="RequestDelegate"/>s: no parameter
/// binding to generate at startup, no serializer; each reads what it needs from the request and writes its JSON.
/// </summary>
/// <remarks>
/// Who may do what: `/healthz` and `/readyz` are open (probes carry no token); `/metrics` is open unless
/// `Admin:MetricsRequireToken`. Every `/api` call needs a bearer token (401 without). Sessions, events, streams and
/// the policy need membership in `Admin:ReadGroups` (any token holder when empty), a reload in
/// `Admin:ReloadGroups`; listing approvals needs only a token, and deciding one is checked by the broker against
/// the request's approver group (403 for anyone else, and for the requester themself).
/// </remarks>
internal sealed partial class AdminApi(
    ProxyOptions options,
    AdminAuthenticator authenticator,
    ISessionLog sessionLog,
    PolicySetup policy,
    ProxyHostedService proxy,
    IApprovalBroker? approvals,
    ProxyMetrics metrics,
    ILogger logger,
    CancellationToken stopping)
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;
    private const int MaxRequestBody = 64 * 1024;

    /// <summary>How often a live stream looks for newly committed events: the log commits at most every few milliseconds.</summary>
    internal static TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan StreamKeepAlive = TimeSpan.FromSeconds(15);

    private AdminOptions Admin => options.Admin!;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Healthz);
        app.MapGet("/readyz", Readyz);
        app.MapGet("/metrics", Metrics);
        app.MapGet("/api/sessions", Reader(ListSessions));
        app.MapGet("/api/sessions/{id}", Reader(GetSession));
        app.MapGet("/api/sessions/{id}/events", Reader(GetEvents));
        app.MapGet("/api/sessions/{id}/stream", Reader(StreamEvents));
        app.MapGet("/api/approvals", Caller(ListApprovals));
        app.MapPost("/api/approvals/{id}/approve", Caller((context, caller) => DecideAsync(context, caller, approve: true)));
        app.MapPost("/api/approvals/{id}/deny", Caller((context, caller) => DecideAsync(context, caller, approve: false)));
        app.MapGet("/api/policy", Caller((context, caller) => Require(context, caller, Admin.ReadGroups, "ReadGroups") ?? GetPolicy(context)));
        app.MapPost("/api/policy/reload", Caller((context, caller) => Require(context, caller, Admin.ReloadGroups, "ReloadGroups") ?? Reload(context, caller)));
    }

    private RequestDelegate Caller(Func<HttpContext, AdminCaller, Task> handler) => context =>
        authenticator.Authenticate(context) is { } caller ? handler(context, caller) : Task.CompletedTask;

    private RequestDelegate Reader(Func<HttpContext, SessionLogReader, Task> handler) => Caller(async (context, caller) =>
    {
        if (Require(context, caller, Admin.ReadGroups, "ReadGroups") is { } refused)
        {
            await refused.ConfigureAwait(false);
            return;
        }

        using var reader = SessionLogReader.Open(options.SessionLogPath);
        await handler(context, reader).ConfigureAwait(false);
    });

    /// <summary>Null when <paramref name="caller"/> is in one of <paramref name="groups"/>; else the 403 being written.</summary>
    private static Task? Require(HttpContext context, AdminCaller caller, System.Collections.Immutable.ImmutableArray<string> groups, string key) =>
        caller.InAny(groups)
            ? null
            : AdminJson.ErrorAsync(context, StatusCodes.Status403Forbidden, $"{caller.Identity} is not in any of Admin:{key} ({string.Join(", ", groups)})");

    private static Task Healthz(HttpContext context)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("ok\n", context.RequestAborted);
    }

    /// <summary>Ready when every listener is bound, the session log commits and a policy is in force.</summary>
    private Task Readyz(HttpContext context)
    {
        var endpoints = proxy.Endpoints;
        var health = sessionLog.Health;
        var ready = endpoints is not null && health.IsHealthy;
        return AdminJson.WriteAsync(context, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ready", ready);
            writer.WriteStartObject("listeners");
            writer.WriteBoolean("ok", endpoints is not null);
            if (endpoints is not null)
            {
                foreach (var (name, endpoint) in endpoints)
                {
                    writer.WriteString(name, endpoint.ToString());
                }
            }

            writer.WriteEndObject();
            writer.WriteStartObject("session_log");
            writer.WriteBoolean("ok", health.IsHealthy);
            if (health.Fault is { } fault)
            {
                writer.WriteString("fault", fault);
            }

            writer.WriteNumber("queue_depth", health.QueueDepth);
            writer.WriteEndObject();

            // The policy given at startup is loaded before anything listens (or nothing starts), and a failed reload
            // keeps the previous one: once running, a policy is always in force.
            writer.WriteStartObject("policy");
            writer.WriteBoolean("ok", true);
            writer.WriteString("source", policy.Path ?? "none configured: every statement is allowed and recorded");
            writer.WriteNumber("rules", policy.Store.Current.RuleCount);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private Task Metrics(HttpContext context)
    {
        if (Admin.MetricsRequireToken && authenticator.Authenticate(context) is null)
        {
            return Task.CompletedTask;
        }

        var reloader = proxy.Reloader;
        var text = PrometheusExposition.Write(new ScrapeSources(
            metrics.Snapshot(),
            sessionLog.Health,
            policy.Store.Current.RuleCount,
            reloader?.ReloadCount ?? 0,
            reloader?.FailedReloadCount ?? 0,
            approvals?.List()));
        context.Response.ContentType = PrometheusExposition.ContentType;
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    private static Task ListSessions(HttpContext context, SessionLogReader reader)
    {
        if (!TryQueryInt(context, "limit", DefaultPageSize, 1, MaxPageSize, out var limit, out var problem)
            || !TryQueryTime(context, "since", out var since, out problem))
        {
            return AdminJson.ErrorAsync(context, StatusCodes.Status400BadRequest, problem!);
        }

        return AdminJson.WriteListAsync(context, "sessions", reader.ListSessions(limit, since), AdminJson.Session);
    }

    private static Task GetSession(HttpContext context, SessionLogReader reader) =>
        FindSession(context, reader, out var session) ?? AdminJson.WriteAsync(context, StatusCodes.Status200OK, writer => AdminJson.Session(writer, session!));

    /// <summary>A page of events: `after` is the id of the last event already seen (0: from the start), `next_after` the cursor for the next page.</summary>
    private static Task GetEvents(HttpContext context, SessionLogReader reader)
    {
        if (FindSession(context, reader, out var session) is { } missing)
        {
            return missing;
        }

        if (!TryQueryInt(context, "limit", DefaultPageSize, 1, MaxPageSize, out var limit, out var problem)
            || !TryQueryLong(context, "after", out var after, out problem))
        {
            return AdminJson.ErrorAsync(context, StatusCodes.Status400BadRequest, problem!);
        }

        var events = reader.ReadEventsAfter(session!.Id, after, limit);
        return AdminJson.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("session_id", session.Id);
            writer.WriteStartArray("events");
            foreach (var stored in events)
            {
                SessionLogReader.WriteJsonLine(stored, writer);
            }

            writer.WriteEndArray();
            if (events.Count == limit)
            {
                writer.WriteNumber("next_after", events[^1].Id);
            }
            else
            {
                writer.WriteNull("next_after");
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// Server-sent events (html.spec.whatwg.org, "Server-sent events"): each committed event of the session as
    /// `id`, `event` (the kind) and `data` (the event as one JSON line). Starts after `?after=N` or the
    /// `Last-Event-ID` a reconnecting client sends, else after the last event committed so far; ends after the
    /// session's `close` event.
    /// </summary>
    private async Task StreamEvents(HttpContext context, SessionLogReader reader)
    {
        if (FindSession(context, reader, out var session) is { } missing)
        {
            await missing.ConfigureAwait(false);
            return;
        }

        long after;
        if (context.Request.Query.ContainsKey("after"))
        {
            if (!TryQueryLong(context, "after", out after, out var problem))
            {
                await AdminJson.ErrorAsync(context, StatusCodes.Status400BadRequest, problem!).ConfigureAwait(false);
                return;
            }
        }
        else if (!long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            after = reader.LastEventId(session!.Id);
        }

        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var token = cancel.Token;
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $": session {session!.Id}, events after {after}\n\n");
        var json = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using var jsonWriter = new Utf8JsonWriter(json, AdminJson.WriterOptions);
        var quiet = TimeSpan.Zero;
        try
        {
            while (true)
            {
                var events = reader.ReadEventsAfter(session.Id, after, MaxPageSize);
                var closed = false;
                foreach (var stored in events)
                {
                    json.Clear();
                    jsonWriter.Reset();
                    SessionLogReader.WriteJsonLine(stored, jsonWriter);
                    jsonWriter.Flush();
                    line.Append(CultureInfo.InvariantCulture, $"id: {stored.Id}\nevent: {stored.Kind}\ndata: ")
                        .Append(Encoding.UTF8.GetString(json.WrittenSpan))
                        .Append("\n\n");
                    after = stored.Id;
                    closed |= stored.Kind == "close";
                }

                if (line.Length > 0)
                {
                    await response.WriteAsync(line.ToString(), token).ConfigureAwait(false);
                    await response.Body.FlushAsync(token).ConfigureAwait(false);
                    line.Clear();
                    quiet = TimeSpan.Zero;
                }

                // A session that had closed before the stream began has no close event after the cursor.
                if (closed || (events.Count == 0 && session.EndedAt is not null))
                {
                    return;
                }

                if (events.Count == MaxPageSize)
                {
                    continue;
                }

                await Task.Delay(StreamPollInterval, token).ConfigureAwait(false);
                quiet += StreamPollInterval;
                if (quiet >= StreamKeepAlive)
                {
                    // A comment line: keeps idle connections through proxies and lets the server notice a gone client.
                    line.Append(": keep-alive\n\n");
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client left or the proxy is stopping: the stream ends here either way.
        }
    }

    private Task ListApprovals(HttpContext context, AdminCaller caller)
    {
        if (approvals is null)
        {
            return ApprovalsUnavailable(context);
        }

        ApprovalState? state = null;
        var stateText = context.Request.Query["state"].ToString();
        if (stateText.Length > 0 && !stateText.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            var match = AdminJson.States.Where(s => ApprovalNames.State(s).Equals(stateText, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (match.Length == 0)
            {
                return AdminJson.ErrorAsync(context, StatusCodes.Status400BadRequest,
                    $"state '{stateText}' is not one of all, {string.Join(", ", AdminJson.States.Select(ApprovalNames.State))}");
            }

            state = match[0];
        }

        return AdminJson.WriteListAsync(context, "approvals", approvals.List(state), AdminJson.Approval);
    }

    /// <summary>Body: `{"reason": "…"}` (required to deny). The broker decides whether the caller may, and exactly one decision wins.</summary>
    private async Task DecideAsync(HttpContext context, AdminCaller caller, bool approve)
    {
        if (approvals is null)
        {
            await ApprovalsUnavailable(context).ConfigureAwait(false);
            return;
        }

        var id = (string)context.Request.RouteValues["id"]!;
        var (reason, problem) = await ReadReasonAsync(context).ConfigureAwait(false);
        if (problem is null && !approve && string.IsNullOrWhiteSpace(reason))
        {
            problem = "a denial needs a reason: {\"reason\": \"…\"}";
        }

        if (problem is not null)
        {
            await AdminJson.ErrorAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        var result = approvals.Decide(id, caller.Identity, [.. caller.Groups], approve, reason);
        var request = approvals.Find(id);
        if (result == ApprovalDecisionResult.Decided)
        {
            LogDecided(logger, id, approve ? "approved" : "denied", caller.Identity, reason ?? string.Empty);
            await AdminJson.WriteAsync(context, StatusCodes.Status200OK, writer => AdminJson.Approval(writer, request!)).ConfigureAwait(false);
            return;
        }

        var (status, message) = result switch
        {
            ApprovalDecisionResult.NotFound => (StatusCodes.Status404NotFound, $"no approval request '{id}'"),
            ApprovalDecisionResult.AlreadyDecided => (StatusCodes.Status409Conflict,
                $"request {id} is already {(request is null ? "final" : ApprovalNames.State(request.State))}"
                + (request?.DecidedBy is { } by ? $" (by {by})" : string.Empty)),
            ApprovalDecisionResult.SelfApproval => (StatusCodes.Status403Forbidden, $"{caller.Identity} asked for request {id} and cannot decide it"),
            _ => (StatusCodes.Status403Forbidden,
                $"{caller.Identity} is not in the approver group '{request?.Ask.ApproverGroup}' of request {id}"),
        };
        await AdminJson.ErrorAsync(context, status, message).ConfigureAwait(false);
    }

    private Task GetPolicy(HttpContext context)
    {
        var current = policy.Store.Current;
        var reloader = proxy.Reloader;
        return AdminJson.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            if (policy.Path is null)
            {
                writer.WriteNull("path");
            }
            else
            {
                writer.WriteString("path", policy.Path);
            }

            writer.WriteNumber("rules", current.RuleCount);
            writer.WriteString("default", current.Document.Default == DefaultDecision.Block ? "block" : "allow");
            writer.WriteStartArray("files");
            foreach (var file in current.Document.Files)
            {
                writer.WriteStartObject();
                writer.WriteString("path", file.Path);
                writer.WriteString("source", PolicyPrinter.Print(file));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("reloads", reloader?.ReloadCount ?? 0);
            writer.WriteNumber("failed_reloads", reloader?.FailedReloadCount ?? 0);
            if (reloader?.LastReload is { } last)
            {
                writer.WritePropertyName("last_reload");
                AdminJson.ReloadStatus(writer, last);
            }
            else
            {
                writer.WriteNull("last_reload");
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>200 with the new policy's status, or 422 with every diagnostic when the files are invalid (the previous policy stays).</summary>
    private Task Reload(HttpContext context, AdminCaller caller)
    {
        if (proxy.Reloader is not { } reloader)
        {
            return AdminJson.ErrorAsync(context, StatusCodes.Status409Conflict, "no policy is configured (Policies / --policies): nothing to reload");
        }

        var status = reloader.Reload($"admin API, {caller.Identity}");
        return AdminJson.WriteAsync(context, status.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity, writer => AdminJson.ReloadStatus(writer, status));
    }

    private static Task ApprovalsUnavailable(HttpContext context) =>
        AdminJson.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "approvals are not available in this proxy");

    private static Task? FindSession(HttpContext context, SessionLogReader reader, out SessionSummary? session)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        try
        {
            session = reader.FindSession(id);
        }
        catch (InvalidOperationException ex)
        {
            // An ambiguous prefix.
            session = null;
            return AdminJson.ErrorAsync(context, StatusCodes.Status400BadRequest, ex.Message);
        }

        return session is null ? AdminJson.ErrorAsync(context, StatusCodes.Status404NotFound, $"no session matches '{id}'") : null;
    }

    private static async Task<(string? Reason, string? Problem)> ReadReasonAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || (context.Request.ContentLength is null && !context.Request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return (null, null);
        }

        if (context.Request.ContentLength > MaxRequestBody)
        {
            return (null, $"the body is larger than {MaxRequestBody} bytes");
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "the body must be a JSON object: {\"reason\": \"…\"}");
            }

            if (!body.RootElement.TryGetProperty("reason", out var reason) || reason.ValueKind == JsonValueKind.Null)
            {
                return (null, null);
            }

            return reason.ValueKind == JsonValueKind.String ? (reason.GetString(), null) : (null, "\"reason\" must be a string");
        }
        catch (JsonException ex)
        {
            return (null, $"the body is not JSON: {ex.Message}");
        }
    }

    private static bool TryQueryInt(HttpContext context, string name, int fallback, int least, int most, out int value, out string? problem)
    {
        problem = null;
        value = fallback;
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < least || value > most)
        {
            problem = $"{name} '{text}' is not a whole number from {least} to {most}";
            return false;
        }

        return true;
    }

    private static bool TryQueryLong(HttpContext context, string name, out long value, out string? problem)
    {
        problem = null;
        value = 0;
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0 || long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        problem = $"{name} '{text}' is not an event id (a whole number)";
        return false;
    }

    private static bool TryQueryTime(HttpContext context, string name, out DateTimeOffset? value, out string? problem)
    {
        problem = null;
        value = null;
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            value = at;
            return true;
        }

        problem = $"{name} '{text}' is not an ISO 8601 time (2026-11-22T08:00:00Z)";
        return false;
    }

    [LoggerMessage(8001, LogLevel.Information, "Approval {Id} {Decision} by {Approver} through the admin API: {Reason}")]
    private static partial void LogDecided(ILogger logger, string id, string decision, string approver, string reason);
}
