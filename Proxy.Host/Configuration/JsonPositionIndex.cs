using System.Text;
using System.Text.Json;

namespace Proxy.Host.Configuration;

/// <summary>
/// Where each key of a JSON configuration file is written, by configuration path ("Listeners:0:Upstream"),
/// so a validation error can point at file:line:column. Microsoft.Extensions.Configuration keeps no positions.
/// </summary>
internal sealed class JsonPositionIndex
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.OrdinalIgnoreCase);

    private JsonPositionIndex(string path) => FilePath = path;

    public string FilePath { get; }

    /// <summary>Parses the file; a syntax error is returned as a located message instead.</summary>
    public static JsonPositionIndex Build(string path, byte[] json, out ConfigurationError? syntaxError)
    {
        var index = new JsonPositionIndex(path);
        syntaxError = null;
        var lineStarts = LineStarts(json);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

        // One frame per open container: its path, and for arrays the next element index.
        var stack = new Stack<(string Path, int NextIndex, bool IsArray)>();
        string? pendingProperty = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var parent = stack.Count > 0 ? stack.Peek().Path : string.Empty;
                        pendingProperty = parent.Length == 0 ? reader.GetString()! : parent + ":" + reader.GetString();
                        index._positions.TryAdd(pendingProperty, Position(json, lineStarts, reader.TokenStartIndex));
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var containerPath = ValuePath(stack, ref pendingProperty, json, lineStarts, reader.TokenStartIndex, index);
                        stack.Push((containerPath, 0, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.Pop();
                        break;
                    default:
                        ValuePath(stack, ref pendingProperty, json, lineStarts, reader.TokenStartIndex, index);
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            syntaxError = new ConfigurationError(
                $"{path}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}",
                string.Empty,
                "invalid JSON: " + TrimPosition(ex.Message));
        }

        return index;
    }

    public bool TryGetPosition(string key, out int line, out int column)
    {
        var found = _positions.TryGetValue(key, out var position);
        (line, column) = position;
        return found;
    }

    /// <summary>The path of a value just read: the pending property, or the next index of the enclosing array.</summary>
    private static string ValuePath(
        Stack<(string Path, int NextIndex, bool IsArray)> stack,
        ref string? pendingProperty,
        byte[] json,
        int[] lineStarts,
        long tokenStart,
        JsonPositionIndex index)
    {
        if (pendingProperty is not null)
        {
            var path = pendingProperty;
            pendingProperty = null;
            return path;
        }

        if (stack.Count > 0 && stack.Peek().IsArray)
        {
            var (parentPath, next, _) = stack.Pop();
            stack.Push((parentPath, next + 1, true));
            var path = parentPath + ":" + next.ToString(System.Globalization.CultureInfo.InvariantCulture);
            index._positions.TryAdd(path, Position(json, lineStarts, tokenStart));
            return path;
        }

        return string.Empty;
    }

    private static int[] LineStarts(byte[] json)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static (int Line, int Column) Position(byte[] json, int[] lineStarts, long offset)
    {
        var line = Array.BinarySearch(lineStarts, (int)offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var column = Encoding.UTF8.GetCharCount(json, lineStarts[line], (int)offset - lineStarts[line]) + 1;
        return (line + 1, column);
    }

    private static string TrimPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }
}
