using System.Buffers;
using System.Buffers.Binary;
using Proxy.Core.Masking;
using Proxy.Protocols.Postgres.Framing;

namespace Proxy.Protocols.Postgres.Masking;

/// <summary>How a value of one result column is read as text.</summary>
internal enum ValueShape : byte
{
    /// <summary>Text: a text-format value of any type, or a binary one whose binary form is its text (text, varchar, name, json, …).</summary>
    Text,

    /// <summary>Binary jsonb: a version byte (1), then the JSON text.</summary>
    Jsonb,

    /// <summary>A binary value of any other type (an int4 is four bytes): no text to scan; a mask makes it NULL.</summary>
    Opaque,
}

/// <summary>What masking does to one result column.</summary>
internal readonly record struct ColumnMasking(ValueMask? Whole, bool TextType, ValueShape Shape, string What, uint Type = 0);

/// <summary>
/// The masks of one result (a RowDescription, or a COPY's columns), column by column, and the DataRow rewriter
/// applying them. Built once per result, off the per-row path; <see cref="TryRewrite"/> then runs per row,
/// allocation-free: a row nothing changes is reported unchanged and the caller forwards its original bytes.
/// </summary>
internal sealed class ResultMask
{
    /// <summary>Types whose text-format values take the string masks (PostgreSQL pg_type OIDs); citext's OID varies per database.</summary>
    private const uint Text = 25, Varchar = 1043, Bpchar = 1042, Name = 19, Json = 114, Jsonb = 3802, Xml = 142, Unknown = 705;

    /// <summary>Types of bounded text width (pg_type OIDs).</summary>
    private const uint Bool = 16, Int2 = 21, Int4 = 23, Oid = 26, Xid = 28, Cid = 29;

    private readonly ColumnMasking[] _columns;
    private readonly PatternMask _patterns;
    private readonly long[] _columnHits;
    private readonly long[] _patternHits;

    public ResultMask(ColumnMasking[] columns, PatternMask patterns)
    {
        _columns = columns;
        _patterns = patterns;
        _columnHits = new long[columns.Length];
        _patternHits = new long[Math.Min(patterns.Rules.Count, 64)];
    }

    public IReadOnlyList<ColumnMasking> Columns => _columns;

    /// <summary>
    /// The masks of the columns a RowDescription describes (PostgreSQL protocol 55.7): origin (table OID, attribute
    /// number), type and format of each. Null when nothing in such rows can change, so they stream through unread.
    /// <paramref name="resultFormats"/>, when given, are a Bind's result-format codes (none: all text; one: all
    /// columns; else one per column), which replace the description's own: a statement's description, kept from
    /// an earlier Describe, serves every Bind of it whatever formats each asks for.
    /// </summary>
    public static ResultMask? ForRowDescription(ReadOnlySequence<byte> body, StatementMasks masks, bool keepAll = false, short[]? resultFormats = null)
    {
        var shortestMatch = masks.Plan.Patterns.MinMatchLength;
        if (!keepAll && !masks.Plan.HasColumnMasks && !masks.ReadsMasked && !AnyScanned(body, masks, resultFormats, shortestMatch))
        {
            // Only patterns apply, and no column's values can hold a match: decided without building the masks.
            return null;
        }

        var reader = new MessageBodyReader(body);
        var count = reader.ReadInt16();
        var citext = masks.Catalog?.CitextOid ?? 0;
        var columns = new ColumnMasking[Math.Max((int)count, 0)];
        for (var i = 0; i < columns.Length; i++)
        {
            var name = reader.ReadCString();
            var table = (uint)reader.ReadInt32();
            var attnum = reader.ReadInt16();
            var type = (uint)reader.ReadInt32();
            reader.ReadInt16();
            reader.ReadInt32();
            var binary = IsBinary(reader.ReadInt16(), i, resultFormats);
            ValueMask? whole;
            var what = name;
            if (table != 0)
            {
                whole = masks.OriginMask(table, attnum, out var column);
                what = whole is null ? name : $"column {column}";
            }
            else
            {
                // No origin: an expression, a function, an aggregate, a whole row. If the statement reads a masked
                // column, this value may be computed from it (lower(email), row_to_json(u)): masked whole. Else a
                // bare column name of a rule still matches it by name (`SELECT get_email() AS email`).
                whole = masks.ReadsMasked ? StatementMasks.Whole : masks.Plan.HasColumnMasks ? masks.Plan.ColumnMask(null, null, name) : null;
                what = whole is null ? name : $"expression {name}";
            }

            // `What` names a column in the audit record only when a column mask applies; patterns are counted by rule.
            columns[i] = Column(whole, type, binary, citext, what, shortestMatch);
        }

        var result = new ResultMask(columns, masks.Plan.Patterns);
        return keepAll || result.CanChange ? result : null;
    }

