using System.Buffers;
using System.Text;

namespace Proxy.Core.Masking;

/// <summary>
/// The UTF-16 form of one value for the regex detectors, decoded on first use and at most once, into pooled
/// arrays. Invalid UTF-8 decodes to U+FFFD per maximal invalid subsequence, and every UTF-16 index maps back to
/// the byte offset of its sequence, so a regex match always covers whole sequences of the original bytes.
/// </summary>
internal ref struct TextScan
{
    private readonly ReadOnlySpan<byte> _utf8;
    private char[]? _chars;
    private int[]? _byteOffsets;
    private int _length;
    private bool _decoded;

    public TextScan(ReadOnlySpan<byte> utf8) => _utf8 = utf8;

    public ReadOnlySpan<char> Chars
    {
        get
        {
            if (!_decoded)
            {
                Decode();
            }

            return _chars.AsSpan(0, _length);
        }
    }

    public readonly int ByteStart(int charIndex) => _byteOffsets is null ? charIndex : _byteOffsets[charIndex];

    /// <summary>An end inside a surrogate pair rounds up to the end of the pair.</summary>
    public readonly int ByteEnd(int charIndex)
    {
        if (_byteOffsets is null)
        {
            return charIndex;
        }

        return charIndex < _length && char.IsLowSurrogate(_chars![charIndex]) ? _byteOffsets[charIndex + 1] : _byteOffsets[charIndex];
    }

    public void Dispose()
    {
        if (_chars is not null)
        {
            ArrayPool<char>.Shared.Return(_chars);
            _chars = null;
        }

        if (_byteOffsets is not null)
        {
            ArrayPool<int>.Shared.Return(_byteOffsets);
            _byteOffsets = null;
        }
    }

    private void Decode()
    {
        _decoded = true;

        // Every byte decodes to at most one UTF-16 unit (a 4-byte sequence to two), so the byte count bounds the length.
        _chars = ArrayPool<char>.Shared.Rent(Math.Max(_utf8.Length, 1));
        if (Ascii.ToUtf16(_utf8, _chars, out _length) == OperationStatus.Done)
        {
            return;
        }

        _byteOffsets = ArrayPool<int>.Shared.Rent(_utf8.Length + 1);
        _length = 0;
        var offset = 0;
        while (offset < _utf8.Length)
        {
            Rune.DecodeFromUtf8(_utf8[offset..], out var rune, out var consumed);
            var units = rune.EncodeToUtf16(_chars.AsSpan(_length));
            for (var i = 0; i < units; i++)
            {
                _byteOffsets[_length + i] = offset;
            }

            _length += units;
            offset += consumed;
        }

        _byteOffsets[_length] = _utf8.Length;
    }
}
