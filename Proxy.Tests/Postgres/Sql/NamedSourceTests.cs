using System.Text;
using Proxy.Protocols.Postgres.Sql;

namespace Proxy.Tests.Postgres.Sql;

/// <summary>DECLARE, FETCH, MOVE, PREPARE and EXECUTE as the proxy reads them to decide a read of a cursor or SQL-prepared statement with the tables that defined it.</summary>
[TestFixture]
public sealed class NamedSourceTests
{
    [TestCase("DECLARE c CURSOR FOR SELECT 1", "DeclaresCursor", "c")]
    [TestCase("declare \"My Cur\" binary insensitive no scroll cursor with hold for select 1", "DeclaresCursor", "My Cur", Description = "quoted: case kept")]
    [TestCase("FETCH ALL FROM C", "ReadsCursor", "c", Description = "unquoted names fold to lower case")]
    [TestCase("fetch c", "ReadsCursor", "c")]
    [TestCase("fetch forward 5 in \"X\"", "ReadsCursor", "X")]
    [TestCase("fetch absolute -2 from c /* last */", "ReadsCursor", "c", Description = "a comment is no token")]
    [TestCase("MOVE LAST IN c", "ReadsCursor", "c")]
    [TestCase("PREPARE q (int, text) AS SELECT $1", "PreparesStatement", "q")]
    [TestCase("prepare q as select 1", "PreparesStatement", "q")]
    [TestCase("PREPARE TRANSACTION 'gid'", "None", null, Description = "two-phase commit prepares no statement")]
    [TestCase("EXECUTE q(1, 'a')", "ExecutesStatement", "q")]
    [TestCase("execute \"Q\"", "ExecutesStatement", "Q")]
    [TestCase("CREATE TABLE t AS EXECUTE q(1)", "ExecutesStatement", "q")]
    [TestCase("create temp table t (a, b) as execute \"Q\"", "ExecutesStatement", "Q", Description = "a column list before AS")]
    [TestCase("create table t as select 1", "None", null)]
    [TestCase("create trigger t after insert on x for each row execute function f()", "None", null, Description = "EXECUTE not after AS")]
    [TestCase("declare U&\"c\\0031\" cursor for select 1", "DeclaresCursor", "c1", Description = "a Unicode-escaped name")]
    [TestCase("fetch all from U&\"c!0032\" UESCAPE '!'", "ReadsCursor", "c2")]
    [TestCase("execute U&\"p\\0033\"", "ExecutesStatement", "p3")]
    [TestCase("create table t as execute U&\"p#0034\" uescape '#'", "ExecutesStatement", "p4")]
    [TestCase("fetch c_123456789_123456789_123456789_123456789_123456789_123456789_123456789", "ReadsCursor", "c_123456789_123456789_123456789_123456789_123456789_123456789_1", Description = "cut to 63 bytes")]
    [TestCase("select 1", "None", null)]
    [TestCase("declare", "None", null)]
    [TestCase("fetch 'c'", "None", null, Description = "a string is no name")]
    public void Reads_the_source_a_statement_names(string sql, string expected, string? name)
    {
        var use = NamedSource.Read(Encoding.UTF8.GetBytes(sql), out var read);

        Assert.That((use.ToString(), read), Is.EqualTo((expected, name)));
    }
}
