using System.Collections.Generic;

namespace OptGen.TestSupport;

/// <summary>Damaged copies of a file's bytes, for the tests that every damage is detected before anything is loaded.</summary>
public static class Corruptions
{
    /// <summary>
    /// Every single-bit flip of <paramref name="good"/>, then every truncation (its first 0, 1, ... length − 1 bytes), each
    /// with what was done. A flip is handed out in a buffer reused for the next one: use it before moving on.
    /// </summary>
    public static IEnumerable<(byte[] Bytes, string What)> FlipsAndTruncations(byte[] good)
    {
        var copy = new byte[good.Length];
        for (int bit = 0; bit < good.Length * 8; bit++)
        {
            good.CopyTo(copy, 0);
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            yield return (copy, $"bit {bit % 8} of byte {bit / 8}");
        }
        for (int length = 0; length < good.Length; length++)
            yield return (good[..length], $"truncated to {length} bytes");
    }
}
