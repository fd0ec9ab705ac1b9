using System.Buffers;
using System.Buffers.Binary;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Protocols.Postgres.Masking;

/// <summary>
/// Masks the rows of a `COPY … TO STDOUT` in text or CSV format (PostgreSQL COPY, "File Formats"). The server
/// sends one row per CopyData message; each field is decoded (text: backslash escapes; CSV: quotes), masked by
/// its column's mask as a DataRow value would be, and encoded again. A row nothing changes is reported unchanged
/// and forwarded as its own bytes.
/// </summary>
internal sealed class CopyRowMask(ResultMask values, CopyFormat format)
{
    private readonly MaskScratch _decoded = new();
    private readonly MaskScratch _masked = new();
    private readonly MaskScratch _row = new();
    private bool _headerPending = format.Header;

    public ResultMask Values => values;

    /// <summary>
    /// Masks one row (<paramref name="data"/>: a CopyData message's data). When a value changes, writes the whole
    /// rewritten CopyData message and returns true; else writes nothing and returns false.
    /// </summary>
    public bool TryRewrite(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        if (_headerPending)
        {
            // The header line holds column names, not values.
            _headerPending = false;
            return false;
        }

        var line = data.Length > 0 && data[^1] == (byte)'\n' ? data[..^1] : data;
        _row.Reset();
        var changed = false;
        var column = 0;
        var at = 0;
        while (true)
        {
            var end = format.Csv ? CsvFieldEnd(line, at) : TextFieldEnd(line, at);
            var field = line[at..end];
            changed |= MaskField(column, field);
            column++;
            if (end >= line.Length)
            {
                break;
            }

            _row.GetSpan(1)[0] = format.Delimiter;
            _row.Advance(1);
            at = end + 1;
        }

        if (!changed)
        {
            return false;
        }

        if (column != values.Columns.Count)
        {
            PostgresProtocolException.Throw($"COPY row with {column} fields for a result of {values.Columns.Count} columns");
        }

        if (line.Length < data.Length)
        {
            _row.GetSpan(1)[0] = (byte)'\n';
            _row.Advance(1);
        }

        var span = output.GetSpan(5 + _row.Count);
        span[0] = (byte)BackendMessageType.CopyData;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], 4 + _row.Count);
        _row.Written.CopyTo(span[5..]);
        output.Advance(5 + _row.Count);
        return true;
    }

    /// <summary>Masks one field into the row; true when it changed.</summary>
    private bool MaskField(int column, ReadOnlySpan<byte> field)
    {
        if (column >= values.Columns.Count || IsNull(field))
        {
            Append(field);
            return false;
        }

        var value = format.Csv ? DecodeCsv(field) : DecodeText(field);
        _masked.Reset();
        var state = values.Mask(column, value, _masked);
        switch (state)
        {
            case FieldState.Masked:
                if (format.Csv)
                {
                    EncodeCsv(_masked.Written);
                }
                else
                {
                    EncodeText(_masked.Written);
                }

                return true;
            case FieldState.Null:
                Append(format.Null);
                return true;
            default:
                Append(field);
                return false;
        }
    }

    /// <summary>The NULL string, written unquoted (a quoted one in CSV is the string itself).</summary>
    private bool IsNull(ReadOnlySpan<byte> field) => field.SequenceEqual(format.Null);

    private static int TextFieldEnd(ReadOnlySpan<byte> line, int at, byte delimiter)
    {
        for (var i = at; i < line.Length; i++)
        {
            if (line[i] == (byte)'\\')
            {
                i++;
            }
            else if (line[i] == delimiter)
            {
                return i;
            }
        }

        return line.Length;
    }

    private int TextFieldEnd(ReadOnlySpan<byte> line, int at) => TextFieldEnd(line, at, format.Delimiter);

    private int CsvFieldEnd(ReadOnlySpan<byte> line, int at)
    {
        var quoted = false;
        for (var i = at; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == format.Escape && format.Escape != format.Quote && i + 1 < line.Length)
                {
                    i++;
                }
                else if (c == format.Quote)
                {
                    if (format.Escape == format.Quote && i + 1 < line.Length && line[i + 1] == format.Quote)
                    {
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
            }
            else if (c == format.Quote)
            {
                quoted = true;
            }
            else if (c == format.Delimiter)
            {
                return i;
            }
        }

        return line.Length;
    }

    /// <summary>Text format: backslash escapes (\b \f \n \r \t \v, octal \ooo, hex \xhh, any other character as itself).</summary>
    private ReadOnlySpan<byte> DecodeText(ReadOnlySpan<byte> field)
    {
        if (field.IndexOf((byte)'\\') < 0)
        {
            return field;
        }

        _decoded.Reset();
        var output = _decoded.GetSpan(field.Length);
        var n = 0;
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (c != (byte)'\\' || i + 1 >= field.Length)
            {
                output[n++] = c;
                continue;
            }

            c = field[++i];
            switch (c)
            {
                case (byte)'b': output[n++] = 8; break;
                case (byte)'f': output[n++] = 12; break;
                case (byte)'n': output[n++] = 10; break;
                case (byte)'r': output[n++] = 13; break;
                case (byte)'t': output[n++] = 9; break;
                case (byte)'v': output[n++] = 11; break;
                case >= (byte)'0' and <= (byte)'7':
                    var octal = c - '0';
                    for (var k = 0; k < 2 && i + 1 < field.Length && field[i + 1] is >= (byte)'0' and <= (byte)'7'; k++)
                    {
                        octal = (octal * 8) + (field[++i] - '0');
                    }

                    output[n++] = (byte)octal;
                    break;
                case (byte)'x' when i + 1 < field.Length && IsHex(field[i + 1]):
                    var hex = Hex(field[++i]);
                    if (i + 1 < field.Length && IsHex(field[i + 1]))
                    {
                        hex = (hex * 16) + Hex(field[++i]);
                    }

                    output[n++] = (byte)hex;
                    break;
                default:
                    output[n++] = c;
                    break;
            }
        }

        _decoded.Advance(n);
        return _decoded.Written;
    }

    private void EncodeText(ReadOnlySpan<byte> value)
    {
        foreach (var c in value)
        {
            byte escaped = c switch
            {
                (byte)'\\' => (byte)'\\',
                8 => (byte)'b',
                12 => (byte)'f',
                10 => (byte)'n',
                13 => (byte)'r',
                9 => (byte)'t',
                11 => (byte)'v',
                _ when c == format.Delimiter => c,
                _ => 0,
            };
            var span = _row.GetSpan(2);
            if (escaped == 0)
            {
                span[0] = c;
                _row.Advance(1);
            }
            else
            {
                span[0] = (byte)'\\';
                span[1] = escaped;
                _row.Advance(2);
            }
        }
    }

    /// <summary>CSV: a quoted field loses its quotes and its escapes; an unquoted one is itself.</summary>
    private ReadOnlySpan<byte> DecodeCsv(ReadOnlySpan<byte> field)
    {
        if (field.IndexOf(format.Quote) < 0)
        {
            return field;
        }

        _decoded.Reset();
        var output = _decoded.GetSpan(field.Length);
        var n = 0;
        var quoted = false;
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (!quoted)
            {
                if (c == format.Quote)
                {
                    quoted = true;
                }
                else
                {
                    output[n++] = c;
                }

                continue;
            }

            if (c == format.Escape && i + 1 < field.Length && (field[i + 1] == format.Quote || field[i + 1] == format.Escape) && !(format.Escape == format.Quote && field[i + 1] != format.Quote))
            {
                output[n++] = field[++i];
            }
            else if (c == format.Quote)
            {
                quoted = false;
            }
            else
            {
                output[n++] = c;
            }
        }

        _decoded.Advance(n);
        return _decoded.Written;
    }

    /// <summary>A masked CSV value is always quoted, so it is never read as the NULL string or split at a delimiter.</summary>
    private void EncodeCsv(ReadOnlySpan<byte> value)
    {
        var span = _row.GetSpan(1);
        span[0] = format.Quote;
        _row.Advance(1);
        foreach (var c in value)
        {
            span = _row.GetSpan(2);
            if (c == format.Quote || (c == format.Escape && format.Escape != format.Quote))
            {
                span[0] = format.Escape;
                span[1] = c;
                _row.Advance(2);
            }
            else
            {
                span[0] = c;
                _row.Advance(1);
            }
        }

        _row.GetSpan(1)[0] = format.Quote;
        _row.Advance(1);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_row.GetSpan(bytes.Length));
        _row.Advance(bytes.Length);
    }

    private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);

    private static int Hex(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
