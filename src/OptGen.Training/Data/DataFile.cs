using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace OptGen.Data;

/// <summary>Opens data files, decompressing <c>.gz</c> files transparently.</summary>
internal static class DataFile
{
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            return file;
        try
        {
            // .NET's GZipStream reports a truncated file as a normal end of data, so the trailer (CRC-32 and
            // length of the decompressed data) is checked here.
            var trailer = new byte[8];
            long length = file.Length;
            if (length >= 18)
            {
                file.Seek(length - 8, SeekOrigin.Begin);
                file.ReadExactly(trailer);
                file.Seek(0, SeekOrigin.Begin);
            }
            return new GzipCheckingStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: false), length >= 18 ? trailer : null);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Decompresses and, at the end, checks the gzip trailer; a mismatch is an <see cref="InvalidDataException"/>.</summary>
    private sealed class GzipCheckingStream(GZipStream inner, byte[]? trailer) : Stream
    {
        private uint _crc;
        private long _length;
        private bool _checked;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
                return 0;
            int n = inner.Read(buffer);
            if (n > 0)
            {
                _crc = Checkpoints.Crc32.Append(_crc, buffer[..n]);
                _length += n;
                return n;
            }
            if (!_checked)
            {
                _checked = true;
                if (trailer is null)
                    throw new InvalidDataException("the gzip file is too short to be complete.");
                uint crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
                uint size = BinaryPrimitives.ReadUInt32LittleEndian(trailer.AsSpan(4));
                if (crc != _crc || size != (uint)_length)
                    throw new InvalidDataException($"the gzip data is truncated or corrupt: {_length} bytes decompressed with CRC-32 0x{_crc:X8}, but the gzip trailer says {size} bytes (mod 2^32) with CRC-32 0x{crc:X8}; concatenated multi-member gzip files are not supported.");
            }
            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
