namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.schedule_free_sgd = schedule_free(chain(add_decayed_weights(weight_decay), sgd(rate)), b1,
/// weight_lr_power): the base update is g + λ y (<see cref="ScheduleFreeReference"/> does the rest).
/// </summary>
public sealed class ScheduleFreeSgdReference(ScheduleFreeSgd o, int length)
    : ScheduleFreeReference(length, o.Beta1, o.WeightLrPower, o.WarmupSteps)
{
    private readonly double _weightDecay = F(o.WeightDecay);

    protected override double BaseUpdate(int i, double g, double y, long t) => g + _weightDecay * y;
}
