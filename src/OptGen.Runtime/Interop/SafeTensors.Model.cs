using System;
using System.Collections.Generic;
using System.IO;

namespace OptGen.Interop;

/// <summary>
/// Saves and loads a model's weights and an optimizer's state as safetensors files that PyTorch reads and writes:
/// weights under the names of the equivalent <c>torch.nn.Sequential</c>'s <c>state_dict()</c> (<c>0.weight</c>,
/// <c>0.bias</c>, <c>2.weight</c>, ...), optimizer state under the keys of <c>torch.optim.Optimizer.state_dict()</c>
/// (<c>state.0.exp_avg</c>, <c>state.0.step</c>, ...). See docs/interop.md. The overloads that take a
/// <c>Sequential</c> model (<c>TorchNames</c>, <c>SaveModel</c>, <c>LoadModel</c>) come with the OptGen.Training package,
/// as extension members of this class, so <c>SafeTensors.SaveModel(path, model)</c> reads the same with either.
/// </summary>
/// <remarks>
/// Loads validate the whole file, and the file against the model or optimizer, before they change anything: on an
/// exception nothing was changed. A file that breaks the format is an <see cref="InvalidDataException"/>; a valid
/// file that does not fit (a missing or extra tensor, another shape or dtype) is an <see cref="ArgumentException"/>.
/// Both name the file and the tensor. Saves are atomic (a temporary file renamed over the target).
/// </remarks>
public static partial class SafeTensors
{
    /// <summary>Saves <paramref name="parameters"/> under their names (<see cref="Parameter.Name"/>, required and unique).</summary>
    public static void SaveModel(string path, IReadOnlyList<Parameter> parameters) => SaveModel(path, ByName(parameters));

    /// <summary>Saves each parameter under the name paired with it, as F32 with its shape (row-major, not transposed), metadata <c>{"format": "pt"}</c>.</summary>
    /// <exception cref="ArgumentException">A name is empty or repeated, or a parameter is null or listed twice.</exception>
    public static void SaveModel(string path, IReadOnlyList<KeyValuePair<string, Parameter>> tensors)
    {
        ArgumentNullException.ThrowIfNull(path);
        CheckTensors(tensors);
        var writer = new SafeTensorsWriter();
        writer.Metadata["format"] = "pt";
        foreach ((string name, Parameter p) in tensors)
            writer.AddFloat32(name, p.Shape, p.Value);
        writer.Save(path);
    }

    /// <summary>Loads weights into <paramref name="parameters"/>, matched by <see cref="Parameter.Name"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
    /// <exception cref="ArgumentException">The file does not hold exactly these tensors, as F32, in their shapes.</exception>
    public static void LoadModel(string path, IReadOnlyList<Parameter> parameters) => LoadModel(SafeTensorsFile.Read(path), ByName(parameters));

    /// <summary>
    /// Copies the tensors of <paramref name="file"/> into the parameters paired with their names. The file must hold
    /// exactly these names (no more, no fewer), each F32 with the parameter's shape; everything is checked before any
    /// value is written.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor is missing, extra, not F32, or of another shape.</exception>
    public static void LoadModel(SafeTensorsFile file, IReadOnlyList<KeyValuePair<string, Parameter>> tensors)
    {
        ArgumentNullException.ThrowIfNull(file);
        CheckTensors(tensors);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var entries = new SafeTensorsEntry[tensors.Count];
        for (int i = 0; i < tensors.Count; i++)
        {
            (string name, Parameter p) = tensors[i];
            wanted.Add(name);
            if (!file.TryGetTensor(name, out SafeTensorsEntry entry))
                throw new ArgumentException($"'{file.Source}' has no tensor '{name}' for parameter {Describe(p)} of shape {Parameter.Format(p.Shape)} (it holds {List(file)}).", nameof(tensors));
            CheckFloat32(file, entry, p, "parameter " + Describe(p));
            entries[i] = entry;
        }
        foreach (SafeTensorsEntry entry in file.Tensors)
        {
            if (!wanted.Contains(entry.Name))
                throw new ArgumentException($"'{file.Source}' holds tensor '{entry.Name}' ({SafeTensorsDTypes.Name(entry.DType)} {entry.FormatShape()}), which no parameter of the model has.", nameof(tensors));
        }
        for (int i = 0; i < entries.Length; i++)
            SafeTensorsData.Read<float>(file.GetData(entries[i]), tensors[i].Value.Value);
    }

