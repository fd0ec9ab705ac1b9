using System.Text;
using BenchmarkDotNet.Attributes;
using Proxy.Protocols.Postgres.Auth;

namespace Proxy.Benchmarks.Auth;

/// <summary>
/// The CPU of the two SCRAM-SHA-256 exchanges of one <c>Auth: held</c> login, on the RFC 7677 test vector (4096
/// iterations, as PostgreSQL's default): the proxy as the client to the server (<see cref="UpstreamPbkdf2"/>,
/// <see cref="UpstreamCachedKeys"/>) and as the server to the client (<see cref="ClientProofCheck"/>, which
/// uses the stored verifier: HMACs, no PBKDF2).
/// </summary>
/// <remarks>
/// <see cref="UpstreamPbkdf2"/> is the baseline: what every upstream login cost before the keys were cached.
/// The connect+auth storm of the macro harness shows the same difference as proxy CPU per connection.
/// </remarks>
public class ScramLoginBenchmarks
{
    private const string Password = "pencil";
    private const string ClientNonce = "rOprNGfwEbeRWgbNEkqO";
    private const string ServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private const string Salt = "W22ZaJ0SNY7soEsUEjb6gQ==";

    private static readonly byte[] ServerFirst = Encoding.ASCII.GetBytes($"r={ClientNonce}{ServerNonce},s={Salt},i=4096");
    private static readonly byte[] ServerFinal = Encoding.ASCII.GetBytes("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    private static readonly byte[] ClientFirst = Encoding.ASCII.GetBytes($"n,,n=user,r={ClientNonce}");
    private static readonly byte[] ClientFinal = Encoding.ASCII.GetBytes($"c=biws,r={ClientNonce}{ServerNonce},p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");

    private readonly ScramVerifier _verifier = ScramVerifier.Create(Password, Convert.FromBase64String(Salt), 4096);
    private readonly ScramKeyCache _cache = new();

    [GlobalSetup]
    public void WarmCache() => UpstreamCachedKeys();

    [Benchmark(Baseline = true)]
    public bool UpstreamPbkdf2() => Upstream(cache: null);

    [Benchmark]
    public bool UpstreamCachedKeys() => Upstream(_cache);

    [Benchmark]
    public bool ClientProofCheck()
    {
        var server = new ScramServerExchange(_verifier, "user", ServerNonce);
        server.HandleClientFirst(ClientFirst);
        return server.HandleClientFinal(ClientFinal).Succeeded && server.IsAuthenticated
            ? true
            : throw new InvalidOperationException("the RFC 7677 client-final-message did not verify");
    }

    private static bool Upstream(ScramKeyCache? cache)
    {
        using var client = new ScramClientExchange(Password, "user", ClientNonce, "role", cache);
        client.CreateClientFirst();
        client.HandleServerFirst(ServerFirst);
        return client.HandleServerFinal(ServerFinal).Succeeded
            ? true
            : throw new InvalidOperationException("the RFC 7677 server signature did not verify");
    }
}
