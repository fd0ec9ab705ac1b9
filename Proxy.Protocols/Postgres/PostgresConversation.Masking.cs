using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.RegularExpressions;
using Proxy.Core.Masking;
using Proxy.Core.SessionLog;
using Proxy.Protocols.Postgres.Framing;
using Proxy.Protocols.Postgres.Masking;

namespace Proxy.Protocols.Postgres;

/// <summary>
/// Result masking (docs/masking.md): the client loop compiles each statement's masks and resolves the relations it
/// reads through the catalog before it is sent; the server loop builds a <see cref="ResultMask"/> per RowDescription
/// and rewrites the DataRows of that result. Rows of statements without masks stream through unread, as before.
/// </summary>
internal sealed partial class PostgresConversation
{
    /// <summary>Statements that change the catalog: the masking catalog cache starts over when one passes.</summary>
    private static readonly HashSet<string> CatalogChanging = new(StringComparer.Ordinal) { "create", "alter", "drop", "unknown", "do", "call" };

    /// <summary>Statements that write what they read into a table: refused when they read a masked column (docs/masking.md).</summary>
    private static readonly HashSet<string> DataMoving = new(StringComparer.Ordinal) { "create", "insert", "update", "merge" };

    /// <summary>
    /// Statements whose reads the classifier cannot list: they count as reading masked columns. `other` holds
    /// FETCH, whose rows come from a cursor declared by an earlier statement.
    /// </summary>
    private static readonly HashSet<string> Opaque = new(StringComparer.Ordinal) { "unknown", "do", "execute", "call", "prepare", "other" };

    private readonly MaskScratch _scratch = new();

    /// <summary>The masks of the result whose rows are passing now; null when they pass unread. Server loop only.</summary>
    private ResultMask? _rows;

    private StatementMasks? _rowsOf;

    /// <summary>The result passing now has been checked for masks set up at its first row (<see cref="StartKeptShapeResult"/>). Server loop only.</summary>
    private bool _resultAsked;

    /// <summary>The RowDescription about to be handled again has had its origins looked up. Server loop only.</summary>
    private bool _originsLookedUp;

    /// <summary>The masks of the COPY whose rows are passing now; null when they pass unread. Server loop only.</summary>
    private CopyRowMask? _copy;

    /// <summary>
    /// Before statements with column masks are sent: the relations they name are looked up in the catalog (once,
    /// then cached), whether they read a masked column is settled, and statements that would copy masked values
    /// into a table, or out through binary COPY, are refused. The refusal to send, or null.
    /// </summary>
    private async ValueTask<ErrorFields?> PrepareMasksAsync(StatementRun[] runs)
    {
        foreach (var run in runs)
        {
            if (CatalogChanging.Contains(run.Kind))
            {
                _handler.Masking.Invalidate();
            }

            if (run.Masks is not { } masks)
            {
                continue;
            }

            if (masks.Plan.HasColumnMasks)
            {
                var rule = run.Decision.Masks.FirstOrDefault(m => m.Columns is not null)?.RuleId;
                if (_handler.Masking.For(_database!) is not { } catalog)
                {
                    return new ErrorFields(ErrorFields.Error, ErrorFields.InsufficientPrivilege,
                        $"policy rule {rule} masks columns, which needs the proxy's own catalog connection, and this passthrough listener has no CatalogUser; the statement is refused rather than answered unmasked");
                }

                try
                {
                    await catalog.EnsureAsync(run.Tables, _session.Aborted).ConfigureAwait(false);
                }
                catch (CatalogException ex)
                {
                    PostgresLog.CatalogFailed(_handler.Logger, _session.Id, ex.Message);
                    return new ErrorFields(ErrorFields.Error, ErrorFields.PrerequisiteMissing,
                        $"statement not run: policy rule {rule} masks columns and {ex.Message}");
                }

                masks.Catalog = catalog;
                var masked = run.Tables.SelectMany(catalog.Named).Where(masks.RelationReadsMasked).ToList();
                masks.ReadsMasked = masked.Count > 0 || Opaque.Contains(run.Kind);
                if (DataMoving.Contains(run.Kind) && run.Tables.Count >= 2 && !CreatesView(run) && masked.Count > 0 && masks.FirstMaskedColumn(masked[0]) is var (column, columnRule))
                {
                    return new ErrorFields(ErrorFields.Error, ErrorFields.InsufficientPrivilege,
                        $"statement refused: it would copy column {column}, masked by policy rule {columnRule ?? rule}, into a table");
                }
            }

            if (run.Kind == "copy" && await PrepareCopyAsync(run, masks).ConfigureAwait(false) is { } copyRefusal)
            {
                return copyRefusal;
            }
        }

        return null;
    }

