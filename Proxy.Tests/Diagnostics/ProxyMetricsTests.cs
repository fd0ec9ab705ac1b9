using Proxy.Core.Approvals;
using Proxy.Core.Diagnostics;
using Proxy.Core.Policy.Evaluation;
using Proxy.Core.SessionLog;
using Proxy.Host.Admin;
using Proxy.Tests.Support;

namespace Proxy.Tests.Diagnostics;

/// <summary>The data path's counters and their Prometheus exposition, on an instance of their own.</summary>
public sealed class ProxyMetricsTests
{
    [Test]
    public void A_statement_lands_in_the_first_bucket_whose_bound_it_does_not_exceed()
    {
        var metrics = new ProxyMetrics();
        metrics.StatementRecorded(Verdict.Allow, TimeSpan.FromMilliseconds(0.5));   // exactly on the first bound
        metrics.StatementRecorded(Verdict.Allow, TimeSpan.FromMilliseconds(0.6));   // just above it
        metrics.StatementRecorded(Verdict.Block, TimeSpan.FromSeconds(7));
        metrics.StatementRecorded(Verdict.Approve, TimeSpan.FromMinutes(5));        // above every bound: +Inf only
        metrics.StatementRecorded(Verdict.Allow, duration: null);                   // no answer: counted, not timed

        var snapshot = metrics.Snapshot();

        Assert.That((snapshot.StatementsAllowed, snapshot.StatementsApprove, snapshot.StatementsBlocked), Is.EqualTo((3L, 1L, 1L)));
        var buckets = snapshot.LatencyBuckets;
        Assert.That(buckets[0], Is.EqualTo(1));
        Assert.That(buckets[1], Is.EqualTo(1));
        Assert.That(buckets[Array.IndexOf(ProxyMetrics.LatencyBucketBounds, 10.0)], Is.EqualTo(1));
        Assert.That(buckets[^1], Is.EqualTo(1));
        Assert.That(snapshot.LatencyCount, Is.EqualTo(4));
        Assert.That(snapshot.LatencySumSeconds, Is.EqualTo(0.0005 + 0.0006 + 7 + 300).Within(1e-9));
    }

    [Test]
    public void Sessions_open_is_opened_minus_closed()
    {
        var metrics = new ProxyMetrics();
        metrics.SessionOpened();
        metrics.SessionOpened();
        metrics.SessionOpened();
        metrics.SessionClosed();

        Assert.That((metrics.Snapshot().SessionsTotal, metrics.Snapshot().SessionsOpen), Is.EqualTo((3L, 2L)));
    }

    [Test]
    public void Counting_allocates_nothing()
    {
        var metrics = new ProxyMetrics();
        var allocated = SteadyAllocation.Measure(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                metrics.SessionOpened();
                metrics.StatementRecorded((Verdict)(i % 3), TimeSpan.FromTicks(i * 97));
                metrics.SessionClosed();
            }
        });

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void Counts_from_many_threads_are_all_kept()
    {
        var metrics = new ProxyMetrics();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                metrics.StatementRecorded(Verdict.Allow, TimeSpan.FromMilliseconds(i % 50));
            }
        });

        var snapshot = metrics.Snapshot();
        Assert.That(snapshot.StatementsAllowed, Is.EqualTo(80_000));
        Assert.That(snapshot.LatencyCount, Is.EqualTo(80_000));
    }

    [Test]
    public void The_exposition_parses_and_carries_every_source()
    {
        var metrics = new ProxyMetrics();
        metrics.SessionOpened();
        metrics.StatementRecorded(Verdict.Block, TimeSpan.FromMilliseconds(3));
        var ask = new ApprovalAsk("s", "alice", null, "delete from t", "delete from t", "r", null, "dba", ApprovalMode.Hold, TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var now = DateTimeOffset.UtcNow;
        ApprovalRequest[] approvals =
        [
            new("apr_1", ask, now, now, ApprovalState.Pending, null, null, null),
            new("apr_2", ask, now, now, ApprovalState.Denied, "bob", now, "no"),
            new("apr_3", ask, now, now, ApprovalState.Denied, "bob", now, "no"),
        ];

        var text = PrometheusExposition.Write(new ScrapeSources(metrics.Snapshot(), new SessionLogHealth("disk full", 12, 34), 7, 5, 2, approvals));
        var parsed = PrometheusText.Parse(text);

        Assert.That(parsed.Value("proxy_sessions_open"), Is.EqualTo(1));
        Assert.That(parsed.Value("proxy_statements_total", ("decision", "block")), Is.EqualTo(1));
        Assert.That(parsed.Value("proxy_statement_duration_seconds_bucket", ("le", "0.0025")), Is.Zero);
        Assert.That(parsed.Value("proxy_statement_duration_seconds_bucket", ("le", "0.005")), Is.EqualTo(1));
        Assert.That(parsed.Value("proxy_statement_duration_seconds_bucket", ("le", "+Inf")), Is.EqualTo(1));
        Assert.That(parsed.Value("proxy_session_log_healthy"), Is.Zero);
        Assert.That(parsed.Value("proxy_session_log_dropped_events_total"), Is.EqualTo(12));
        Assert.That(parsed.Value("proxy_session_log_queue_depth"), Is.EqualTo(34));
        Assert.That(parsed.Value("proxy_policy_rules"), Is.EqualTo(7));
        Assert.That(parsed.Value("proxy_policy_reloads_total"), Is.EqualTo(5));
        Assert.That(parsed.Value("proxy_policy_reload_failures_total"), Is.EqualTo(2));
        Assert.That(parsed.Value("proxy_approvals", ("state", "pending")), Is.EqualTo(1));
        Assert.That(parsed.Value("proxy_approvals", ("state", "denied")), Is.EqualTo(2));
        Assert.That(parsed.Value("proxy_approvals", ("state", "expired")), Is.Zero);
    }

    [TestCase("proxy_x 1\n", TestName = "A sample without a TYPE is refused")]
    [TestCase("# TYPE proxy_x counter\nproxy_x one\n", TestName = "A value that is not a number is refused")]
    [TestCase("# TYPE proxy_h histogram\nproxy_h_bucket{le=\"1\"} 2\nproxy_h_bucket{le=\"+Inf\"} 1\nproxy_h_sum 1\nproxy_h_count 1\n", TestName = "Buckets that are not cumulative are refused")]
    [TestCase("# TYPE proxy_x counter\nproxy_x 1", TestName = "A missing final line feed is refused")]
    public void The_test_parser_is_strict(string text) =>
        Assert.Throws<FormatException>(() => PrometheusText.Parse(text));
}
