using System.Runtime.ExceptionServices;
using System.Threading;
using OptGen.Internal;
using OptGen.Nn;

namespace OptGen.Runtime.Tests.Kernel;

/// <summary>
/// The buffers a thread uses while it runs a group of tensors (<see cref="GroupThreadBuffers"/>): a tensor's
/// <c>newton_schulz</c> and its products use the group's set, grown before, and nothing of the thread's own.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class GroupThreadBuffersTests
{
    // On a thread of its own, which has made no GEMM job yet: Muon's steps over a wide and a tall matrix, in a group set
    // grown for them beforehand. The set's workspace is the one written and stays the one grown; the thread still has no
    // GEMM job of its own (Gemm.LastChunks reads it).
    [Fact]
    public void MuonInAGroupUsesTheGroupsWorkspaceAndGemmJob()
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                Run();
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        thread.Start();
        thread.Join();
        if (error is not null)
            ExceptionDispatchInfo.Capture(error).Throw();

        static void Run()
        {
            Parameter[] ps = [new Parameter([24, 40]), new Parameter([40, 24])];
            foreach (Parameter p in ps)
            {
                for (int i = 0; i < p.Length; i++)
                    p.Grad[i] = MathF.Sin(i * 0.37f);
            }
            var muon = new OptGen.Optimizers.Muon { LearningRate = 0.01f };
            muon.State.Initialize(ps);
            GroupThreadBuffers[] sets = [];
            GroupThreadBuffers.GrowForGroups(ref sets, muon.State.Tensors.ToArray(), groupLength: int.MaxValue);
            float[] workspace = sets[0].Workspace;
            Assert.Equal(2 * 24 * 40 + 2 * 24 * 24, workspace.Length);
            sets[0].Begin();
            try
            {
                muon.Step(ps);
                muon.Step(ps);
            }
            finally
            {
                GroupThreadBuffers.End();
            }
            Assert.Same(workspace, sets[0].Workspace);
            Assert.Contains(workspace, x => x != 0);
            Assert.Equal(0, Gemm.LastChunks);
        }
    }
}
