using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using Proxy.Tests.Support;

namespace Proxy.Tests.Admin;

/// <summary>
/// The admin API of a real `proxy run` in front of a real PostgreSQL, driven by real psql and Npgsql sessions:
/// authentication, sessions and their events, the live stream, the policy, health and metrics.
/// </summary>
[NonParallelizable]
public sealed class AdminApiTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private AdminProxy _proxy = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _proxy = await AdminProxy.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _proxy.DisposeAsync();

    [TestCase("/api/sessions", "GET")]
    [TestCase("/api/sessions/x/events", "GET")]
    [TestCase("/api/approvals", "GET")]
    [TestCase("/api/approvals/apr_x/approve", "POST")]
    [TestCase("/api/policy", "GET")]
    [TestCase("/api/policy/reload", "POST")]
    [CancelAfter(60_000)]
    public async Task Without_a_token_every_api_call_is_401_with_a_bearer_challenge(string path, string method, CancellationToken cancellationToken)
    {
        using var client = _proxy.Client(identity: null);
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Is.EqualTo(new[] { "Bearer" }));

        // A token the configuration does not hold (its digest, that is) is just as unknown.
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _proxy.Token("alice") + "x");
        using var wrong = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), cancellationToken);
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(wrong.Headers.WwwAuthenticate.ToString(), Does.Contain("invalid_token"));
    }

    [TestCase("/api/sessions", "GET")]
    [TestCase("/api/policy", "GET")]
    [TestCase("/api/policy/reload", "POST")]
    [CancelAfter(60_000)]
    public async Task A_token_outside_the_read_and_reload_groups_is_403(string path, string method, CancellationToken cancellationToken)
    {
        using var client = _proxy.Client("bob");
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), body);
        Assert.That(body, Does.Contain("bob is not in any of Admin:"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Healthz_and_readyz_answer_without_a_token(CancellationToken cancellationToken)
    {
        using var client = _proxy.Client(identity: null);
        Assert.That(await client.GetStringAsync("/healthz", cancellationToken), Is.EqualTo("ok\n"));
        using var ready = await client.GetAsync("/readyz", cancellationToken);
        var body = await ready.Content.ReadAsStringAsync(cancellationToken);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("ready").GetBoolean(), Is.True);
        Assert.That(json.RootElement.GetProperty("listeners").GetProperty("pg").GetString(), Is.EqualTo(_proxy.Endpoint.ToString()));
        Assert.That(json.RootElement.GetProperty("session_log").GetProperty("ok").GetBoolean(), Is.True);
        Assert.That(json.RootElement.GetProperty("policy").GetProperty("rules").GetInt32(), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_psql_session_is_listed_shown_and_its_events_page_without_gaps_or_repeats(CancellationToken cancellationToken)
    {
        var marker = "marker_" + Guid.NewGuid().ToString("N")[..8];
        var psql = await AdminPostgresFixture.Server.PsqlAsync(
            ["-c", $"select '{marker}'", "-c", "select 1", "-c", "select 2", "-c", "select 3"], port: _proxy.Endpoint.Port, cancellationToken: cancellationToken);
        Assert.That(psql.ExitCode, Is.Zero, psql.ToString());

        var session = await WaitForSessionAsync(marker, closed: true, cancellationToken);
        var id = session.GetProperty("id").GetString()!;
        Assert.That(session.GetProperty("listener").GetString(), Is.EqualTo("pg"));
        Assert.That(session.GetProperty("open").GetBoolean(), Is.False);

        var shown = await _proxy.GetJsonAsync("alice", $"/api/sessions/{id}", cancellationToken);
        Assert.That(shown.GetProperty("id").GetString(), Is.EqualTo(id));
        Assert.That(shown.GetProperty("protocol").GetString(), Is.EqualTo("postgres"));
        var prefix = await _proxy.GetJsonAsync("alice", $"/api/sessions/{id[..30]}", cancellationToken);
        Assert.That(prefix.GetProperty("id").GetString(), Is.EqualTo(id), "a unique prefix finds the session");

        var all = await _proxy.GetJsonAsync("alice", $"/api/sessions/{id}/events?limit=1000", cancellationToken);
        var allIds = all.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToArray();
        Assert.That(all.GetProperty("next_after").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(allIds, Has.Length.GreaterThanOrEqualTo(6), "open, four statements, close");

        var paged = new List<long>();
        long after = 0;
        for (var page = 0; page < 20; page++)
        {
            var json = await _proxy.GetJsonAsync("alice", $"/api/sessions/{id}/events?limit=2&after={after}", cancellationToken);
            var ids = json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToArray();
            Assert.That(ids, Has.Length.LessThanOrEqualTo(2));
            paged.AddRange(ids);
            if (json.GetProperty("next_after").ValueKind == JsonValueKind.Null)
            {
                break;
            }

            after = json.GetProperty("next_after").GetInt64();
        }

        Assert.That(paged, Is.EqualTo(allIds));
        var kinds = all.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToArray();
        Assert.That(kinds[0], Is.EqualTo("open"));
        Assert.That(kinds[^1], Is.EqualTo("close"));
        Assert.That(all.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "statement"), Is.EqualTo(4));

        using var client = _proxy.Client("alice");
        using var missing = await client.GetAsync("/api/sessions/00000000-0000-0000-0000-000000000000", cancellationToken);
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var badLimit = await client.GetAsync($"/api/sessions/{id}/events?limit=0", cancellationToken);
        Assert.That(badLimit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_stream_delivers_a_statement_of_a_live_npgsql_session_and_ends_when_it_closes(CancellationToken cancellationToken)
    {
        var marker = "stream_" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = new NpgsqlConnection(_proxy.ConnectionString() + ";Application Name=" + marker);
        await connection.OpenAsync(cancellationToken);
        var sessionId = (await WaitForNewestOpenSessionAsync(cancellationToken)).GetProperty("id").GetString()!;

        using var client = _proxy.Client("alice");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{sessionId}/stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);

        // The stream is live once its opening comment arrived: what runs after it must come through.
        var first = await reader.ReadLineAsync(cancellationToken);
        Assert.That(first, Does.StartWith($": session {sessionId}"));

        await using (var command = new NpgsqlCommand($"select '{marker}' as live", connection))
        {
            Assert.That(await command.ExecuteScalarAsync(cancellationToken), Is.EqualTo(marker));
        }

        var statement = await ReadEventAsync(reader, "statement", cancellationToken);
        using (var data = JsonDocument.Parse(statement.Data))
        {
            Assert.That(data.RootElement.GetProperty("session_id").GetString(), Is.EqualTo(sessionId));
            Assert.That(data.RootElement.GetProperty("data").GetProperty("text").GetString(), Does.Contain(marker));
            Assert.That(data.RootElement.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(statement.Id));
        }

        await connection.CloseAsync();
        var close = await ReadEventAsync(reader, "close", cancellationToken);
        Assert.That(close.Data, Does.Contain("\"kind\":\"close\""));
        Assert.That(await reader.ReadToEndAsync(cancellationToken), Is.Empty.Or.EqualTo("\n"), "the stream ends after the close event");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_policy_is_shown_and_a_reload_through_the_api_rejects_an_invalid_change_and_takes_a_valid_one(CancellationToken cancellationToken)
    {
        try
        {
            var policy = await _proxy.GetJsonAsync("alice", "/api/policy", cancellationToken);
            Assert.That(policy.GetProperty("rules").GetInt32(), Is.EqualTo(2));
            var source = policy.GetProperty("files")[0].GetProperty("source").GetString();
            Assert.That(source, Does.Contain("rule no_drops"));
            Assert.That(source, Does.Contain("approve(by: \"approvers\""));
            Assert.That(policy.GetProperty("files")[0].GetProperty("path").GetString(), Is.EqualTo(_proxy.PolicyFile));

            using var client = _proxy.Client("alice");
            await File.WriteAllTextAsync(_proxy.PolicyFile, "rule broken { when sql.knd == drop then block }\n", cancellationToken);
            using (var rejected = await client.PostAsync("/api/policy/reload", content: null, cancellationToken))
            {
                var body = await rejected.Content.ReadAsStringAsync(cancellationToken);
                Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
                Assert.That(body, Does.Contain("unknown field 'sql.knd'"));
                Assert.That(body, Does.Contain("\"succeeded\":false"));
            }

            // Still the previous policy: the DROP is refused.
            await AssertDropRefusedAsync(refused: true, cancellationToken);
            var after = await _proxy.GetJsonAsync("alice", "/api/policy", cancellationToken);
            Assert.That(after.GetProperty("rules").GetInt32(), Is.EqualTo(2));
            Assert.That(after.GetProperty("last_reload").GetProperty("succeeded").GetBoolean(), Is.False);
            Assert.That(after.GetProperty("failed_reloads").GetInt32(), Is.GreaterThanOrEqualTo(1));

            await File.WriteAllTextAsync(_proxy.PolicyFile, AdminProxy.InitialPolicy + "\nrule no_truncates { when sql.kind == truncate then block }\n", cancellationToken);
            using (var accepted = await client.PostAsync("/api/policy/reload", content: null, cancellationToken))
            {
                var body = await accepted.Content.ReadAsStringAsync(cancellationToken);
                Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
                Assert.That(body, Does.Contain("\"rules\":3"));
                Assert.That(body, Does.Contain("\"trigger\":\"admin API, alice\""));
            }

            Assert.That((await _proxy.GetJsonAsync("alice", "/api/policy", cancellationToken)).GetProperty("rules").GetInt32(), Is.EqualTo(3));
            await AssertDropRefusedAsync(refused: true, cancellationToken);
        }
        finally
        {
            await File.WriteAllTextAsync(_proxy.PolicyFile, AdminProxy.InitialPolicy, CancellationToken.None);
            using var client = _proxy.Client("alice");
            using var restored = await client.PostAsync("/api/policy/reload", content: null, CancellationToken.None);
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Metrics_parse_as_prometheus_text_and_count_the_statements_that_ran(CancellationToken cancellationToken)
    {
        using var client = _proxy.Client(identity: null);
        using var first = await client.GetAsync("/metrics", cancellationToken);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.Content.Headers.ContentType?.ToString(), Does.StartWith("text/plain; version=0.0.4"));
        var before = PrometheusText.Parse(await first.Content.ReadAsStringAsync(cancellationToken));

        var psql = await AdminPostgresFixture.Server.PsqlAsync(["-c", "select 1", "-c", "select 2", "-c", "select 3"], port: _proxy.Endpoint.Port, cancellationToken: cancellationToken);
        Assert.That(psql.ExitCode, Is.Zero, psql.ToString());
        await AssertDropRefusedAsync(refused: true, cancellationToken);

        // The psql process has exited; its session's close is counted as the proxy sees the connection end.
        PrometheusText after = before;
        for (var deadline = DateTime.UtcNow + Wait; DateTime.UtcNow < deadline; await Task.Delay(100, cancellationToken))
        {
            after = PrometheusText.Parse(await client.GetStringAsync("/metrics", cancellationToken));
            if (after.Value("proxy_sessions_open") == before.Value("proxy_sessions_open"))
            {
                break;
            }
        }

        Assert.That(after.Types["proxy_statement_duration_seconds"], Is.EqualTo("histogram"));
        Assert.That(after.Types["proxy_statements_total"], Is.EqualTo("counter"));
        Assert.That(
            after.Value("proxy_statements_total", ("decision", "allow")) - before.Value("proxy_statements_total", ("decision", "allow")),
            Is.GreaterThanOrEqualTo(3));
        Assert.That(
            after.Value("proxy_statements_total", ("decision", "block")) - before.Value("proxy_statements_total", ("decision", "block")),
            Is.GreaterThanOrEqualTo(1));
        Assert.That(after.Value("proxy_statement_duration_seconds_count") - before.Value("proxy_statement_duration_seconds_count"), Is.GreaterThanOrEqualTo(4));
        Assert.That(after.Value("proxy_statement_duration_seconds_sum"), Is.GreaterThan(before.Value("proxy_statement_duration_seconds_sum")));
        Assert.That(after.Value("proxy_sessions_total") - before.Value("proxy_sessions_total"), Is.GreaterThanOrEqualTo(2));
        Assert.That(after.Value("proxy_sessions_open"), Is.EqualTo(before.Value("proxy_sessions_open")));
        Assert.That(after.Value("proxy_session_log_healthy"), Is.EqualTo(1));
        Assert.That(after.Value("proxy_session_log_dropped_events_total"), Is.Zero);
        Assert.That(after.Value("proxy_policy_rules"), Is.GreaterThanOrEqualTo(2));
        Assert.That(after.Samples.Count(s => s.Name == "proxy_approvals"), Is.EqualTo(6), "one sample per approval state");
        _ = after.Value("proxy_policy_reloads_total");
        _ = after.Value("proxy_session_log_queue_depth");
    }

    private async Task AssertDropRefusedAsync(bool refused, CancellationToken cancellationToken)
    {
        var drop = await AdminPostgresFixture.Server.PsqlAsync(["-c", "drop table if exists admin_never_there"], port: _proxy.Endpoint.Port, cancellationToken: cancellationToken);
        if (refused)
        {
            Assert.That(drop.ExitCode, Is.Not.Zero, drop.ToString());
            Assert.That(drop.StandardError, Does.Contain("no DROP here"));
        }
        else
        {
            Assert.That(drop.ExitCode, Is.Zero, drop.ToString());
        }
    }

    /// <summary>The session whose events hold <paramref name="marker"/>, once it is listed (and closed, if asked).</summary>
    private async Task<JsonElement> WaitForSessionAsync(string marker, bool closed, CancellationToken cancellationToken)
    {
        for (var deadline = DateTime.UtcNow + Wait; DateTime.UtcNow < deadline; await Task.Delay(100, cancellationToken))
        {
            var list = await _proxy.GetJsonAsync("alice", "/api/sessions?limit=20", cancellationToken);
            foreach (var session in list.GetProperty("sessions").EnumerateArray())
            {
                if (closed && session.GetProperty("open").GetBoolean())
                {
                    continue;
                }

                var events = await _proxy.GetJsonAsync("alice", $"/api/sessions/{session.GetProperty("id").GetString()}/events?limit=1000", cancellationToken);
                if (events.GetRawText().Contains(marker, StringComparison.Ordinal))
                {
                    return session;
                }
            }
        }

        Assert.Fail($"no session with '{marker}' listed within {Wait}");
        return default;
    }

    private async Task<JsonElement> WaitForNewestOpenSessionAsync(CancellationToken cancellationToken)
    {
        for (var deadline = DateTime.UtcNow + Wait; DateTime.UtcNow < deadline; await Task.Delay(100, cancellationToken))
        {
            var list = await _proxy.GetJsonAsync("alice", "/api/sessions?limit=5", cancellationToken);
            foreach (var session in list.GetProperty("sessions").EnumerateArray())
            {
                if (session.GetProperty("open").GetBoolean())
                {
                    return session;
                }
            }
        }

        Assert.Fail($"no open session listed within {Wait}");
        return default;
    }

    /// <summary>Reads server-sent events until one of <paramref name="kind"/>: its `id` and `data` fields.</summary>
    internal static async Task<(string Id, string Data)> ReadEventAsync(StreamReader reader, string kind, CancellationToken cancellationToken)
    {
        string? id = null, eventKind = null, data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (eventKind == kind)
                {
                    return (id!, data!);
                }

                id = eventKind = data = null;
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventKind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        Assert.Fail($"the stream ended before a '{kind}' event");
        return default;
    }
}
