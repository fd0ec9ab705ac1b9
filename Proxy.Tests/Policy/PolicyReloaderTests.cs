using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Proxy.Core.Policy;
using Proxy.Core.Policy.Evaluation;
using Proxy.Tests.Support;

namespace Proxy.Tests.Policy;

public sealed class PolicyReloaderTests
{
    private const string BlockDeletes = "rule no_deletes { when sql.kind == delete then block \"no deletes\" }\n";
    private const string ApproveDeletes = "rule delete_approval { when sql.kind == delete then approve(by: dba) }\nrule tag { when sql.multi then log \"multi\" }\n";
    private const string Broken = "rule r {\n  when sql.knd == delete\n  then block\n}\n";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly PolicyInput Delete = new() { SqlKind = "delete" };

    private string _directory = null!;
    private RecordingLoggerProvider _logs = null!;
    private ILogger _logger = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("proxy-policy-reload-").FullName;
        _logs = new RecordingLoggerProvider();
        _logger = _logs.CreateLogger("Proxy.Policy");
    }

    [TearDown]
    public void TearDown()
    {
        _logs.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void A_valid_change_is_compiled_and_swapped_in()
    {
        var store = Load(BlockDeletes);
        using var reloader = new PolicyReloader(_directory, store, _logger);
        var before = store.Current;

        Write("a.rules", ApproveDeletes);
        var status = reloader.Reload("test");

        Assert.That(status.Succeeded, Is.True);
        Assert.That(status.Rules, Is.EqualTo(2));
        Assert.That(store.Current, Is.Not.SameAs(before));
        Assert.That(store.Current.Decide(Delete).ToString(), Is.EqualTo("approve by delete_approval"));
        Assert.That(before.Decide(Delete).ToString(), Is.EqualTo("block by no_deletes"), "a policy already read stays whole");
        Assert.That(reloader.LastReload, Is.SameAs(status));
        Assert.That(_logs.Entries.Select(e => e.Message), Does.Contain("Policy reloaded: 2 rules (on test)"));
    }

    [Test]
    public void An_invalid_change_is_rejected_and_the_previous_policy_stays()
    {
        var store = Load(BlockDeletes);
        using var reloader = new PolicyReloader(_directory, store, _logger);
        var before = store.Current;

        Write("a.rules", Broken);
        var status = reloader.Reload("test");

        var path = Path.Combine(_directory, "a.rules");
        Assert.That(status.Succeeded, Is.False);
        Assert.That(store.Current, Is.SameAs(before));
        Assert.That(status.Errors.Select(d => $"{d.Span}: {d.Message}"), Is.EqualTo(new[] { $"{path}:2:8: unknown field 'sql.knd' (did you mean 'sql.kind'?)" }));
        Assert.That(reloader.LastReload, Is.SameAs(status));
        Assert.That(_logs.Errors.Select(e => e.Message), Has.Some.StartsWith($"Policy reload: {path}:2:8: error: unknown field 'sql.knd'"));
        Assert.That(_logs.Errors.Select(e => e.Message), Has.Some.EqualTo("Policy reload rejected (on test): 1 error(s); still enforcing the previous policy (1 rules)"));
    }

    [Test]
    public void Warnings_of_a_valid_change_are_logged_and_kept_in_the_status()
    {
        var store = Load(BlockDeletes);
        using var reloader = new PolicyReloader(_directory, store, _logger);

        Write("a.rules", BlockDeletes + "rule later { when sql.kind == delete then block }\n");
        var status = reloader.Reload("test");

        Assert.That(status.Succeeded, Is.True);
        Assert.That(status.Diagnostics.Single().Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(_logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message), Has.Some.Contains("rule 'later' is shadowed by rule 'no_deletes'"));
    }

    [Test]
    public async Task A_burst_of_file_events_reloads_once()
    {
        var store = Load(BlockDeletes);
        using var reloader = new PolicyReloader(_directory, store, _logger, debounce: TimeSpan.FromMilliseconds(200));
        var path = Path.Combine(_directory, "a.rules");

        Write("a.rules", ApproveDeletes);
        for (var i = 0; i < 50; i++)
        {
            reloader.OnFileEvent(path, null);
        }

        await PollAsync(() => reloader.ReloadCount > 0, "a reload after the burst");
        Assert.That(reloader.ReloadCount, Is.EqualTo(1));
        Assert.That(store.Current.Decide(Delete).ToString(), Is.EqualTo("approve by delete_approval"));
    }

    [TestCase(".a.rules.swp", false, TestName = "an editor's swap file")]
    [TestCase("a.rules~", false, TestName = "an editor's backup")]
    [TestCase("4913", false, TestName = "vim's probe file")]
    [TestCase("sub/x.rules", false, TestName = "a file in a subdirectory")]
    [TestCase("a.rules", true, TestName = "a rules file")]
    [TestCase("new.rules", true, TestName = "a new rules file")]
    public void Only_rules_files_of_the_directory_trigger_a_reload(string name, bool triggers)
    {
        var store = Load(BlockDeletes);
        using var reloader = new PolicyReloader(_directory, store, _logger);

        Assert.That(reloader.IsPolicyFile(Path.Combine(_directory, name)), Is.EqualTo(triggers));
    }

    [Test]
    public async Task The_reload_signal_reloads()
    {
        var store = Load(BlockDeletes);
        using var reloader = new PolicyReloader(_directory, store, _logger);
        var signal = new FakeSignal();
        reloader.Start(signal.Subscribe);

        Write("a.rules", ApproveDeletes);
        signal.Raise();

        await PollAsync(() => reloader.LastReload is { Trigger: "SIGHUP" }, "a reload on the signal");
        Assert.That(reloader.LastReload!.Succeeded, Is.True);
        Assert.That(store.Current.Decide(Delete).ToString(), Is.EqualTo("approve by delete_approval"));

        reloader.Dispose();
        Assert.That(signal.Disposed, Is.True, "disposing the reloader unregisters the signal");
    }

    [Test]
    public async Task Writing_a_file_reloads_through_the_watcher()
    {
        var store = Load(BlockDeletes);
        using var reloader = new PolicyReloader(_directory, store, _logger, debounce: TimeSpan.FromMilliseconds(100));
        reloader.Start();

        Write("a.rules", ApproveDeletes);

        await PollAsync(() => store.Current.Decide(Delete).ToString() == "approve by delete_approval", "the watcher to reload");
        Assert.That(reloader.LastReload!.Trigger, Is.EqualTo("file change"));
    }

    [Test]
    public async Task A_file_renamed_into_place_reloads()
    {
        var store = Load(BlockDeletes);
        using var reloader = new PolicyReloader(_directory, store, _logger, debounce: TimeSpan.FromMilliseconds(100));
        reloader.Start();

        // What vim and most tools do: write a temporary file, then rename it over the real one.
        var temporary = Path.Combine(_directory, ".a.rules.tmp");
        File.WriteAllText(temporary, ApproveDeletes);
        File.Move(temporary, Path.Combine(_directory, "a.rules"), overwrite: true);

        await PollAsync(() => store.Current.Decide(Delete).ToString() == "approve by delete_approval", "the rename to reload");
    }

    [Test]
    public async Task A_single_file_policy_is_watched_by_name()
    {
        Write("a.rules", BlockDeletes);
        var path = Path.Combine(_directory, "a.rules");
        var store = new PolicyStore(CompiledPolicy.Compile(PolicyLoader.Load(path).Policy!));
        using var reloader = new PolicyReloader(path, store, _logger, debounce: TimeSpan.FromMilliseconds(100));
        reloader.Start();

        Write("other.rules", Broken);
        Write("a.rules", ApproveDeletes);

        await PollAsync(() => store.Current.Decide(Delete).ToString() == "approve by delete_approval", "the file to reload");
        Assert.That(reloader.LastReload!.Succeeded, Is.True, "other.rules is not part of a single-file policy");
    }

    /// <summary>
    /// Threads decide in a tight loop while the files flip between two policies: every decision is exactly what
    /// one whole policy gives, never a mix of the two, never an exception.
    /// </summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task Reloading_under_concurrent_evaluation_never_mixes_two_policies()
    {
        const string first = """
            rule no_deletes { when sql.kind == delete then block "first" }
            rule mask_a { when protocol == postgres then mask column ["a"] with redact, log "first-a" }
            rule mask_b { when protocol == postgres and sql.multi then mask pattern ssn with hash, log "first-b" }
            rule audit_first mode audit { when sql.multi then block "would" }
            """;
        const string second = """
            default block
            rule reads { when sql.kind == select then allow }
            rule delete_approval { when sql.kind == delete then approve(by: dba, timeout: 5m) }
            rule mask_c { when protocol == postgres then mask pattern email with email, log "second-c" }
            rule mask_d { when sql.multi then mask column ["d"] with null }
            """;
        PolicyInput[] inputs =
        [
            new() { Protocol = "postgres", SqlKind = "delete" },
            new() { Protocol = "postgres", SqlKind = "select", SqlMulti = true },
            new() { Protocol = "tcp", SqlKind = "update", SqlMulti = true },
            new() { Protocol = "postgres", SqlKind = "delete", SqlMulti = true },
        ];
        var expected = new[] { first, second }
            .Select(text => inputs.Select(input => Describe(PolicyEvaluationTests.Compile(text).Decide(input))).ToArray())
            .ToArray();
        Assert.That(expected[0], Is.Not.EqualTo(expected[1]));

        var store = Load(first);
        using var reloader = new PolicyReloader(_directory, store, _logger);
        using var stop = new CancellationTokenSource();
        var seen = new int[2];
        var total = 0L;
        using var started = new CountdownEvent(3);
        var deciders = Enumerable.Range(0, 3).Select(thread => Task.Factory.StartNew(() =>
        {
            var decisions = 0L;
            started.Signal();
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref total);
                var index = (int)(decisions++ % inputs.Length);
                var decision = Describe(store.Current.Decide(inputs[index]));
                if (decision == expected[0][index])
                {
                    Interlocked.Increment(ref seen[0]);
                }
                else if (decision == expected[1][index])
                {
                    Interlocked.Increment(ref seen[1]);
                }
                else
                {
                    throw new AssertionException($"input {index}: {decision} is neither policy's decision");
                }
            }

            return decisions;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        Assert.That(started.Wait(Deadline), Is.True, "every decider started");
        for (var i = 0; i < 60; i++)
        {
            Write("a.rules", i % 2 == 0 ? second : first);
            Assert.That(reloader.Reload("test").Succeeded, Is.True);

            // Let the deciders run under each policy before the next swap.
            var before = Interlocked.Read(ref total);
            await PollAsync(() => Interlocked.Read(ref total) > before + 100 || deciders.Any(d => d.IsCompleted), "decisions between swaps");
        }

        await stop.CancelAsync();
        var counts = await Task.WhenAll(deciders);
        Assert.That(counts, Has.All.GreaterThan(0));
        Assert.That(seen, Has.All.GreaterThan(0), "both policies were in force at some point");
        Assert.That(reloader.ReloadCount, Is.EqualTo(60));
    }

    private static string Describe(PolicyDecision decision) =>
        $"{decision} {decision.Message} {decision.Approval} masks[{string.Join(",", decision.Masks.Select(m => $"{m.RuleId}:{m.Function}"))}] "
        + $"tags[{string.Join(",", decision.LogTags)}] audits[{string.Join(",", decision.AuditHits.Select(a => a.RuleId))}]";

    private static async Task PollAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Deadline)
            {
                Assert.Fail($"timed out after {Deadline} waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    private PolicyStore Load(string text)
    {
        Write("a.rules", text);
        var (policy, diagnostics) = PolicyLoader.Load(_directory);
        Assert.That(policy, Is.Not.Null, string.Join("\n", diagnostics));
        return new PolicyStore(CompiledPolicy.Compile(policy!));
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_directory, name), text);

    private sealed class FakeSignal
    {
        private Action? _handler;

        public bool Disposed { get; private set; }

        public IDisposable Subscribe(Action handler)
        {
            _handler = handler;
            return new Registration(this);
        }

        public void Raise() => _handler!.Invoke();

        private sealed class Registration(FakeSignal signal) : IDisposable
        {
            public void Dispose() => signal.Disposed = true;
        }
    }
}
