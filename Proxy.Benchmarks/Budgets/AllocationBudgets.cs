using System.Text.Json;

namespace Proxy.Benchmarks.Budgets;

/// <summary>
/// The checked-in allocation budgets (bench/allocation-budgets.json): benchmark → most bytes allocated per
/// operation. A key is <c>Type.Method</c> and holds for every parameter case of that benchmark.
/// </summary>
internal sealed record AllocationBudgets(IReadOnlyDictionary<string, long> Limits)
{
    public static AllocationBudgets Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("budgets", out var budgets) || budgets.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: expected an object with a \"budgets\" object (\"Type.Method\": bytes per operation)");
        }

        var limits = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var budget in budgets.EnumerateObject())
        {
            if (budget.Name.Split('.') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                throw new InvalidDataException($"{path}: \"{budget.Name}\" is not Type.Method");
            }

            if (budget.Value.ValueKind != JsonValueKind.Number || !budget.Value.TryGetInt64(out var bytes) || bytes < 0)
            {
                throw new InvalidDataException($"{path}: \"{budget.Name}\" needs a whole number of bytes, 0 or more");
            }

            limits.Add(budget.Name, bytes);
        }

        return limits.Count > 0 ? new AllocationBudgets(limits) : throw new InvalidDataException($"{path}: no budget in \"budgets\"");
    }

    public bool Covers(string typeName, string methodName) => Limits.ContainsKey($"{typeName}.{methodName}");
}
