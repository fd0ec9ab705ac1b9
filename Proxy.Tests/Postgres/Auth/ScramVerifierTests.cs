using System.Text;
using Proxy.Protocols.Postgres.Auth;

namespace Proxy.Tests.Postgres.Auth;

public sealed class ScramVerifierTests
{
    // The RFC 7677 password "pencil" with its salt, in PostgreSQL's format.
    private const string Pencil = "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=";

    [Test]
    public void Created_from_the_RFC_password_and_salt_it_formats_as_PostgreSQL_would()
    {
        var verifier = ScramVerifier.Create("pencil", Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);

        Assert.That(verifier.Format(), Is.EqualTo(Pencil));
    }

    [Test]
    public void Parse_then_format_gives_the_text_back()
    {
        var verifier = ScramVerifier.Parse(Pencil);

        Assert.That(verifier.Iterations, Is.EqualTo(4096));
        Assert.That(Convert.ToBase64String(verifier.Salt), Is.EqualTo("W22ZaJ0SNY7soEsUEjb6gQ=="));
        Assert.That(verifier.Format(), Is.EqualTo(Pencil));
        Assert.That(verifier.Verifies("pencil"), Is.True);
        Assert.That(verifier.Verifies("pencil "), Is.False);
    }

    [Test]
    public void A_created_verifier_has_a_fresh_16_byte_salt_and_the_default_iterations()
    {
        var one = ScramVerifier.Create("pw");
        var two = ScramVerifier.Create("pw");

        Assert.That(one.Salt.Length, Is.EqualTo(16));
        Assert.That(one.Iterations, Is.EqualTo(ScramVerifier.DefaultIterations).And.EqualTo(4096));
        Assert.That(one.Salt.SequenceEqual(two.Salt), Is.False);
        Assert.That(one.Verifies("pw") && two.Verifies("pw"), Is.True);
        Assert.That(ScramVerifier.Create("pw", 5000).Format(), Does.StartWith("SCRAM-SHA-256$5000:"));
    }

    [Test]
    public void ToString_hides_the_keys()
    {
        var verifier = ScramVerifier.Parse(Pencil);

        Assert.That(verifier.ToString(), Is.EqualTo("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$(keys hidden)"));
    }

    [TestCase(999)]
    [TestCase(10_000_001)]
    [TestCase(0)]
    public void Create_refuses_an_iteration_count_out_of_bounds(int iterations) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ScramVerifier.Create("pw", iterations));

    [TestCase(null, "not a SCRAM-SHA-256 verifier", TestName = "verifier: null")]
    [TestCase("", "not a SCRAM-SHA-256 verifier", TestName = "verifier: empty")]
    [TestCase("md5a3556571e93b0d20722ba62be61e8c2d", "not a SCRAM-SHA-256 verifier", TestName = "verifier: an MD5 hash")]
    [TestCase("hunter2", "not a SCRAM-SHA-256 verifier", TestName = "verifier: a plain password")]
    [TestCase("scram-sha-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", "not a SCRAM-SHA-256 verifier", TestName = "verifier: mechanism in lower case")]
    [TestCase("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==", "malformed", TestName = "verifier: no keys")]
    [TestCase("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=", "malformed", TestName = "verifier: one key")]
    [TestCase("SCRAM-SHA-256$4096$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", "malformed", TestName = "verifier: no salt")]
    [TestCase("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=$", "malformed", TestName = "verifier: trailing dollar")]
    [TestCase("SCRAM-SHA-256$abc:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", "iteration count", TestName = "verifier: iterations not a number")]
    [TestCase("SCRAM-SHA-256$-4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", "iteration count", TestName = "verifier: negative iterations")]
    [TestCase("SCRAM-SHA-256$999:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", "iteration count", TestName = "verifier: too few iterations")]
    [TestCase("SCRAM-SHA-256$99999999999:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", "iteration count", TestName = "verifier: iterations overflow an int")]
    [TestCase("SCRAM-SHA-256$4096:$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", "salt", TestName = "verifier: empty salt")]
    [TestCase("SCRAM-SHA-256$4096:W22ZaJ0SNY7s*EsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", "salt", TestName = "verifier: salt not base64")]
    [TestCase("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4q=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", "StoredKey", TestName = "verifier: StoredKey not base64")]
    [TestCase("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$W22ZaJ0SNY7soEsUEjb6gQ==:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", "StoredKey", TestName = "verifier: StoredKey of 16 bytes")]
    [TestCase("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:", "ServerKey", TestName = "verifier: empty ServerKey")]
    [TestCase("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=: wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=", "ServerKey", TestName = "verifier: whitespace in a key")]
    public void Parse_refuses_a_malformed_verifier_without_quoting_it(string? text, string problem)
    {
        Assert.That(ScramVerifier.TryParse(text, out var verifier, out var error), Is.False);
        Assert.That(verifier, Is.Null);
        Assert.That(error, Does.Contain(problem));
        Assert.That(error, Does.Not.Contain("WG5d8oPm").And.Not.Contain("wfPLwcE6").And.Not.Contain("hunter2"));
        var thrown = Assert.Throws<FormatException>(() => ScramVerifier.Parse(text!));
        Assert.That(thrown.Message, Is.EqualTo(error));
    }

    [Test]
    public void Md5_response_is_md5_of_md5_of_password_and_user_then_salt()
    {
        Assert.That(Encoding.ASCII.GetString(Md5Password.Compute("pencil", "user", [1, 2, 3, 4])), Is.EqualTo("md54376eb6913b38f9aaff38dc7cf19ca76"));
        Assert.That(Encoding.ASCII.GetString(Md5Password.Compute("pässwörd", "postgres", [0xde, 0xad, 0xbe, 0xef])), Is.EqualTo("md55e5c61ac4cbcd6a1c67d510117ee65ab"));
        Assert.Throws<ArgumentException>(() => Md5Password.Compute("pw", "user", [1, 2, 3]));
    }

    [TestCase("plain ascii", "plain ascii", TestName = "saslprep: ASCII is used as is")]
    [TestCase("ctl\u0007ascii", "ctl\u0007ascii", TestName = "saslprep: ASCII control characters too (PostgreSQL's fast path)")]
    [TestCase("pässwörd", "pässwörd", TestName = "saslprep: NFC non-ASCII is unchanged")]
    [TestCase("a\u00A0b\u3000c", "a b c", TestName = "saslprep: non-ASCII spaces map to U+0020")]
    [TestCase("so\u00ADft\u2060hy", "softhy", TestName = "saslprep: soft hyphen and word joiner map to nothing")]
    [TestCase("zero\u200Bwidth", "zero width", TestName = "saslprep: U+200B maps to a space, as in PostgreSQL's C.1.2 table, before B.1")]
    [TestCase("\u00AD", "\u00AD", TestName = "saslprep: empty after mapping falls back to the raw password")]
    [TestCase("priv\uE000ate", "priv\uE000ate", TestName = "saslprep: private use is prohibited, so the raw password")]
    [TestCase("\u05D0\u05D1", "\u05D0\u05D1", TestName = "saslprep: right-to-left only is allowed")]
    [TestCase("\u05D0a\u05D1", "\u05D0a\u05D1", TestName = "saslprep: right-to-left mixed with left-to-right falls back to raw")]
    [TestCase("\u05D0\u00A0\u05D1", "\u05D0 \u05D1", TestName = "saslprep: right-to-left with a mapped space")]
    public void SaslPrep_prepares_passwords_as_PostgreSQL_does(string password, string expected) =>
        Assert.That(Encoding.UTF8.GetString(SaslPrep.PreparePassword(password)), Is.EqualTo(expected));
}
