namespace OptGen.Runtime.Tests;

/// <summary>Every declared class lists its hyperparameters and gets/sets them by name through the properties.</summary>
public class HyperparameterCatalogTests
{
    [Fact]
    public void AdamListsItsHyperparametersInDeclarationOrderWithDefaultsAndRanges()
    {
        IHyperparameters adam = new Adam();
        Assert.Equal(["Beta1", "Beta2", "Eps", "WeightDecay", "Amsgrad", "Maximize"], adam.Hyperparameters.Select(h => h.Name));
        HyperparameterInfo beta1 = adam.Hyperparameters[0];
        Assert.Equal(new HyperparameterInfo("Beta1", HyperparameterKind.Float, 0.9, 0, 1), beta1 with { Default = Math.Round(beta1.Default, 6) });
        Assert.Equal(HyperparameterKind.Bool, adam.Hyperparameters.Single(h => h.Name == "Amsgrad").Kind);
        Assert.Equal(double.PositiveInfinity, adam.Hyperparameters.Single(h => h.Name == "Eps").Max);
    }

    [Fact]
    public void SettingByNameGoesThroughThePropertyAndItsValidation()
    {
        var adam = new Adam();
        adam.SetHyperparameter("Beta2", 0.98);
        Assert.Equal(0.98f, adam.Beta2);
        Assert.Equal((double)0.98f, adam.GetHyperparameter("Beta2"));
        adam.SetHyperparameter("Amsgrad", 1);
        Assert.True(adam.Amsgrad);
        Assert.Equal(1d, adam.GetHyperparameter("Amsgrad"));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => adam.SetHyperparameter("Beta1", 1.5));
        Assert.Equal("Beta1", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.SetHyperparameter("Beta1", double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.SetHyperparameter("Amsgrad", 0.5));
        Assert.Equal(0.9f, adam.Beta1); // unchanged by the failed sets
    }

    [Fact]
    public void IntegersMustBeWholeAndInRange()
    {
        var schedule = new StepSchedule();
        schedule.SetHyperparameter("StepSize", 7);
        Assert.Equal(7, schedule.StepSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.SetHyperparameter("StepSize", 2.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.SetHyperparameter("StepSize", 1e20));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.SetHyperparameter("StepSize", 0)); // the property's own Min = 1
    }

    [Fact]
    public void AnUnknownNameSaysWhichNamesExist()
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam().SetHyperparameter("Bta1", 0.8));
        Assert.Contains("'Bta1'", e.Message);
        Assert.Contains("Beta1", e.Message);
        Assert.Throws<ArgumentException>(() => new Adam().GetHyperparameter("lr"));
    }

    [Fact]
    public void TransformSettingsAreHyperparametersToo()
    {
        IHyperparameters clipped = new TestClippedSgd();
        Assert.Contains(clipped.Hyperparameters, h => h.Name == "MaxNorm");
        Assert.All(clipped.Hyperparameters, h => Assert.Equal(h.Default, Math.Round(clipped.GetHyperparameter(h.Name), 6), 5));
    }
}
