namespace OptGen.Generator.Emitting;

/// <summary>
/// The spelling of element code at one width. Arithmetic, functions and comparisons are the same text at
/// every width (operators and <c>OptGen.Internal.Simd</c> overloads); only loads, stores, broadcasts and
/// mask/select differ, and those come from here.
/// </summary>
internal abstract class Dialect
{
    public const string SimdClass = "global::OptGen.Internal.Simd";
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";

    public static readonly Dialect[] Vectors = [new VectorDialect(512), new VectorDialect(256), new VectorDialect(128)];
    public static readonly Dialect Scalar = new ScalarDialect();

    public abstract int Bits { get; }
    public abstract string Type { get; }
    public abstract string SumAccumulator { get; }
    public abstract string MaxAccumulator { get; }
    public abstract string Broadcast(string scalar);
    public abstract string Const(double value);
    public abstract string Load(string reference, string index);
    public abstract string Store(string value, string reference, string index);

    /// <summary>The type of a per-element condition (a lane mask for vectors, a bool for scalars).</summary>
    public virtual string MaskType => Type;

    /// <summary>Load of a bfloat16 state buffer, widened to float.</summary>
    public string LoadBf16(string reference, string index) =>
        Bits == 0 ? $"global::OptGen.Internal.BFloat16.Load(ref {reference}, {index})" : $"global::OptGen.Internal.BFloat16.Load{Bits}(ref {reference}, (nuint){index})";

    /// <summary>Store of a float value into a bfloat16 state buffer (rounded to nearest-even).</summary>
    public string StoreBf16(string value, string reference, string index) =>
        Bits == 0 ? $"global::OptGen.Internal.BFloat16.Store({value}, ref {reference}, {index});" : $"global::OptGen.Internal.BFloat16.Store{Bits}({value}, ref {reference}, (nuint){index});";

    /// <summary>Loads a condition kept in float memory (scratch) as all bits set (true) or zero (false).</summary>
    public virtual string LoadMask(string reference, string index) => Load(reference, index);

    /// <summary>Stores a condition into float memory as all bits set (true) or zero (false), as vector masks are.</summary>
    public virtual string StoreMask(string value, string reference, string index) => Store(value, reference, index);
    public abstract string MaskOf(string condition);
    public abstract string Select(string condition, string whenTrue, string whenFalse);
    public abstract string Not(string mask);
    public abstract string And(string a, string b);
    public abstract string Or(string a, string b);

    private sealed class VectorDialect(int bits) : Dialect
    {
        private readonly string _v = "global::System.Runtime.Intrinsics.Vector" + bits;
        private readonly string _type = "global::System.Runtime.Intrinsics.Vector" + bits + "<float>";
        private readonly string _sumAccumulator = "global::System.Runtime.Intrinsics.Vector" + bits + "<double>";
        private readonly string _create = "global::System.Runtime.Intrinsics.Vector" + bits + ".Create(";
        private readonly string _load = "global::System.Runtime.Intrinsics.Vector" + bits + ".LoadUnsafe(ref ";
        private readonly string _store = "global::System.Runtime.Intrinsics.Vector" + bits + ".StoreUnsafe(";

        public override int Bits => bits;
        public override string Type => _type;
        public override string SumAccumulator => _sumAccumulator;
        public override string MaxAccumulator => _type;
        public override string Broadcast(string scalar) => _create + scalar + ")";
        public override string Const(double value) => _create + Literals.Float(value) + ")";
        public override string Load(string reference, string index) => string.Concat(_load, reference, ", (nuint)", index + ")");
        public override string Store(string value, string reference, string index) => string.Concat(_store, value, ", ref ", reference + ", (nuint)" + index + ");");
        public override string MaskOf(string condition) => $"({condition} ? {_v}<float>.AllBitsSet : {_v}<float>.Zero)";
        public override string Select(string condition, string whenTrue, string whenFalse) => $"{SimdClass}.Select({condition}, {whenTrue}, {whenFalse})";
        public override string Not(string mask) => $"{SimdClass}.Not({mask})";
        public override string And(string a, string b) => $"{SimdClass}.And({a}, {b})";
        public override string Or(string a, string b) => $"{SimdClass}.Or({a}, {b})";
    }

    private sealed class ScalarDialect : Dialect
    {
        public override int Bits => 0;
        public override string Type => "float";
        public override string SumAccumulator => "double";
        public override string MaxAccumulator => "float";
        public override string Broadcast(string scalar) => scalar;
        public override string Const(double value) => Literals.Float(value);
        public override string Load(string reference, string index) => $"{Unsafe}.Add(ref {reference}, {index})";
        public override string Store(string value, string reference, string index) => $"{Unsafe}.Add(ref {reference}, {index}) = {value};";
        public override string MaskType => "bool";
        public override string LoadMask(string reference, string index) => $"(global::System.BitConverter.SingleToInt32Bits({Load(reference, index)}) != 0)";
        public override string StoreMask(string value, string reference, string index) => Store($"({value} ? global::System.BitConverter.Int32BitsToSingle(-1) : 0f)", reference, index);
        public override string MaskOf(string condition) => condition;
        public override string Select(string condition, string whenTrue, string whenFalse) => $"({condition} ? {whenTrue} : {whenFalse})";
        public override string Not(string mask) => $"(!{mask})";
        public override string And(string a, string b) => $"({a} & {b})";
        public override string Or(string a, string b) => $"({a} | {b})";
    }
}
