using System.Globalization;

namespace OptGen.Training.Tests.Data;

/// <summary>
/// The reader's number parser (small integers, csFastFloat, then .NET) gives the bits <c>float.TryParse</c> with
/// <c>NumberStyles.Float</c> and the invariant culture gives, and accepts the same texts for every finite value.
/// </summary>
public class CsvNumberParsingTests
{
    [Fact]
    public void RandomFloatsInEveryFormatParseToDotNetsBits()
    {
        var rng = new Random(5);
        string[] formats = ["R", "G9", "G6", "E3", "E9", "F0", "F4", "0.##############", "G17"];
        for (int i = 0; i < 200_000; i++)
        {
            // Random bit patterns cover subnormals and extremes; the double-precision texts exercise rounding.
            double value = i % 2 == 0
                ? BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue))
                : (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-50, 45));
            if (!double.IsFinite(value))
                continue;
            string text = value.ToString(formats[i % formats.Length], CultureInfo.InvariantCulture);
            AssertSame(text);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+1.5")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1e5")]
    [InlineData("1E+05")]
    [InlineData("1e-50")]
    [InlineData("3.4028235e38")]
    [InlineData("3.4028236e38")]
    [InlineData("1.4e-45")]
    [InlineData("7e-46")]
    [InlineData("0000123.4500")]
    [InlineData("1234567")]
    [InlineData("12345678")]
    [InlineData("16777217")]
    [InlineData("0.1000000000000000055511151231257827021181583404541015625")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("e5")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("1_000")]
    [InlineData("0x10")]
    [InlineData("1f")]
    [InlineData("1d")]
    [InlineData("--1")]
    [InlineData("+-1")]
    [InlineData("١٢")]
    [InlineData("1 2")]
    public void EdgeCasesMatchDotNet(string text) => AssertSame(text);

    [Fact]
    public void RandomShortStringsOfNumberCharactersMatchDotNet()
    {
        var rng = new Random(9);
        const string alphabet = "0123456789.+-eE";
        Span<char> buffer = stackalloc char[8];
        for (int i = 0; i < 300_000; i++)
        {
            int length = rng.Next(1, buffer.Length + 1);
            for (int k = 0; k < length; k++)
                buffer[k] = alphabet[rng.Next(k < 2 ? alphabet.Length : 11)];
            AssertSame(buffer[..length].ToString());
        }
    }

    private static void AssertSame(string text)
    {
        bool expected = float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float want) && float.IsFinite(want);
        bool actual = CsvFieldText.TryParseFloat(text, out float got) && float.IsFinite(got);
        Assert.True(expected == actual, $"'{text}': .NET {(expected ? "accepts" : "rejects")} it, the reader {(actual ? "accepts" : "rejects")} it");
        if (expected)
            Assert.True(BitConverter.SingleToInt32Bits(want) == BitConverter.SingleToInt32Bits(got), $"'{text}': .NET {want:R}, the reader {got:R}");
    }
}
