using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using OptGen.Runtime.Tests.Support;

namespace OptGen.Runtime.Tests.Internal;

/// <summary>
/// Large buffers ask Linux for transparent huge pages (<see cref="AlignedMemory.UseHugePages"/>, Internal/HugePages):
/// where the system's setting is <c>madvise</c> a buffer gets them exactly when it asked, which the kernel reports in
/// the buffer's mapping in <c>/proc/self/smaps</c>. Elsewhere (another setting, another system) the buffers are still
/// zeroed and usable, which is all these tests can check there. In the policy collection: the switch is global. (Not
/// asking is checked on native memory only: a managed buffer may reuse a range of the heap that an earlier buffer
/// advised, and the advice stays with the range.)
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class HugePagesTests
{
    private const int Floats = 16 << 20; // 64 MiB: many whole huge pages whatever the start

    [Fact]
    public void AManagedBufferGetsHugePagesWhenItAsks() => Check(asks: true, native: false);

    [Fact]
    public void ANativeBufferGetsHugePagesWhenItAsks() => Check(asks: true, native: true);

    [Fact]
    public void ANativeBufferKeepsSmallPagesWhenAskingIsTurnedOff() => Check(asks: false, native: true);

    private static unsafe void Check(bool asks, bool native)
    {
        bool before = AlignedMemory.UseHugePages;
        AlignedMemory.UseHugePages = asks;
        try
        {
            using NativeFloatMemory? owned = native ? AlignedMemory.AllocateNative(Floats) : null;
            Memory<float> memory = owned?.Memory ?? AlignedMemory.Allocate(Floats);
            Span<float> span = memory.Span;
            Assert.Equal(0, AlignedMemory.AddressModulo(span));
            Assert.True(span.IndexOfAnyExcept(0f) < 0, "The buffer is not zeroed.");
            span.Fill(1f); // every page touched
            if (!AdviceDecides)
                return;
            long hugeKiB = AnonHugePagesKiB((nint)Unsafe.AsPointer(ref span[span.Length / 2]));
            if (asks)
                Assert.True(hugeKiB >= 2048, $"The mapping of a 64 MiB buffer that asked has {hugeKiB} KiB of huge pages.");
            else
                Assert.Equal(0, hugeKiB);
        }
        finally
        {
            AlignedMemory.UseHugePages = before;
        }
    }

    // Linux on x64 with the setting "madvise": only advised memory gets huge pages.
    private static bool AdviceDecides =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64
        && File.Exists(SettingPath) && Regex.Match(File.ReadAllText(SettingPath), @"\[(\w+)\]").Groups[1].Value == "madvise";

    private const string SettingPath = "/sys/kernel/mm/transparent_hugepage/enabled";

    // The AnonHugePages line of the mapping that holds the address.
    private static long AnonHugePagesKiB(nint address)
    {
        bool inside = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            Match range = Regex.Match(line, "^([0-9a-f]+)-([0-9a-f]+) ");
            if (range.Success)
            {
                long start = long.Parse(range.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                long end = long.Parse(range.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                inside = start <= address && address < end;
            }
            else if (inside && line.StartsWith("AnonHugePages:", StringComparison.Ordinal))
            {
                return long.Parse(Regex.Match(line, @"\d+").Value, CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"No mapping in /proc/self/smaps holds 0x{address:X}.");
    }
}
