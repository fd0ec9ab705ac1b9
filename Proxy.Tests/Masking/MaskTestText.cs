using System.Buffers;
using System.Text;
using Proxy.Core.Masking;

namespace Proxy.Tests.Masking;

/// <summary>Runs masks over strings, for readable assertions.</summary>
internal static class MaskTestText
{
    public static readonly byte[] HashKey = "test-hash-key-0123456789"u8.ToArray();

    public static (MaskResult Result, string Text) Apply(ValueMask function, string value) => Apply(function, Encoding.UTF8.GetBytes(value));

    public static (MaskResult Result, string Text) Apply(ValueMask function, byte[] value)
    {
        var output = new ArrayBufferWriter<byte>();
        var result = function.Apply(value, output);
        return (result, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    public static (MaskResult Result, string Text) Apply(PatternMask mask, string value)
    {
        var output = new ArrayBufferWriter<byte>();
        var result = mask.Apply(Encoding.UTF8.GetBytes(value), output);
        return (result, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    /// <summary>The text of every match, in order.</summary>
    public static string[] Matches(ValuePattern pattern, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return pattern.Matches(bytes).Select(range => Encoding.UTF8.GetString(bytes[range])).ToArray();
    }
}
