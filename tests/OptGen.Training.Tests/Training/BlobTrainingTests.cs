namespace OptGen.Training.Tests.Training;

/// <summary>
/// What the trainer tests that save and resume runs share: the iris-like blobs to train and validate on, and a
/// temporary folder for the checkpoints, deleted after each test.
/// </summary>
public abstract class BlobTrainingTests : IDisposable
{
    private protected readonly TempFolder _temp = new();
    private protected readonly Dataset _train = TestData.Blobs(30, 5), _validation = TestData.Blobs(10, 6);

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }
}
