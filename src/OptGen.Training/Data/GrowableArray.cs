using System;

namespace OptGen.Data;

/// <summary>A minimal growable array that hands out its exact-size copy.</summary>
internal sealed class GrowableArray<T>
{
    private T[] _items = new T[256];

    public int Count { get; private set; }

    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
            Array.Resize(ref _items, capacity);
    }

    public void Add(T item)
    {
        if (Count == _items.Length)
            Array.Resize(ref _items, checked(Math.Max(256, _items.Length * 2)));
        _items[Count++] = item;
    }

    /// <summary>The items added so far (a view, valid until the next <see cref="Add"/>).</summary>
    public Span<T> AsSpan() => _items.AsSpan(0, Count);

    public T[] ToArray() => _items.AsSpan(0, Count).ToArray();
}
