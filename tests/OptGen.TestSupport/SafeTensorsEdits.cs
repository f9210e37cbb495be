using System;
using System.Collections.Generic;
using System.Linq;
using OptGen.Interop;

namespace OptGen.TestSupport;

/// <summary>Edited copies of safetensors files, for the tests of what a load rejects.</summary>
public static class SafeTensorsEdits
{
    /// <summary>A copy of <paramref name="file"/> without the tensors <paramref name="drop"/> rejects, with <paramref name="edit"/> applied to the new writer.</summary>
    public static byte[] Rewrite(SafeTensorsFile file, Func<SafeTensorsEntry, bool>? drop = null, Action<SafeTensorsWriter>? edit = null)
    {
        var w = new SafeTensorsWriter();
        foreach (KeyValuePair<string, string> kv in file.Metadata)
            w.Metadata[kv.Key] = kv.Value;
        foreach (SafeTensorsEntry e in file.Tensors)
        {
            if (drop?.Invoke(e) != true)
                w.Add(e.Name, e.DType, e.Shape.ToArray(), file.GetData(e));
        }
        edit?.Invoke(w);
        return w.ToArray();
    }
}
