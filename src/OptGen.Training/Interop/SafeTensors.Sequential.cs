using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using OptGen.Nn;

namespace OptGen.Interop;

/// <summary>
/// The <see cref="Sequential"/> overloads of <see cref="SafeTensors"/>: a model's weights under the names of the
/// equivalent <c>torch.nn.Sequential</c>'s <c>state_dict()</c>. Extension members of <see cref="SafeTensors"/> (the
/// class lives in the OptGen package, the model in this one), so they are called as <c>SafeTensors.SaveModel(path, model)</c>.
/// </summary>
public static class SafeTensorsSequential
{
    extension(SafeTensors)
    {
        /// <summary>
        /// The <c>state_dict()</c> names of the <c>torch.nn.Sequential</c> equivalent to <paramref name="model"/>, with the
        /// parameter each names: a module per layer, numbered from 0 in order, activations and dropout included, so
        /// Dense, ReLU, Dense gives <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, <c>2.bias</c>. A <see cref="Dense"/>
        /// layer's tensors are <c>weight</c> and <c>bias</c>; another layer's are named by the part of the parameter's name
        /// after its last dot, or by their position in the layer.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, Parameter>> TorchNames(Sequential model)
        {
            ArgumentNullException.ThrowIfNull(model);
            var names = new List<KeyValuePair<string, Parameter>>();
            for (int i = 0; i < model.Layers.Count; i++)
            {
                Layer layer = model.Layers[i];
                IReadOnlyList<Parameter> ps = layer.Parameters;
                for (int j = 0; j < ps.Count; j++)
                {
                    Parameter p = ps[j];
                    string local = layer is Dense dense && ReferenceEquals(p, dense.Weight) ? "weight"
                        : layer is Dense d && ReferenceEquals(p, d.Bias) ? "bias"
                        : p.Name is { } n && n.LastIndexOf('.') is int dot and >= 0 && dot < n.Length - 1 ? n[(dot + 1)..]
                        : j.ToString(CultureInfo.InvariantCulture);
                    names.Add(new KeyValuePair<string, Parameter>($"{i}.{local}", p));
                }
            }
            return names;
        }

        /// <summary>Saves <paramref name="model"/>'s weights under <c>TorchNames(model)</c>, as F32 with each parameter's shape.</summary>
        /// <exception cref="ArgumentException">A parameter appears in two layers, or two parameters of a layer get the same name.</exception>
        public static void SaveModel(string path, Sequential model) => SafeTensors.SaveModel(path, SafeTensors.TorchNames(model));

        /// <summary>Loads weights saved by <c>SaveModel(path, model)</c> or by PyTorch (<c>save_file(model.state_dict(), path)</c>) into <paramref name="model"/>.</summary>
        /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
        /// <exception cref="ArgumentException">The file does not hold exactly the model's tensors, as F32, in their shapes.</exception>
        public static void LoadModel(string path, Sequential model) => SafeTensors.LoadModel(SafeTensorsFile.Read(path), SafeTensors.TorchNames(model));
    }
}
