using System.Text;
using Proxy.Protocols.Postgres.Auth;
using static Proxy.Tests.Postgres.Auth.ScramExchangeTests;

namespace Proxy.Tests.Postgres.Auth;

/// <summary>
/// The upstream SCRAM key cache: a login with cached keys sends exactly what a login that ran PBKDF2 sends, keys
/// go in only once a server has signed the exchange, and any change of role, password, salt or count misses.
/// </summary>
public sealed class ScramKeyCacheTests
{
    [Test]
    public void A_second_exchange_takes_the_keys_from_the_cache_and_sends_the_RFC_7677_proof()
    {
        var cache = new ScramKeyCache();

        var first = RfcExchange(cache, RfcPassword);
        var second = RfcExchange(cache, RfcPassword);

        Assert.That(first, Is.EqualTo((RfcClientFinal, true)));
        Assert.That(second, Is.EqualTo((RfcClientFinal, true)), "the cached keys give the same proof and check the same signature");
        Assert.That((cache.Misses, cache.Hits, cache.Count), Is.EqualTo((1, 1, 1)));
    }

    [Test]
    public void Keys_enter_the_cache_only_when_the_server_signature_is_right()
    {
        var cache = new ScramKeyCache();

        using (var client = new ScramClientExchange(RfcPassword, "user", RfcClientNonce, "role", cache))
        {
            client.CreateClientFirst();
            client.HandleServerFirst(Encoding.ASCII.GetBytes(RfcServerFirst));
            var final = client.HandleServerFinal(Encoding.ASCII.GetBytes("v=" + Convert.ToBase64String(new byte[32])));
            Assert.That(final.Succeeded, Is.False);
        }

        using (var abandoned = new ScramClientExchange(RfcPassword, "user", RfcClientNonce, "role", cache))
        {
            // The server never answers: the exchange is disposed after the proof was sent.
            abandoned.CreateClientFirst();
            abandoned.HandleServerFirst(Encoding.ASCII.GetBytes(RfcServerFirst));
        }

        Assert.That((cache.Misses, cache.Hits, cache.Count), Is.EqualTo((2, 0, 0)));
    }

    [Test]
    public void A_wrong_password_misses_the_entry_of_the_right_one_and_fails_as_without_a_cache()
    {
        var cache = new ScramKeyCache();
        RfcExchange(cache, RfcPassword);

        var wrong = RfcExchange(cache, "pencil2");

        Assert.That(wrong.ClientFinal, Is.Not.EqualTo(RfcClientFinal));
        Assert.That(wrong.SignatureAccepted, Is.False, "the server signature is checked against keys derived from this password");
        Assert.That((cache.Misses, cache.Hits, cache.Count), Is.EqualTo((2, 0, 1)));
    }

    [Test]
    public void The_lookup_key_changes_with_every_input_and_holds_no_password_bytes()
    {
        var cache = new ScramKeyCache();
        byte[] password = "secret"u8.ToArray(), salt = [1, 2, 3, 4];
        var key = cache.KeyFor("role", password, salt, 4096);

        Assert.That(cache.KeyFor("role", password, salt, 4096), Is.EqualTo(key), "deterministic within the process");
        Assert.That(
            new[]
            {
                cache.KeyFor("role2", password, salt, 4096),
                cache.KeyFor("role", "secreT"u8, salt, 4096),
                cache.KeyFor("role", password, [1, 2, 3, 5], 4096),
                cache.KeyFor("role", password, salt, 4097),

                // Fields are length-prefixed: moving a byte from one field to the next is another key.
                cache.KeyFor("rol", "esecret"u8, salt, 4096),
            },
            Has.None.EqualTo(key));
        Assert.That(new ScramKeyCache().KeyFor("role", password, salt, 4096), Is.Not.EqualTo(key), "keyed by a per-process secret");
    }

    [Test]
    public void The_least_recently_used_entry_is_evicted_at_capacity()
    {
        var cache = new ScramKeyCache(capacity: 2);
        var keys = Enumerable.Range(0, 3).Select(i => cache.KeyFor($"role{i}", "pw"u8, [1], 4096)).ToArray();
        var entry = new byte[ScramKeyCache.EntryLength];
        cache.Add(keys[0], entry);
        cache.Add(keys[1], entry);
        Assert.That(cache.TryGet(keys[0], entry), Is.True, "role0 is now the most recently used");

        cache.Add(keys[2], entry);

        Assert.That(cache.Count, Is.EqualTo(2));
        Assert.That(
            keys.Select(k => cache.TryGet(k, new byte[ScramKeyCache.EntryLength])),
            Is.EqualTo(new[] { true, false, true }));
    }

    [Test]
    public void Clear_forgets_every_entry()
    {
        var cache = new ScramKeyCache();
        RfcExchange(cache, RfcPassword);

        cache.Clear();

        Assert.That(cache.Count, Is.Zero);
        Assert.That(RfcExchange(cache, RfcPassword), Is.EqualTo((RfcClientFinal, true)));
        Assert.That((cache.Misses, cache.Hits), Is.EqualTo((2, 0)));
    }

    /// <summary>The RFC 7677 exchange with <paramref name="password"/>: the client-final-message and whether the RFC's server signature checked.</summary>
    private static (string ClientFinal, bool SignatureAccepted) RfcExchange(ScramKeyCache cache, string password)
    {
        using var client = new ScramClientExchange(password, "user", RfcClientNonce, "role", cache);
        client.CreateClientFirst();
        var final = client.HandleServerFirst(Encoding.ASCII.GetBytes(RfcServerFirst));
        Assert.That(final.Succeeded, Is.True, final.FailureReason);
        var done = client.HandleServerFinal(Encoding.ASCII.GetBytes(RfcServerFinal));
        return (Encoding.ASCII.GetString(final.Message.Span), done.Succeeded);
    }
}
