using System.Globalization;
using System.Text;

namespace Proxy.Benchmarks.Policy;

/// <summary>
/// Policies of any size, shaped like real ones: every rule different (no rule shadows another), a mix of
/// string, list, set, glob, address, hour and regex conditions, and of block, approve, mask, log and audit rules.
/// </summary>
internal static class GeneratedPolicy
{
    public static string Rules(int first, int count)
    {
        var text = new StringBuilder();
        for (var i = first; i < first + count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            text.Append((i % 10) switch
            {
                0 => $"rule r{n} \"no unscoped writes on db{n}\" {{ when db == \"db{n}\" and sql.kind in [update, delete] and not sql.where then block \"add a WHERE\" }}\n",
                1 => $"rule r{n} {{ when groups has \"team{n}\" and sql.kind not in [select, show, explain] then approve(by: \"lead{n}\", timeout: 15m) }}\n",
                2 => $"rule r{n} {{ when user like \"svc-{n}-*\" and sql.tables any in [\"public.t{n}\", \"public.u{n}\"] then mask column [\"email\", \"phone\"] with partial(keep: 4) }}\n",
                3 => $"rule r{n} {{ when client.ip in [\"10.{i % 250}.{i / 250}.0/24\"] and time.hour in [1, 2, 3, 4] then log \"night access {n}\" }}\n",
                4 => $"rule r{n} {{ when db.user == \"role{n}\" and sql.kind in [drop, truncate, alter] then approve(by: dba) }}\n",
                5 => $"rule r{n} {{ when listener == \"l{n}\" and sql.multi then block \"one statement at a time\" }}\n",
                6 => $"rule r{n} {{ when user in [\"u{n}\", \"v{n}\", \"w{n}\"] and sql.kind == copy then block }}\n",
                7 => i % 50 == 7
                    ? $"rule r{n} mode audit {{ when sql.text ~ /pg_sleep_{n}/i then block }}\n"
                    : $"rule r{n} mode audit {{ when sql.dynamic and db == \"db{n}\" then block }}\n",
                8 => $"rule r{n} {{ when groups any in [\"g{n}\", \"h{n}\"] and time.weekday in [sat, sun] then log \"weekend {n}\" }}\n",
                _ => $"rule r{n} {{ when db like \"prod_*\" and sql.tables any in [\"public.t{n}\", \"public.v{n}\"] then mask pattern credit_card with redact }}\n",
            });
        }

        return text.ToString();
    }

    /// <summary>Writes <paramref name="rules"/> rules into <paramref name="files"/> files of a new temporary directory.</summary>
    public static string WriteDirectory(int rules, int files)
    {
        var directory = Directory.CreateTempSubdirectory("proxy-bench-policy-").FullName;
        var perFile = rules / files;
        for (var file = 0; file < files; file++)
        {
            var header = file == 0 ? "version 1\ndefault allow\nlist pii = [\"public.users\", \"public.payments\"]\n" : string.Empty;
            File.WriteAllText(Path.Combine(directory, $"p{file:D3}.rules"), header + Rules(file * perFile, perFile));
        }

        return directory;
    }
}
