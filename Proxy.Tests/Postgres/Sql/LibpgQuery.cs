using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Proxy.Tests.Postgres.Sql;

/// <summary>
/// libpg_query (PostgreSQL's own parser as a library, Debian package libpg-query-dev) through P/Invoke:
/// <c>pg_query_parse</c> returns the parse tree as JSON.
/// </summary>
internal static class LibpgQuery
{
    private const string Library = "pg_query";

    public const string InstallCommand = "sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y libpg-query-dev";

    // Debian ships the shared object as libpg_query.so.1504.0 (runtime package) with a libpg_query.so
    // link from the -dev package; the resolver tries both, then the multiarch directories by path.
    private static readonly string[] s_candidates =
    [
        "libpg_query.so",
        "libpg_query.so.1504.0",
        "/usr/lib/x86_64-linux-gnu/libpg_query.so.1504.0",
        "/usr/lib/aarch64-linux-gnu/libpg_query.so.1504.0",
        "/usr/lib/x86_64-linux-gnu/libpg_query.so",
        "/usr/lib/aarch64-linux-gnu/libpg_query.so",
    ];

    private static readonly Lazy<IntPtr> s_handle = new(Load);

    static LibpgQuery() => NativeLibrary.SetDllImportResolver(typeof(LibpgQuery).Assembly, Resolve);

    /// <summary>Null when the library loads; otherwise why not, with the install command.</summary>
    public static string? LoadError => s_handle.Value == IntPtr.Zero
        ? $"libpg_query is not installed (looked for {string.Join(", ", s_candidates)}). Install it with:\n  {InstallCommand}"
        : null;

    /// <summary>The JSON parse tree of <paramref name="sql"/>, or null and PostgreSQL's error message.</summary>
    public static string? Parse(string sql, out string? error)
    {
        var input = Encoding.UTF8.GetBytes(sql + "\0");
        var result = pg_query_parse(input);
        try
        {
            if (result.Error != IntPtr.Zero)
            {
                error = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(result.Error)) ?? "(no message)";
                return null;
            }

            error = null;
            return Marshal.PtrToStringUTF8(result.ParseTree);
        }
        finally
        {
            pg_query_free_parse_result(result);
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
        => name == Library ? s_handle.Value : IntPtr.Zero;

    private static IntPtr Load()
    {
        foreach (var candidate in s_candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PgQueryParseResult
    {
        public IntPtr ParseTree;
        public IntPtr StderrBuffer;
        public IntPtr Error; // PgQueryError*; its first field is char* message
    }

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern PgQueryParseResult pg_query_parse(byte[] input);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern void pg_query_free_parse_result(PgQueryParseResult result);
}
