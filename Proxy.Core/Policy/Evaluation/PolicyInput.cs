using System.Net;

namespace Proxy.Core.Policy.Evaluation;

/// <summary>
/// The v1 fields of one command, as the rules see them (docs/policy-language.md, Fields). A missing value
/// (null text, no hour) satisfies no positive comparison: `db == "x"` and `db in […]` are false, `db != "x"`
/// and `db not in […]` are true. Protocols, statement kinds and weekday names are lower case.
/// </summary>
public readonly record struct PolicyInput
{
    public string? Protocol { get; init; }

    public string? Listener { get; init; }

    public string? User { get; init; }

    public IReadOnlyList<string> Groups { get; init; }

    public IPAddress? ClientIp { get; init; }

    public string? Db { get; init; }

    public string? DbUser { get; init; }

    public string? SqlKind { get; init; }

    public IReadOnlyList<string> SqlTables { get; init; }

    public bool SqlWhere { get; init; }

    public bool SqlMulti { get; init; }

    public bool SqlCteWrite { get; init; }

    public bool SqlDynamic { get; init; }

    public bool SqlUnknown { get; init; }

    public string? SqlText { get; init; }

    public int? TimeHour { get; init; }

    public DayOfWeek? TimeWeekday { get; init; }

    public PolicyInput()
    {
        Groups = [];
        SqlTables = [];
    }
}