    /// <summary>
    /// A `COPY … TO STDOUT` with masks: its format is read from the statement and, when it reads a masked column,
    /// its query is described through the catalog so each field is masked by its column's origin and type.
    /// Binary COPY, and forms that cannot be read, are refused.
    /// </summary>
    private async ValueTask<ErrorFields?> PrepareCopyAsync(StatementRun run, StatementMasks masks)
    {
        var rule = run.Decision.Masks[0].RuleId;
        if (!ToStdout().IsMatch(run.Text))
        {
            // COPY FROM, or to a file on the server: no rows reach the client (a binary import is fine).
            return null;
        }

        if (IsBinaryCopy(run.Text))
        {
            return new ErrorFields(ErrorFields.Error, ErrorFields.InsufficientPrivilege,
                $"binary COPY cannot be masked (policy rule {rule} masks this statement's results): use COPY in text or CSV format");
        }

        if (!CopyFormat.TryRead(run.Text, out var format, out var problem))
        {
            return problem is null ? null : new ErrorFields(ErrorFields.Error, ErrorFields.InsufficientPrivilege,
                $"COPY refused: policy rule {rule} masks its results and {problem}, which masking cannot read");
        }

        masks.Copy = format;
        if (masks.ReadsMasked && masks.Catalog is { } catalog)
        {
            try
            {
                var description = await catalog.DescribeAsync(format!.Source, _session.Aborted).ConfigureAwait(false);
                masks.CopyColumns = ResultMask.ForRowDescription(new ReadOnlySequence<byte>(description), masks, keepAll: true);
            }
            catch (CatalogException ex)
            {
                return new ErrorFields(ErrorFields.Error, ErrorFields.PrerequisiteMissing,
                    $"COPY not run: policy rule {rule} masks columns it reads and {ex.Message}");
            }
        }

        return null;
    }

    /// <summary>
    /// CopyOutResponse (PostgreSQL protocol 55.7): the rows that follow are masked when the statement has masks.
    /// Binary rows carry no types to mask by; the statement was refused before it ran if it said BINARY, so binary
    /// rows here mean a form the check did not see, and the session ends rather than pass them unmasked.
    /// </summary>
    private void OnCopyOut(in PostgresMessage message)
    {
        if (CurrentMasks() is not { } masks)
        {
            return;
        }

        var reader = new MessageBodyReader(message.Body);
        var binary = reader.ReadByte() != 0;
        var columns = reader.ReadInt16();
        if (binary)
        {
            PostgresProtocolException.Throw("a binary COPY of results the policy masks: it cannot be masked, and is not passed on");
        }

        var values = masks.CopyColumns;
        if (values is null || values.Columns.Count != columns)
        {
            // No column masks apply (or the description differs): every field is text, scanned by the patterns.
            var text = new ColumnMasking[Math.Max((int)columns, 0)];
            Array.Fill(text, ResultMask.Column(masks.ReadsMasked && values is not null ? StatementMasks.Whole : null, 25, binary: false, citext: 0, "copy field"));
            values = new ResultMask(text, masks.Plan.Patterns);
        }

        var format = masks.Copy ?? CopyFormat.Text;
        StartCopy(values.CanChange ? new CopyRowMask(values, format) : null, masks);
    }

