using System;

namespace OptGen.Training;

/// <summary>
/// Sharpness-aware minimisation (Foret et al. 2021, as the reference PyTorch implementation davda54/sam): each step
/// takes the gradient <c>g</c> at the weights <c>w</c>, moves to <c>w + e</c> with <c>e = ρ·g/‖g‖</c> (the norm over
/// all tensors together; adaptive SAM, Kwon et al. 2021: <c>e = ρ·w²·g/‖|w|·g‖</c>), takes the gradient there, puts
/// <c>w</c> back exactly and lets the optimizer step with that second gradient. A step costs two forward and two
/// backward passes. Set it as <see cref="TrainerOptions.Sam"/>.
/// </summary>
public sealed class SamOptions
{
    /// <summary>Radius ρ of the neighbourhood (davda54/sam <c>rho</c>, default 0.05); 0 perturbs nothing.</summary>
    public float Rho { get; init; } = 0.05f;

    /// <summary>
    /// Adaptive SAM (ASAM): scale the perturbation element by element by <c>w²</c> and the norm by <c>|w|</c>, so it
    /// is invariant to rescaling the weights (davda54/sam <c>adaptive</c>, default false). Such runs usually take a
    /// larger <see cref="Rho"/> (the reference suggests 2).
    /// </summary>
    public bool Adaptive { get; init; }

    internal void Validate()
    {
        if (!float.IsFinite(Rho) || Rho < 0)
            throw new ArgumentOutOfRangeException(nameof(Rho), Rho, $"{nameof(TrainerOptions)}.{nameof(TrainerOptions.Sam)}: rho must be a finite number of at least 0.");
    }
}
