package lab.grader.queue;

import java.util.LinkedHashMap;
import java.util.Map;
import lab.grader.harness.Linearizability;

/** The queue's Lincheck check at any budget, on its canaries: for {@code lab.grader.bench.LincheckBudgets}. */
public final class QueueBudgetProbe {
    private QueueBudgetProbe() {
    }

    /** A buffer factory. */
    public interface Factory extends QueueChecks.BufferFactory {
    }

    /** The canaries of bufferLinearizable (QueueCanariesTest). */
    public static Map<String, Factory> brokenBuffers() {
        Map<String, Factory> m = new LinkedHashMap<>();
        m.put("unsynchronized", c -> new BrokenBuffers.Unsynchronized(c));
        m.put("two semaphores", c -> new BuiltWithBuffers.TwoSemaphores(c));
        return m;
    }

    /** {@link QueueChecks#linearizable}'s model checks (capacity 1, then 2) with the given budget. */
    public static void modelCheck(Factory factory, int iterations, int invocations) {
        QueueChecks.BufferModel.factory = factory;
        Linearizability.modelCheck(QueueChecks.BufferModelOfOne.class, "canary(1)", iterations, invocations);
        Linearizability.modelCheck(QueueChecks.BufferModel.class, "canary(2)", iterations, invocations);
    }
}
