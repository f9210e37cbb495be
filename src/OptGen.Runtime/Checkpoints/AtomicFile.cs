using System;
using System.IO;

namespace OptGen.Checkpoints;

/// <summary>
/// Replaces a file atomically: the content goes to a temporary file in the target's folder (so the final rename
/// stays on one file system), is flushed to disk, and is renamed over the target. If anything fails, the previous
/// file is intact and the temporary file is removed. Used by checkpoints and safetensors files.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, which gets the (possibly wrapped) temporary file.</summary>
    /// <param name="path">The file to replace or create.</param>
    /// <param name="write">Writes the whole content.</param>
    /// <param name="wrap">For tests: wraps the temporary file's stream (e.g. to simulate a failing disk).</param>
    public static void Write(string path, Action<Stream> write, Func<Stream, Stream>? wrap = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder.", nameof(path));
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Stream stream = wrap?.Invoke(file) ?? file;
                write(stream);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> in 1 MiB pieces (so a failure part-way is a real partial write).</summary>
    public static void WriteChunked(Stream stream, ReadOnlySpan<byte> bytes)
    {
        const int chunk = 1 << 20;
        for (int offset = 0; offset < bytes.Length; offset += chunk)
            stream.Write(bytes.Slice(offset, Math.Min(chunk, bytes.Length - offset)));
    }
}
