using System;
using System.IO;

namespace OptGen.TestSupport;

/// <summary>
/// A write-only stream over <paramref name="inner"/> that passes on the first <paramref name="failAfter"/> bytes and
/// then throws <see cref="IOException"/> (<see cref="Message"/>): a disk that fills up in the middle of a save.
/// </summary>
public sealed class FailingStream(Stream inner, long failAfter) : Stream
{
    /// <summary>The message of the simulated failure.</summary>
    public const string Message = "simulated disk failure";

    private long _written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _written; set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        int allowed = (int)Math.Max(0, Math.Min(count, failAfter - _written));
        inner.Write(buffer, offset, allowed);
        _written += allowed;
        if (allowed < count)
            throw new IOException(Message);
    }
}
