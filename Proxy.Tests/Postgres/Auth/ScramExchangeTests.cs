using System.Text;
using Proxy.Protocols.Postgres.Auth;

namespace Proxy.Tests.Postgres.Auth;

/// <summary>Both SCRAM-SHA-256 exchanges against the RFC 7677 test vector, against each other, and against bad messages.</summary>
public sealed class ScramExchangeTests
{
    // RFC 7677 section 3.
    private const string RfcUser = "user";
    internal const string RfcPassword = "pencil";
    internal const string RfcClientNonce = "rOprNGfwEbeRWgbNEkqO";
    private const string RfcServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private const string RfcSalt = "W22ZaJ0SNY7soEsUEjb6gQ==";
    private const string RfcClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    internal const string RfcServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    internal const string RfcClientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    internal const string RfcServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
    private const string RfcNonce = RfcClientNonce + RfcServerNonce;

    private static ScramVerifier RfcVerifier => ScramVerifier.Create(RfcPassword, Convert.FromBase64String(RfcSalt), 4096);

    [Test]
    public void Client_produces_the_RFC_7677_messages()
    {
        using var client = new ScramClientExchange(RfcPassword, RfcUser, RfcClientNonce);

        Assert.That(Text(client.CreateClientFirst()), Is.EqualTo(RfcClientFirst));
        var final = client.HandleServerFirst(Bytes(RfcServerFirst));
        Assert.That(final.Succeeded, Is.True, final.FailureReason);
        Assert.That(Text(final.Message), Is.EqualTo(RfcClientFinal));
        var done = client.HandleServerFinal(Bytes(RfcServerFinal));
        Assert.That(done.Succeeded, Is.True, done.FailureReason);
        Assert.That(done.Message.IsEmpty, Is.True);
        Assert.That(client.IsComplete, Is.True);
    }

    [Test]
    public void Server_produces_the_RFC_7677_messages()
    {
        var server = new ScramServerExchange(RfcVerifier, RfcUser, RfcServerNonce);

        var first = server.HandleClientFirst(Bytes(RfcClientFirst));
        Assert.That(first.Succeeded, Is.True, first.FailureReason);
        Assert.That(Text(first.Message), Is.EqualTo(RfcServerFirst));
        var final = server.HandleClientFinal(Bytes(RfcClientFinal));
        Assert.That(final.Succeeded, Is.True, final.FailureReason);
        Assert.That(Text(final.Message), Is.EqualTo(RfcServerFinal));
        Assert.That(server.IsAuthenticated, Is.True);
    }

    [Test]
    public void Our_client_logs_in_to_our_server_with_the_right_password()
    {
        var verifier = ScramVerifier.Create("s3cret-ü");
        var (server, client) = (new ScramServerExchange(verifier, "alice"), new ScramClientExchange("s3cret-ü"));
        using (client)
        {
            var first = server.HandleClientFirst(client.CreateClientFirst());
            Assert.That(Text(first.Message), Does.StartWith("r=").And.Contain(",s=").And.EndWith(",i=4096"));
            var clientFinal = client.HandleServerFirst(first.Message.Span);
            var serverFinal = server.HandleClientFinal(clientFinal.Message.Span);
            Assert.That(serverFinal.Succeeded, Is.True, serverFinal.FailureReason);
            Assert.That(client.HandleServerFinal(serverFinal.Message.Span).Succeeded, Is.True);
        }
    }

    [Test]
    public void Our_server_refuses_a_wrong_password_and_says_why_only_in_the_reason()
    {
        var server = new ScramServerExchange(ScramVerifier.Create("right"), "alice");
        using var client = new ScramClientExchange("wrong");

        var first = server.HandleClientFirst(client.CreateClientFirst());
        var final = server.HandleClientFinal(client.HandleServerFirst(first.Message.Span).Message.Span);

        Assert.That(final.Succeeded, Is.False);
        Assert.That(server.IsAuthenticated, Is.False);
        Assert.That(final.FailureReason, Does.Contain("wrong password").And.Contain("alice").And.Not.Contain("right"));
        Assert.That(ScramServerExchange.FailureMessage("alice"), Is.EqualTo("password authentication failed for user \"alice\""));
        Assert.That(ScramServerExchange.FailureSqlState, Is.EqualTo("28P01"));
    }

    [Test]
    public void Our_client_refuses_a_server_that_accepts_the_proof_but_cannot_sign()
    {
        // The StoredKey is right, the ServerKey is not: such a server has our proof checked, but is not the database.
        var real = ScramVerifier.Create("pw");
        var impostor = ScramVerifier.FromKeys(real.Iterations, real.Salt.ToArray(), real.StoredKey.ToArray(), new byte[32]);
        var server = new ScramServerExchange(impostor, "alice");
        using var client = new ScramClientExchange("pw");

        var first = server.HandleClientFirst(client.CreateClientFirst());
        var serverFinal = server.HandleClientFinal(client.HandleServerFirst(first.Message.Span).Message.Span);
        Assert.That(serverFinal.Succeeded, Is.True, serverFinal.FailureReason);
        var done = client.HandleServerFinal(serverFinal.Message.Span);

        Assert.That(done.Succeeded, Is.False);
        Assert.That(done.FailureReason, Does.Contain("server signature is wrong"));
        Assert.That(client.IsComplete, Is.False);
    }