    /// <summary>Whether the patterns would scan any column's values (pattern masks only: no column is masked whole).</summary>
    private static bool AnyScanned(ReadOnlySequence<byte> body, StatementMasks masks, short[]? resultFormats, int shortestMatch)
    {
        if (masks.Plan.Patterns.IsEmpty)
        {
            return false;
        }

        var reader = new MessageBodyReader(body);
        var count = reader.ReadInt16();
        var citext = masks.Catalog?.CitextOid ?? 0;
        for (var i = 0; i < count; i++)
        {
            reader.ReadCStringBytes();
            reader.ReadBytes(4 + 2);
            var type = (uint)reader.ReadInt32();
            reader.ReadBytes(2 + 4);
            var binary = IsBinary(reader.ReadInt16(), i, resultFormats);
            if (Column(null, type, binary, citext, string.Empty, shortestMatch).Shape != ValueShape.Opaque)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBinary(short described, int column, short[]? resultFormats) => resultFormats switch
    {
        null => described == 1,
        [] => false,
        [var all] => all == 1,
        _ => column < resultFormats.Length && resultFormats[column] == 1,
    };

    /// <summary>
    /// How one column's values are read. <paramref name="shortestMatch"/> is the shortest text the patterns can
    /// match: a text-format value of a type whose text is always shorter (bool, int2, int4, oid) is not scanned.
    /// </summary>
    public static ColumnMasking Column(ValueMask? whole, uint type, bool binary, uint citext, string what, int shortestMatch = 0)
    {
        var textType = type is Text or Varchar or Bpchar or Name or Json or Jsonb or Xml or Unknown || (citext != 0 && type == citext);
        return new ColumnMasking(whole, textType, Shape(type, textType, binary, shortestMatch), what, type);
    }

    private static ValueShape Shape(uint type, bool textType, bool binary, int shortestMatch) =>
        !binary ? (LongestText(type) < shortestMatch ? ValueShape.Opaque : ValueShape.Text)
            : type == Jsonb ? ValueShape.Jsonb
            : textType ? ValueShape.Text
            : ValueShape.Opaque;

    /// <summary>
    /// The same columns' masks for a Bind's result formats (<see cref="ForRowDescription"/>): each column keeps the
    /// mask its origin resolved to, so the catalog is not consulted again. Null when nothing in such rows can change.
    /// </summary>
    public ResultMask? ForFormats(short[] resultFormats)
    {
        var shortestMatch = _patterns.MinMatchLength;
        var columns = new ColumnMasking[_columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var column = _columns[i];
            columns[i] = column with { Shape = Shape(column.Type, column.TextType, IsBinary(0, i, resultFormats), shortestMatch) };
        }

        var result = new ResultMask(columns, _patterns);
        return result.CanChange ? result : null;
    }

    /// <summary>
    /// Whether every origin a RowDescription names is a relation the catalog holds and the only one of its name, so
    /// that the masks resolved from it hold for every execution of the statement while the catalog's generation
    /// does: a name another relation shares could reach that one under another search_path.
    /// </summary>
    public static bool OriginsPinned(ReadOnlySequence<byte> body, MaskCatalog catalog)
    {
        var reader = new MessageBodyReader(body);
        var count = reader.ReadInt16();
        for (var i = 0; i < count; i++)
        {
            reader.ReadCStringBytes();
            var table = (uint)reader.ReadInt32();
            reader.ReadBytes(2 + 4 + 2 + 4 + 2);
            if (table != 0 && !catalog.IsOnlyOfItsName(table))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The longest text form of a type's values (its output function's widest result); int.MaxValue when unbounded.</summary>
    private static int LongestText(uint type) => type switch
    {
        Bool => 1,
        Int2 => 6,
        Int4 => 11,
        Oid or Xid or Cid => 10,
        _ => int.MaxValue,
    };

    /// <summary>Whether any value could be changed: a column mask applies, or patterns run over some text.</summary>
    public bool CanChange
    {
        get
        {
            foreach (var column in _columns)
            {
                if (column.Whole is not null || (!_patterns.IsEmpty && column.Shape != ValueShape.Opaque))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Masks one DataRow (<paramref name="message"/>: type byte, length, body). When a value changes, writes the
    /// whole rewritten message to <paramref name="output"/> and returns true; when none does, writes nothing and
    /// returns false (the caller forwards the original bytes). Throws <see cref="PostgresProtocolException"/> for
    /// a row that does not match its description.
    /// </summary>
    public bool TryRewrite(ReadOnlySpan<byte> message, MaskScratch scratch, IBufferWriter<byte> output)
    {
        var body = message[5..];
        if (body.Length < 2)
        {
            PostgresProtocolException.Throw("DataRow without a column count");
        }

        var count = BinaryPrimitives.ReadInt16BigEndian(body);
        if (count != _columns.Length)
        {
            PostgresProtocolException.Throw($"DataRow with {count} values for a result of {_columns.Length} columns");
        }

        scratch.Reset();
        Span<Field> fields = count <= 128 ? stackalloc Field[count] : new Field[count];
        var at = 2;
        var changed = false;
        var length = 4 + 2;
        for (var i = 0; i < count; i++)
        {
            if (body.Length - at < 4)
            {
                PostgresProtocolException.Throw("DataRow ends inside a value's length");
            }

            var valueLength = BinaryPrimitives.ReadInt32BigEndian(body[at..]);
            at += 4;
            if (valueLength < 0)
            {
                fields[i] = new Field(at, -1, FieldState.Original);
                length += 4;
                continue;
            }

            if (valueLength > body.Length - at)
            {
                PostgresProtocolException.Throw("DataRow ends inside a value");
            }

            var start = scratch.Count;
            var state = Mask(i, body.Slice(at, valueLength), scratch);
            fields[i] = state switch
            {
                FieldState.Masked => new Field(start, scratch.Count - start, state),
                FieldState.Null => new Field(0, -1, state),
                _ => new Field(at, valueLength, state),
            };
            changed |= state != FieldState.Original;
            length += 4 + Math.Max(fields[i].Length, 0);
            at += valueLength;
        }

        if (!changed)
        {
            return false;
        }

        var span = output.GetSpan(1 + length);
        span[0] = (byte)BackendMessageType.DataRow;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
        BinaryPrimitives.WriteInt16BigEndian(span[5..], count);
        var to = 7;
        foreach (var field in fields)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[to..], field.Length);
            to += 4;
            if (field.Length > 0)
            {
                var source = field.State == FieldState.Masked ? scratch.Slice(field.Start, field.Length) : body.Slice(field.Start, field.Length);
                source.CopyTo(span[to..]);
                to += field.Length;
            }
        }

        output.Advance(1 + length);
        return true;
    }

    /// <summary>
    /// Masks one value of column <paramref name="column"/> into <paramref name="scratch"/>. A mask's output that is
    /// not a valid value of the column's type (any text where an int4 was) becomes NULL: drivers read NULL for any
    /// type, never a parse error.
    /// </summary>
    public FieldState Mask(int column, ReadOnlySpan<byte> value, MaskScratch scratch)
    {
        ref readonly var c = ref _columns[column];
        var start = scratch.Count;
        if (c.Whole is { } whole)
        {
            _columnHits[column]++;
            if (c.Shape == ValueShape.Opaque || !c.TextType)
            {
                return FieldState.Null;
            }

            if (c.Shape == ValueShape.Jsonb)
            {
                value = JsonbText(value, scratch);
            }

            if (whole.Apply(value, scratch) == MaskResult.Null)
            {
                scratch.Truncate(start);
                return FieldState.Null;
            }

            return FieldState.Masked;
        }

        if (_patterns.IsEmpty || c.Shape == ValueShape.Opaque)
        {
            return FieldState.Original;
        }

        if (c.Shape == ValueShape.Jsonb)
        {
            value = JsonbText(value, scratch);
        }

        var result = _patterns.Apply(value, scratch, out var rules);
        for (var rule = 0; rules != 0 && rule < _patternHits.Length; rule++, rules >>= 1)
        {
            _patternHits[rule] += (long)(rules & 1);
        }

        switch (result)
        {
            case MaskResult.Unchanged:
                scratch.Truncate(start);
                return FieldState.Original;
            case MaskResult.Written when c.TextType:
                return FieldState.Masked;
            default:
                scratch.Truncate(start);
                return FieldState.Null;
        }
    }

    /// <summary>Adds what this result masked to its statement's counts, and starts counting afresh.</summary>
    public void FlushCounts(StatementMasks masks)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            if (_columnHits[i] > 0)
            {
                masks.Count(_columns[i].What, _columns[i].Whole!.Name, _columnHits[i]);
                _columnHits[i] = 0;
            }
        }

        for (var rule = 0; rule < _patternHits.Length; rule++)
        {
            if (_patternHits[rule] > 0)
            {
                masks.Count($"pattern {masks.Plan.PatternNames[rule]}", _patterns.Rules[rule].Function.Name, _patternHits[rule]);
                _patternHits[rule] = 0;
            }
        }
    }

    /// <summary>Binary jsonb is a version byte and the text: the byte is written ahead of the masked text, the text returned.</summary>
    private static ReadOnlySpan<byte> JsonbText(ReadOnlySpan<byte> value, MaskScratch scratch)
    {
        scratch.GetSpan(1)[0] = value.IsEmpty ? (byte)1 : value[0];
        scratch.Advance(1);
        return value.IsEmpty ? value : value[1..];
    }

    private readonly record struct Field(int Start, int Length, FieldState State);
}

internal enum FieldState : byte
{
    Original,
    Masked,
    Null,
}
