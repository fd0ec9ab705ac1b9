using System.Collections.Frozen;

namespace Proxy.Core.Policy;

/// <summary>The type of a request field, which decides the operators and values it accepts.</summary>
public enum FieldType
{
    Text,
    TextList,
    Flag,
    Number,
    IpAddress,
    Protocol,
    StatementKind,
    Weekday,
}

/// <summary>Every name the v1 language knows: fields, statement kinds, protocols, mask functions and patterns.</summary>
public static class PolicyVocabulary
{
    /// <summary>The v1 fields. Statement fields use the names of the PostgreSQL statement classifier.</summary>
    public static readonly FrozenDictionary<string, FieldType> Fields = new Dictionary<string, FieldType>(StringComparer.Ordinal)
    {
        ["protocol"] = FieldType.Protocol,
        ["listener"] = FieldType.Text,
        ["user"] = FieldType.Text,
        ["groups"] = FieldType.TextList,
        ["client.ip"] = FieldType.IpAddress,
        ["db"] = FieldType.Text,
        ["db.user"] = FieldType.Text,
        ["sql.kind"] = FieldType.StatementKind,
        ["sql.tables"] = FieldType.TextList,
        ["sql.where"] = FieldType.Flag,
        ["sql.multi"] = FieldType.Flag,
        ["sql.cte_write"] = FieldType.Flag,
        ["sql.dynamic"] = FieldType.Flag,
        ["sql.unknown"] = FieldType.Flag,
        ["sql.text"] = FieldType.Text,
        ["time.hour"] = FieldType.Number,
        ["time.weekday"] = FieldType.Weekday,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>`given sql = "…"` supplies the statement text; the test runner classifies it into the sql.* fields.</summary>
    public const string GivenStatement = "sql";

    public static readonly FrozenSet<string> StatementKinds = FrozenSet.Create(StringComparer.Ordinal,
    [
        "select", "insert", "update", "delete", "merge", "copy", "create", "alter", "drop", "truncate", "grant",
        "revoke", "begin", "commit", "rollback", "savepoint", "set", "show", "explain", "prepare", "execute", "call",
        "do", "vacuum", "analyze", "lock", "listen", "notify", "other", "unknown",
    ]);

    public static readonly FrozenSet<string> Protocols = FrozenSet.Create(StringComparer.Ordinal, ["tcp", "postgres", "mysql", "ssh", "http"]);

    public static readonly FrozenSet<string> Weekdays = FrozenSet.Create(StringComparer.Ordinal,
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);

    public static readonly FrozenSet<string> MaskFunctions = FrozenSet.Create(StringComparer.Ordinal, ["redact", "null", "hash", "email", "partial", "fixed"]);

    public static readonly FrozenSet<string> MaskPatterns = FrozenSet.Create(StringComparer.Ordinal,
        ["email", "credit_card", "ssn", "phone", "iban", "jwt", "aws_key", "private_key"]);

    public static readonly FrozenSet<string> ApproveArguments = FrozenSet.Create(StringComparer.Ordinal, ["by", "timeout", "mode", "grant"]);

    public static readonly FrozenSet<string> ApproveModes = FrozenSet.Create(StringComparer.Ordinal, ["hold", "retry"]);

    public static string Describe(FieldType type) => type switch
    {
        FieldType.Text => "a string",
        FieldType.TextList => "a list of strings",
        FieldType.Flag => "a boolean",
        FieldType.Number => "a number",
        FieldType.IpAddress => "an IP address",
        FieldType.Protocol => "a protocol",
        FieldType.StatementKind => "a statement kind",
        _ => "a weekday",
    };
}
