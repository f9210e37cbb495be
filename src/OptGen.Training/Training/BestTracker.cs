using System;
using OptGen.Nn;

namespace OptGen.Training;

/// <summary>Tracks the best monitored loss and, if asked, a copy of the weights at that epoch.</summary>
internal sealed class BestTracker
{
    private readonly Sequential _model;
    private readonly float[][]? _snapshot;

    public BestTracker(Sequential model, bool keepWeights)
    {
        _model = model;
        if (keepWeights)
        {
            _snapshot = new float[model.Parameters.Length][];
            for (int i = 0; i < _snapshot.Length; i++)
                _snapshot[i] = model.Parameters[i].Value.ToArray();
        }
    }

    /// <summary>The epoch with the best loss so far (0 before any).</summary>
    public int Epoch { get; private set; }

    /// <summary>The best loss so far (+∞ before any).</summary>
    public double Loss { get; private set; } = double.PositiveInfinity;

    /// <summary>The weights of the best epoch, one array per parameter, when they are kept.</summary>
    public float[][]? Snapshot => _snapshot;

    /// <summary>Records an epoch's loss; true when it improves on the best by more than <paramref name="minDelta"/>.</summary>
    public bool Observe(int epoch, double loss, double minDelta)
    {
        if (!(loss < Loss - minDelta))
            return false;
        Loss = loss;
        Epoch = epoch;
        if (_snapshot is not null)
        {
            for (int i = 0; i < _snapshot.Length; i++)
                _model.Parameters[i].Value.CopyTo(_snapshot[i]);
        }
        return true;
    }

    /// <summary>Sets the tracker to a saved state; <paramref name="weights"/> (when kept) is copied into the snapshot.</summary>
    public void Set(int epoch, double loss, ReadOnlySpan<float> weights)
    {
        Epoch = epoch;
        Loss = loss;
        if (_snapshot is null)
            return;
        foreach (float[] s in _snapshot)
        {
            weights[..s.Length].CopyTo(s);
            weights = weights[s.Length..];
        }
    }

    /// <summary>Puts back the best epoch's weights, if they were kept and an epoch improved; true when it did.</summary>
    public bool Restore()
    {
        if (_snapshot is null || Epoch == 0)
            return false;
        for (int i = 0; i < _snapshot.Length; i++)
            _snapshot[i].AsSpan().CopyTo(_model.Parameters[i].Value);
        return true;
    }
}