    /// <summary>Throws unless <paramref name="entry"/> is F32 with exactly <paramref name="p"/>'s shape.</summary>
    internal static void CheckFloat32(SafeTensorsFile file, SafeTensorsEntry entry, Parameter p, string owner)
    {
        if (entry.DType != SafeTensorsDType.F32)
            throw new ArgumentException($"Tensor '{entry.Name}' of '{file.Source}' is {SafeTensorsDTypes.Name(entry.DType)}, but {owner} holds F32 (convert with .float() before saving).");
        if (!SameShape(entry, p.Shape))
            throw new ArgumentException($"Tensor '{entry.Name}' of '{file.Source}' has shape {entry.FormatShape()}, but {owner} has shape {Parameter.Format(p.Shape)}.");
    }

    /// <summary>The number of elements of a tensor of <paramref name="shape"/>.</summary>
    internal static int Count(ReadOnlySpan<int> shape)
    {
        int n = 1;
        foreach (int d in shape)
            n *= d;
        return n;
    }

    internal static bool SameShape(SafeTensorsEntry entry, ReadOnlySpan<int> shape)
    {
        if (entry.Shape.Count != shape.Length)
            return false;
        for (int d = 0; d < shape.Length; d++)
        {
            if (entry.Shape[d] != shape[d])
                return false;
        }
        return true;
    }

    internal static string Describe(Parameter p) => p.Name is null ? "(unnamed)" : $"'{p.Name}'";

    private static string List(SafeTensorsFile file)
    {
        if (file.Tensors.Count == 0)
            return "no tensors";
        var names = new List<string>();
        for (int i = 0; i < file.Tensors.Count && i < 20; i++)
            names.Add($"'{file.Tensors[i].Name}'");
        return string.Join(", ", names) + (file.Tensors.Count > 20 ? ", …" : "");
    }

    private static List<KeyValuePair<string, Parameter>> ByName(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var named = new List<KeyValuePair<string, Parameter>>(parameters.Count);
        for (int i = 0; i < parameters.Count; i++)
        {
            Parameter p = parameters[i] ?? throw new ArgumentNullException(nameof(parameters), $"Parameter {i} is null.");
            if (string.IsNullOrEmpty(p.Name))
                throw new ArgumentException($"Parameter {i} has no name; a safetensors file keys tensors by name (name it, or pass names with the parameters).", nameof(parameters));
            named.Add(new KeyValuePair<string, Parameter>(p.Name, p));
        }
        return named;
    }

    private static void CheckTensors(IReadOnlyList<KeyValuePair<string, Parameter>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new Dictionary<Parameter, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < tensors.Count; i++)
        {
            (string name, Parameter p) = tensors[i];
            if (string.IsNullOrEmpty(name) || name == SafeTensorsHeaderParser.MetadataKey)
                throw new ArgumentException($"Tensor {i} has the name '{name}', which cannot name a tensor.", nameof(tensors));
            if (p is null)
                throw new ArgumentNullException(nameof(tensors), $"The parameter of tensor '{name}' is null.");
            if (!names.TryAdd(name, i))
                throw new ArgumentException($"Tensors {names[name]} and {i} are both named '{name}'.", nameof(tensors));
            if (!seen.TryAdd(p, i))
                throw new ArgumentException($"Parameter {Describe(p)} is listed twice (tensors {seen[p]} and {i}).", nameof(tensors));
        }
    }
}
