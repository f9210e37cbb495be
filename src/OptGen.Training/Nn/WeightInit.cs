namespace OptGen.Nn;

/// <summary>How a <see cref="Dense"/> layer draws its initial weights (biases start at zero).</summary>
public enum WeightInit
{
    /// <summary>He / Kaiming normal: N(0, 2 / fanIn). Suits ReLU-like activations.</summary>
    He,

    /// <summary>Xavier / Glorot uniform: U(±sqrt(6 / (fanIn + fanOut))). Suits tanh and sigmoid.</summary>
    Xavier,

    /// <summary>LeCun normal: N(0, 1 / fanIn). Suits SELU-like and linear layers.</summary>
    LeCun,
}
