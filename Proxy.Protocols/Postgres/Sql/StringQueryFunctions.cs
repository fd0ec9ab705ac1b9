using System.Text;

namespace Proxy.Protocols.Postgres.Sql;

/// <summary>
/// Built-in functions that run a query, or read a relation, named in a string argument (PostgreSQL docs, "XML
/// Functions" 9.15.4, "Text Search Functions" 9.13, the dblink module): `query_to_xml('select secret from people', …)`
/// reads `people` though no name in the statement says so. A statement that calls one is dynamic SQL whose reads
/// cannot be listed.
/// </summary>
internal static class StringQueryFunctions
{
    private static readonly byte[][] Names = [.. new[]
    {
        "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema",
        "table_to_xml", "table_to_xmlschema", "table_to_xml_and_xmlschema",
        "schema_to_xml", "schema_to_xmlschema", "schema_to_xml_and_xmlschema",
        "database_to_xml", "database_to_xmlschema", "database_to_xml_and_xmlschema",
        "cursor_to_xml", "cursor_to_xmlschema",
        "ts_stat", "ts_rewrite",
        "dblink", "dblink_exec", "dblink_open", "dblink_send_query",
    }.Select(Encoding.ASCII.GetBytes)];

    /// <summary>Whether <paramref name="token"/> of <paramref name="sql"/>, called (a '(' follows it), is one of them.</summary>
    public static bool Is(ReadOnlySpan<byte> sql, in Token token)
    {
        var name = token.Kind switch
        {
            TokenKind.Word => sql.Slice(token.Start, token.Length),
            TokenKind.QuotedIdentifier when token.Length > 2 => sql.Slice(token.Start + 1, token.Length - 2),
            _ => default,
        };
        if (name.Length is < 6 or > 30)
        {
            return false;
        }

        foreach (var candidate in Names)
        {
            if (token.Kind == TokenKind.Word ? Ascii.EqualsIgnoreCase(name, candidate) : name.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
