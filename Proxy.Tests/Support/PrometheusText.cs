using System.Globalization;
using System.Text.RegularExpressions;

namespace Proxy.Tests.Support;

/// <summary>One sample of a scrape: metric name, labels, value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A strict reader of the Prometheus text format 0.0.4, as a scraper parses it: every sample belongs to a family
/// declared by `# TYPE` before it, every line is a comment or a well-formed sample, histograms are cumulative and
/// end with `le="+Inf"` equal to their `_count`. A violation throws <see cref="FormatException"/> naming the line.
/// </summary>
public sealed partial class PrometheusText
{
    private readonly List<PrometheusSample> _samples = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    private PrometheusText()
    {
    }

    public IReadOnlyList<PrometheusSample> Samples => _samples;

    public IReadOnlyDictionary<string, string> Types => _types;

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        var lines = text.Split('\n');
        if (lines[^1].Length != 0)
        {
            throw new FormatException("the exposition must end with a line feed");
        }

        for (var i = 0; i < lines.Length - 1; i++)
        {
            parsed.ParseLine(lines[i], i + 1);
        }

        parsed.CheckHistograms();
        return parsed;
    }

    /// <summary>The value of the one sample with this name and these labels; throws when there is none.</summary>
    public double Value(string name, params (string Name, string Value)[] labels)
    {
        var matches = _samples.Where(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToArray();
        return matches.Length == 1 ? matches[0].Value : throw new KeyNotFoundException($"{matches.Length} samples {name} {string.Join(",", labels)}");
    }

    private void ParseLine(string line, int number)
    {
        if (line.Length == 0)
        {
            return;
        }

        if (line.StartsWith('#'))
        {
            var comment = CommentLine().Match(line);
            if (comment.Success && comment.Groups["kind"].Value == "TYPE")
            {
                var type = comment.Groups["rest"].Value;
                if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                {
                    throw new FormatException($"line {number}: unknown type '{type}'");
                }

                if (!_types.TryAdd(comment.Groups["name"].Value, type))
                {
                    throw new FormatException($"line {number}: second TYPE for {comment.Groups["name"].Value}");
                }
            }
            else if (!comment.Success && (line.StartsWith("# HELP", StringComparison.Ordinal) || line.StartsWith("# TYPE", StringComparison.Ordinal)))
            {
                throw new FormatException($"line {number}: malformed {line[..6]} line: {line}");
            }

            return;
        }

        var sample = SampleLine().Match(line);
        if (!sample.Success)
        {
            throw new FormatException($"line {number}: not a sample: {line}");
        }

        var name = sample.Groups["name"].Value;
        var family = _types.ContainsKey(name) ? name : FamilyOf(name);
        if (family is null)
        {
            throw new FormatException($"line {number}: {name} has no TYPE before it");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match label in LabelPair().Matches(sample.Groups["labels"].Value))
        {
            labels.Add(label.Groups["name"].Value, Regex.Unescape(label.Groups["value"].Value));
        }

        var valueText = sample.Groups["value"].Value;
        var value = valueText switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        _samples.Add(new PrometheusSample(name, labels, value));
    }

    /// <summary>The histogram or summary family a `_bucket`, `_sum` or `_count` sample belongs to.</summary>
    private string? FamilyOf(string name)
    {
        foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && _types.TryGetValue(name[..^suffix.Length], out var type) && type is "histogram" or "summary")
            {
                return name[..^suffix.Length];
            }
        }

        return null;
    }

    private void CheckHistograms()
    {
        foreach (var (family, _) in _types.Where(t => t.Value == "histogram"))
        {
            var buckets = _samples.Where(s => s.Name == family + "_bucket").ToArray();
            if (buckets.Length == 0 || buckets[^1].Labels["le"] != "+Inf")
            {
                throw new FormatException($"{family}: the last bucket must be le=\"+Inf\"");
            }

            for (var i = 1; i < buckets.Length; i++)
            {
                var bound = double.Parse(buckets[i].Labels["le"].Replace("+Inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                var previous = double.Parse(buckets[i - 1].Labels["le"], CultureInfo.InvariantCulture);
                if (bound <= previous || buckets[i].Value < buckets[i - 1].Value)
                {
                    throw new FormatException($"{family}: buckets must rise in bound and be cumulative (at le={buckets[i].Labels["le"]})");
                }
            }

            if (buckets[^1].Value != Value(family + "_count"))
            {
                throw new FormatException($"{family}: le=\"+Inf\" must equal _count");
            }

            _ = Value(family + "_sum");
        }
    }

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.*)$")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"",?)*)\})? (?<value>[-+]?(\d+(\.\d*)?([eE][-+]?\d+)?|\.\d+|Inf|NaN))$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>([^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
