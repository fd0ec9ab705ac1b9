using System.Text;
using Proxy.Protocols.Postgres.Sql;

namespace Proxy.Tests.Postgres.Sql;

/// <summary>DEALLOCATE and DISCARD as the proxy reads them to forget prepared statements the client dropped in SQL.</summary>
[TestFixture]
public sealed class PreparedStatementDropTests
{
    [TestCase("deallocate p1", "one", "p1")]
    [TestCase("DEALLOCATE PREPARE P1", "one", "p1", Description = "unquoted names fold to lower case")]
    [TestCase("deallocate \"P \"\"1\"\"\"", "one", "P \"1\"", Description = "quoted: case and doubled quotes kept")]
    [TestCase("deallocate prepare", "one", "prepare", Description = "a statement may be named prepare")]
    [TestCase("deallocate prepare prepare", "one", "prepare")]
    [TestCase("deallocate /* c */ all", "all", null)]
    [TestCase("DEALLOCATE PREPARE ALL", "all", null)]
    [TestCase("deallocate", "all", null, Description = "not valid SQL: counted as all, to be safe")]
    [TestCase("deallocate u&\"p\\0031\"", "one", "p1", Description = "a Unicode-escaped name")]
    [TestCase("discard all", "all", null)]
    [TestCase("DISCARD ALL", "all", null)]
    [TestCase("discard plans", "none", null)]
    [TestCase("discard temp", "none", null)]
    [TestCase("discard sequences", "none", null)]
    [TestCase("fetch all from c", "none", null)]
    [TestCase("close all", "none", null)]
    public void Reads_what_a_statement_drops(string sql, string expected, string? name)
    {
        var dropped = PreparedStatementDrop.Read(Encoding.UTF8.GetBytes(sql), out var read);

        Assert.That((dropped.ToString().ToLowerInvariant(), read), Is.EqualTo((expected, name)));
    }
}