    [Test]
    public void An_unknown_user_goes_through_every_step_and_fails_with_a_stable_salt()
    {
        var server = ScramServerExchange.ForUnknownUser("mallory");
        using var client = new ScramClientExchange("anything");

        var first = server.HandleClientFirst(client.CreateClientFirst());
        Assert.That(first.Succeeded, Is.True);
        var final = server.HandleClientFinal(client.HandleServerFirst(first.Message.Span).Message.Span);

        Assert.That(final.Succeeded, Is.False);
        Assert.That(final.FailureReason, Does.Contain("no such identity"));
        var again = ScramServerExchange.ForUnknownUser("mallory").HandleClientFirst(Bytes("n,,n=,r=abc"));
        Assert.That(Text(again.Message).Split(',')[1], Is.EqualTo(Text(first.Message).Split(',')[1]), "same salt for the same name");
    }

    [Test]
    public void The_y_flag_is_accepted_with_its_own_channel_binding()
    {
        var server = new ScramServerExchange(RfcVerifier, RfcUser, RfcServerNonce);
        server.HandleClientFirst(Bytes("y,,n=user,r=" + RfcClientNonce));

        // The proof covers c=eSws, so the RFC proof does not fit; only the channel-binding check is under test.
        var final = server.HandleClientFinal(Bytes($"c=eSws,r={RfcNonce},p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        Assert.That(final.FailureReason, Does.Contain("wrong password"));
    }

    [TestCase("", "no gs2 channel-binding flag", TestName = "client-first: empty")]
    [TestCase("p=tls-server-end-point,,n=,r=abc", "SCRAM-SHA-256-PLUS is not offered", TestName = "client-first: channel binding required (p=)")]
    [TestCase("x,,n=,r=abc", "no gs2 channel-binding flag", TestName = "client-first: unknown gs2 flag")]
    [TestCase("n,a=admin,n=,r=abc", "authorization identity", TestName = "client-first: authzid")]
    [TestCase("n,n=,r=abc", "gs2 header not closed", TestName = "client-first: gs2 header missing its second comma")]
    [TestCase("n,,m=ext,n=,r=abc", "unsupported SCRAM extension", TestName = "client-first: mandatory extension")]
    [TestCase("n,,r=abc", "expected n=<user>,r=<nonce>", TestName = "client-first: no user attribute")]
    [TestCase("n,,n=", "expected n=<user>,r=<nonce>", TestName = "client-first: no nonce")]
    [TestCase("n,,n=,r=", "expected n=<user>,r=<nonce>", TestName = "client-first: empty nonce")]
    [TestCase("n,,n=,r=ab c", "expected n=<user>,r=<nonce>", TestName = "client-first: nonce with a space")]
    [TestCase("n,,n=,r=abc,", "expected n=<user>,r=<nonce>", TestName = "client-first: trailing comma")]
    [TestCase("n,,n=,r=abc,junk", "expected n=<user>,r=<nonce>", TestName = "client-first: extension that is not a=value")]
    public void Server_refuses_a_malformed_client_first(string message, string reason)
    {
        var server = new ScramServerExchange(RfcVerifier, RfcUser, RfcServerNonce);

        var step = server.HandleClientFirst(Bytes(message));

        Assert.That(step.Succeeded, Is.False);
        Assert.That(step.FailureReason, Does.Contain(reason));
        Assert.Throws<InvalidOperationException>(() => server.HandleClientFinal(Bytes(RfcClientFinal)), "a failed exchange is over");
    }

    [TestCase("c=biws,r=" + RfcNonce, "no proof", TestName = "client-final: no proof")]
    [TestCase("c=eSws,r=" + RfcNonce + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "channel binding", TestName = "client-final: c=eSws after n,,")]
    [TestCase("c=cD10bHMtdW5pcXVlLCw=,r=" + RfcNonce + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "channel binding", TestName = "client-final: channel binding data after n,,")]
    [TestCase("c=!!!!,r=" + RfcNonce + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "expected c=", TestName = "client-final: c= not base64")]
    [TestCase("r=" + RfcNonce + ",c=biws,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "expected c=", TestName = "client-final: attributes out of order")]
    [TestCase("c=biws,r=" + RfcClientNonce + "X,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "nonce", TestName = "client-final: tampered nonce")]
    [TestCase("c=biws,r=" + RfcClientNonce + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "nonce", TestName = "client-final: client nonce only")]
    [TestCase("c=biws,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "expected r=", TestName = "client-final: no nonce")]
    [TestCase("c=biws,r=" + RfcNonce + ",p=eHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "wrong password", TestName = "client-final: tampered proof")]
    [TestCase("c=biws,r=" + RfcNonce + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ", "proof is not 32 bytes", TestName = "client-final: proof not base64 (padding lost)")]
    [TestCase("c=biws,r=" + RfcNonce + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7And", "proof is not 32 bytes", TestName = "client-final: proof too short")]
    [TestCase("c=biws,r=" + RfcNonce + ",p=", "proof is not 32 bytes", TestName = "client-final: empty proof")]
    public void Server_refuses_a_bad_client_final(string message, string reason)
    {
        var server = new ScramServerExchange(RfcVerifier, RfcUser, RfcServerNonce);
        Assert.That(server.HandleClientFirst(Bytes(RfcClientFirst)).Succeeded, Is.True);

        var step = server.HandleClientFinal(Bytes(message));

        Assert.That(step.Succeeded, Is.False);
        Assert.That(step.FailureReason, Does.Contain(reason));
        Assert.Throws<InvalidOperationException>(() => _ = step.Message, "a failure has no message to send");
    }

    [TestCase("r=someoneelse,s=" + RfcSalt + ",i=4096", "does not extend the client nonce", TestName = "server-first: foreign nonce")]
    [TestCase("r=" + RfcClientNonce + ",s=" + RfcSalt + ",i=4096", "does not extend the client nonce", TestName = "server-first: nonce adds nothing")]
    [TestCase("m=ext,r=" + RfcNonce + ",s=" + RfcSalt + ",i=4096", "unsupported SCRAM extension", TestName = "server-first: mandatory extension")]
    [TestCase("r=" + RfcNonce + ",i=4096", "expected s=", TestName = "server-first: no salt")]
    [TestCase("r=" + RfcNonce + ",s=,i=4096", "expected s=", TestName = "server-first: empty salt")]
    [TestCase("r=" + RfcNonce + ",s=%%%,i=4096", "expected s=", TestName = "server-first: salt not base64")]
    [TestCase("r=" + RfcNonce + ",s=" + RfcSalt, "expected i=", TestName = "server-first: no iteration count")]
    [TestCase("r=" + RfcNonce + ",s=" + RfcSalt + ",i=-1", "expected i=", TestName = "server-first: negative iteration count")]
    [TestCase("r=" + RfcNonce + ",s=" + RfcSalt + ",i=999", "outside 1000..10000000", TestName = "server-first: too few iterations")]
    [TestCase("r=" + RfcNonce + ",s=" + RfcSalt + ",i=10000001", "outside 1000..10000000", TestName = "server-first: too many iterations")]
    [TestCase("", "expected r=", TestName = "server-first: empty")]
    public void Client_refuses_a_bad_server_first(string message, string reason)
    {
        using var client = new ScramClientExchange(RfcPassword, RfcUser, RfcClientNonce);
        client.CreateClientFirst();

        var step = client.HandleServerFirst(Bytes(message));

        Assert.That(step.Succeeded, Is.False);
        Assert.That(step.FailureReason, Does.Contain(reason).And.Not.Contain(RfcPassword));
    }

    [TestCase("e=invalid-proof", "the server reports an error: invalid-proof", TestName = "server-final: server error")]
    [TestCase("v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", "server signature is wrong", TestName = "server-final: tampered signature")]
    [TestCase("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4", "expected v=", TestName = "server-final: signature not base64")]
    [TestCase("v=", "expected v=", TestName = "server-final: empty signature")]
    [TestCase("", "expected v=", TestName = "server-final: empty")]
    public void Client_refuses_a_bad_server_final(string message, string reason)
    {
        using var client = new ScramClientExchange(RfcPassword, RfcUser, RfcClientNonce);
        client.CreateClientFirst();
        Assert.That(client.HandleServerFirst(Bytes(RfcServerFirst)).Succeeded, Is.True);

        var step = client.HandleServerFinal(Bytes(message));

        Assert.That(step.Succeeded, Is.False);
        Assert.That(step.FailureReason, Does.Contain(reason));
        Assert.That(client.IsComplete, Is.False);
    }

    [Test]
    public void Steps_out_of_order_are_a_programming_error()
    {
        using var client = new ScramClientExchange("pw");
        Assert.Throws<InvalidOperationException>(() => client.HandleServerFirst(Bytes(RfcServerFirst)));

        var server = new ScramServerExchange(RfcVerifier, RfcUser);
        Assert.Throws<InvalidOperationException>(() => server.HandleClientFinal(Bytes(RfcClientFinal)));
    }

    [Test]
    public void The_client_escapes_its_user_name_as_a_saslname()
    {
        using var client = new ScramClientExchange("pw", "a=b,c", "nonce");

        Assert.That(Text(client.CreateClientFirst()), Is.EqualTo("n,,n=a=3Db=2Cc,r=nonce"));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