    /// <summary>CREATE VIEW stores a query, not values: reading the view is masked through it (docs/masking.md, Views).</summary>
    private static bool CreatesView(StatementRun run) => run.Kind == "create" && CreateView().IsMatch(run.Text);

    /// <summary>COPY … BINARY, WITH BINARY, or (FORMAT binary): the binary format carries no types to mask by.</summary>
    private static bool IsBinaryCopy(string text) => BinaryWord().IsMatch(text);

    [GeneratedRegex(@"^\s*create\s+(or\s+replace\s+)?((temp|temporary)\s+)?(materialized\s+|recursive\s+)?view\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreateView();

    [GeneratedRegex(@"\bbinary\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BinaryWord();

    [GeneratedRegex(@"\bto\s+stdout\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ToStdout();

    /// <summary>
    /// An Execute of a portal this connection did not Bind (a cursor declared in SQL is a portal too): decided as the
    /// FETCH it is (kind `other`) with the tables of the cursor's DECLARE, or as an unknown statement when the proxy did
    /// not see it declared (a function's cursor). Its rows are masked by the columns' origins, since nothing else says
    /// what they are.
    /// </summary>
    private PreparedStatement UnboundPortal(string portal)
    {
        var sources = _decider.Sources;
        return DecideUnseen($"(portal \"{portal}\")", sources.DeclaredCursor(portal) ? "other" : "unknown", sources.TablesOfCursor(portal));
    }

    /// <summary>
    /// Before an Execute of a statement with masks whose rows' shape is not known yet (<see cref="ShapeKnownBeforeRows"/>):
    /// a Describe of the portal, whose RowDescription the server loop takes for itself. It gives the result's columns
    /// with the formats Bind chose, so every row of the Execute is masked by what it is, whatever the client described
    /// (or did not) before.
    /// </summary>
    private void DescribeForMasking(PipeWriter upstream, string portal, StatementRun run, PreparedStatement? statement)
    {
        // Under column masks the answer is always wanted: its columns are resolved and kept for later Executes.
        var keeps = statement is { ShapeIsFixed: true } && (statement.Description is null || run.Masks!.Plan.HasColumnMasks);
        MessageWriter.WriteDescribe(upstream, (byte)'P', portal);
        _pending.Enqueue(new PendingResponse { Expected = Expected.Describe, MaskFor = run, DescriptionOf = keeps ? statement : null });
    }

    /// <summary>
    /// The first row of a result, when it still streams unread: an Execute sent without the proxy's own Describe
    /// (<see cref="PendingResponse.RowsOf"/>) sets up its masks now, from its statement's kept description and its
    /// Bind's formats. True when the row is to be masked. Asked once per result.
    /// </summary>
    private bool StartKeptShapeResult()
    {
        _resultAsked = true;
        if (!_pending.TryPeek(out var head) || head.Expected != Expected.Execute || head.RowsOf is not { } statement
            || head.Statements is not [{ Masks: { } masks }, ..])
        {
            return false;
        }

        if (!statement.HasRowShape(masks, head.KeptColumns))
        {
            // Cannot happen: the description came before the Execute was sent or was asked for just ahead of it.
            // Rows without one cannot be masked, and must not pass unmasked.
            PostgresProtocolException.Throw("rows of a masked statement arrived before its description");
        }

        StartResult(statement.RowMask(head.ResultFormats!, masks, head.KeptColumns), masks);
        _resultAsked = true;
        return _rows is not null;
    }

    /// <summary>
    /// A RowDescription of a statement with column masks naming origins the catalog cache does not hold (a cursor's
    /// tables, a relation created since): what to look up before the description is handled, once per message;
    /// null to handle it now.
    /// </summary>
    private OriginLookup? MissingOrigins(in PostgresMessage message)
    {
        if (message.Type != (byte)BackendMessageType.RowDescription || _originsLookedUp)
        {
            _originsLookedUp = false;
            return null;
        }

        if (!_pending.TryPeek(out var head))
        {
            return null;
        }

        var masks = head.MaskFor?.Masks
            ?? (head.Expected == Expected.QueryCycle && head.Statements is { } statements && head.Completed < statements.Length ? statements[head.Completed].Masks : null);
        if (masks is not { Catalog: { } catalog, Plan.HasColumnMasks: true })
        {
            return null;
        }

        List<uint>? missing = null;
        var reader = new MessageBodyReader(message.Body);
        var count = reader.ReadInt16();
        for (var i = 0; i < count; i++)
        {
            reader.ReadCString();
            var table = (uint)reader.ReadInt32();
            reader.ReadBytes(2 + 4 + 2 + 4 + 2);
            if (table != 0 && !catalog.TryGet(table, out _))
            {
                (missing ??= []).Add(table);
            }
        }

        return missing is null ? null : new OriginLookup(catalog, missing);
    }

    /// <summary>Looks up the origins; a failure leaves them unresolved, and their columns are masked whole.</summary>
    private async Task ResolveOriginsAsync(OriginLookup lookup)
    {
        _originsLookedUp = true;
        try
        {
            await lookup.Catalog.EnsureRelationsAsync(lookup.Tables, _session.Aborted).ConfigureAwait(false);
        }
        catch (CatalogException ex)
        {
            PostgresLog.CatalogFailed(_handler.Logger, _session.Id, ex.Message);
        }
    }

    /// <summary>A RowDescription or NoData the proxy asked for itself: it sets up the masks and is not forwarded.</summary>
    private bool OnMaskingDescription(in PostgresMessage message)
    {
        if (!_pending.TryPeek(out var head) || head.Expected != Expected.Describe || head.MaskFor is not { Masks: { } masks })
        {
            return false;
        }

        _pending.TryDequeue(out _);
        head.DescriptionOf?.Described(message);
        if (head.DescriptionOf is { } statement && masks is { Plan.HasColumnMasks: true, Catalog: { } catalog })
        {
            StartResult(statement.ResolveColumns(message, masks, catalog), masks);
            return true;
        }

        StartResult(message.Type == (byte)BackendMessageType.RowDescription ? ResultMask.ForRowDescription(message.Body, masks) : null, masks);
        return true;
    }

    /// <summary>A RowDescription of a simple Query's statement: its rows are masked by the statement's masks.</summary>
    private void OnQueryRowDescription(in PostgresMessage message)
    {
        if (_pending.TryPeek(out var head) && head.Expected == Expected.QueryCycle
            && head.Statements is { } statements && head.Completed < statements.Length && statements[head.Completed].Masks is { } masks)
        {
            StartResult(ResultMask.ForRowDescription(message.Body, masks), masks);
        }
    }

    private void StartResult(ResultMask? rows, StatementMasks masks)
    {
        EndResult();
        _rows = rows;
        _rowsOf = masks;
    }

    private void StartCopy(CopyRowMask? copy, StatementMasks masks)
    {
        EndResult();
        _copy = copy;
        _rowsOf = masks;
    }

    /// <summary>Forwards a CopyData row of a masked COPY: rewritten when a value changes, else its own bytes.</summary>
    private void OnMaskedCopyRow(in PostgresMessage message, PipeWriter client)
    {
        var body = message.Body;
        if (body.IsSingleSegment)
        {
            if (!_copy!.TryRewrite(body.FirstSpan, client))
            {
                MessageWriter.WriteRaw(client, message.Raw);
            }

            return;
        }

        var copy = body.ToArray();
        if (!_copy!.TryRewrite(copy, client))
        {
            MessageWriter.WriteRaw(client, message.Raw);
        }
    }

    /// <summary>The result is over (completion, error, suspension): its counts go to its statement, and rows stream again.</summary>
    private void EndResult()
    {
        if (_rowsOf is not null)
        {
            _rows?.FlushCounts(_rowsOf);
            _copy?.Values.FlushCounts(_rowsOf);
        }

        _rows = null;
        _copy = null;
        _rowsOf = null;
        _resultAsked = false;
    }

    /// <summary>Forwards a DataRow of a masked result: rewritten when a value changes, else its own bytes.</summary>
    private void OnMaskedRow(in PostgresMessage message, PipeWriter client)
    {
        var raw = message.Raw;
        if (raw.IsSingleSegment)
        {
            if (!_rows!.TryRewrite(raw.FirstSpan, _scratch, client))
            {
                MessageWriter.WriteRaw(client, raw);
            }

            return;
        }

        var length = (int)raw.Length;
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            raw.CopyTo(copy);
            if (!_rows!.TryRewrite(copy.AsSpan(0, length), _scratch, client))
            {
                client.Write(copy.AsSpan(0, length));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>The masks of the statement the server is answering now, or null.</summary>
    private StatementMasks? CurrentMasks()
    {
        if (!_pending.TryPeek(out var head))
        {
            return null;
        }

        if (head.MaskFor is { Masks: { } described })
        {
            return described;
        }

        return head.Statements is { } statements && head.Completed < statements.Length ? statements[head.Completed].Masks : null;
    }

    /// <summary>
    /// ErrorResponse and NoticeResponse text can carry a value (`invalid input syntax for type integer:
    /// "alice@example.com"`, `Key (email)=(…) already exists`). For a statement with masks, pattern masks run over
    /// every text field; for one that reads a masked column, quoted text in the message is redacted and the
    /// detail, context and internal query (which quote data) are withheld. Codes, SQLSTATE and positions are kept,
    /// so clients still handle the error. True when the report was rewritten and written; <paramref name="text"/>
    /// is then its message, for the session log.
    /// </summary>
    private bool TryMaskReport(in PostgresMessage message, PipeWriter client, out string? text)
    {
        text = null;
        if (CurrentMasks() is not { } masks)
        {
            return false;
        }

        var fields = new List<(byte Code, string Value)>();
        var reader = new MessageBodyReader(message.Body);
        while (!reader.End && reader.ReadByte() is var code and not 0)
        {
            fields.Add((code, reader.ReadCString()));
        }

        var changed = false;
        for (var i = 0; i < fields.Count; i++)
        {
            var (code, value) = fields[i];
            if (code is (byte)'S' or (byte)'V' or (byte)'C' or (byte)'P' or (byte)'p' or (byte)'F' or (byte)'L' or (byte)'R')
            {
                continue;
            }

            var masked = value;
            if (masks.ReadsMasked)
            {
                masked = code switch
                {
                    (byte)'M' => RedactQuoted(value),
                    (byte)'D' or (byte)'W' or (byte)'q' => "[withheld: the statement reads masked columns]",
                    _ => value,
                };
            }

            masked = MaskPatterns(masks, masked);

            if (!ReferenceEquals(masked, value) && masked != value)
            {
                fields[i] = (code, masked);
                changed = true;
            }
        }

        if (!changed)
        {
            return false;
        }

        var body = new ArrayBufferWriter<byte>();
        foreach (var (code, value) in fields)
        {
            body.Write([code]);
            body.Write(Encoding.UTF8.GetBytes(value));
            body.Write([(byte)0]);
        }

        body.Write([(byte)0]);
        MessageWriter.WriteMessage(client, message.Type, body.WrittenSpan);
        text = fields.FirstOrDefault(f => f.Code == (byte)'M').Value;
        return true;
    }

    /// <summary>
    /// The masks of the statements completed since the last ReadyForQuery (those of one that reads a masked column
    /// win): a setting they changed is reported after them. Server loop only.
    /// </summary>
    private StatementMasks? _batchMasks;

    private void KeepBatchMasks(StatementMasks? masks)
    {
        if (masks is not null && (_batchMasks is null || (masks.ReadsMasked && !_batchMasks.ReadsMasked)))
        {
            _batchMasks = masks;
        }
    }

    /// <summary>
    /// `application_name`, the one reported setting that takes any text, changed by a statement with masks
    /// (`select set_config('application_name', email, false) from users`): its ParameterStatus carries the value out
    /// beside the masked rows, so it is masked as a value of the statement: redacted when the statement reads a masked
    /// column, pattern masks otherwise. True when the message was rewritten and written.
    /// </summary>
    private bool TryMaskParameterStatus(in PostgresMessage message, PipeWriter client)
    {
        // PostgreSQL reports a changed setting just before ReadyForQuery, after the statement that changed it.
        if ((CurrentMasks() ?? _batchMasks) is not { } masks)
        {
            return false;
        }

        var reader = new MessageBodyReader(message.Body);
        const string Name = "application_name";
        if (reader.ReadCString() != Name)
        {
            return false;
        }

        var value = reader.ReadCString();
        var masked = masks.ReadsMasked ? "[redacted]" : MaskPatterns(masks, value);
        if (masked == value)
        {
            return false;
        }

        var body = new ArrayBufferWriter<byte>();
        body.Write(Encoding.UTF8.GetBytes(Name));
        body.Write([(byte)0]);
        body.Write(Encoding.UTF8.GetBytes(masked));
        body.Write([(byte)0]);
        MessageWriter.WriteMessage(client, message.Type, body.WrittenSpan);
        return true;
    }

    /// <summary><paramref name="value"/> with the statement's pattern masks applied (`[redacted]` when they leave nothing).</summary>
    private static string MaskPatterns(StatementMasks masks, string value)
    {
        if (masks.Plan.Patterns.IsEmpty)
        {
            return value;
        }

        var scratch = new ArrayBufferWriter<byte>();
        return masks.Plan.Patterns.Apply(Encoding.UTF8.GetBytes(value), scratch) == MaskResult.Unchanged
            ? value
            : scratch.WrittenCount == 0 ? "[redacted]" : Encoding.UTF8.GetString(scratch.WrittenSpan).Replace('\0', '\uFFFD');
    }

    /// <summary>
    /// Everything from the message's first quote mark to its last, as one `"[redacted]"`: a value may itself hold a
    /// quote mark (`pre"X"post`), so quoted pieces cannot be told from the value's own, and translated messages quote
    /// with marks other than `"` („…“, «…», 「…」).
    /// </summary>
    internal static string RedactQuoted(string message)
    {
        var first = message.AsSpan().IndexOfAny(QuoteMarks);
        if (first < 0)
        {
            return message;
        }

        var last = message.AsSpan().LastIndexOfAny(QuoteMarks);
        return string.Concat(message.AsSpan(0, first), "\"[redacted]\"", last > first ? message.AsSpan(last + 1) : []);
    }

    private static readonly SearchValues<char> QuoteMarks = SearchValues.Create("\"'\u00AB\u00BB\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u2039\u203A\u300C\u300D\u300E\u300F\uFF02");

    /// <summary>
    /// The outcome recorded with what masking changed. A statement that may have changed the catalog drops the
    /// cache once it has run too: a lookup between its sending and its end may have cached the old state.
    /// </summary>
    private StatementOutcome? AfterStatement(StatementRun run, StatementOutcome? outcome)
    {
        if (CatalogChanging.Contains(run.Kind))
        {
            _handler.Masking.Invalidate();
        }

        return outcome is not null && run.Masks?.Counts() is { } counts ? outcome with { Masked = counts } : outcome;
    }
}

/// <summary>Relations a RowDescription names that the catalog cache does not hold yet.</summary>
internal sealed record OriginLookup(MaskCatalog Catalog, List<uint> Tables);
