package lab.grader.counter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import lab.counter.Counter;
import lab.grader.harness.Linearizability;

/** The counter's Lincheck check at any budget, on its canaries: for {@code lab.grader.bench.LincheckBudgets}. */
public final class CounterBudgetProbe {
    private CounterBudgetProbe() {
    }

    /** The canaries of the counter's Lincheck checks (CounterCanariesTest.racyCounters). */
    public static Map<String, Supplier<Counter>> racyCounters() {
        Map<String, Supplier<Counter>> m = new LinkedHashMap<>();
        m.put("value++", BrokenCounters.PlainIncrement::new);
        m.put("volatile value++", BrokenCounters.VolatileIncrement::new);
        m.put("synchronized (new Object())", BrokenCounters.SynchronizedOnNewObject::new);
        m.put("new ReentrantLock per call", BrokenCounters.NewLockPerCall::new);
        m.put("AtomicLong get then set", BrokenCounters.AtomicGetThenSet::new);
        return m;
    }

    /** {@link CounterChecks#linearizable}'s model check with the given budget. */
    public static void modelCheck(Supplier<? extends Counter> factory, int iterations, int invocations) {
        CounterChecks.CounterModel.factory = factory;
        Linearizability.modelCheck(CounterChecks.CounterModel.class, "canary", iterations, invocations);
    }
}
