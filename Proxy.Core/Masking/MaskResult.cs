namespace Proxy.Core.Masking;

/// <summary>What a mask did to one value.</summary>
public enum MaskResult
{
    /// <summary>Nothing matched and nothing was written: forward the original bytes.</summary>
    Unchanged,

    /// <summary>The masked value was written to the output.</summary>
    Written,

    /// <summary>The value must become SQL NULL; nothing was written.</summary>
    Null,
}
