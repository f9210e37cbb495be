using System;

namespace OptGen.Testing;

/// <summary>Thrown by <see cref="SnapshotVerifier"/> when generated text differs from its snapshot, or the snapshot is missing.</summary>
public sealed class SnapshotMismatchException : Exception
{
    /// <summary>Creates the exception with a message that says what differs and where the received text was written.</summary>
    public SnapshotMismatchException(string message) : base(message) { }

    /// <summary>Creates the exception with no message.</summary>
    public SnapshotMismatchException() { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public SnapshotMismatchException(string message, Exception innerException) : base(message, innerException) { }
}
