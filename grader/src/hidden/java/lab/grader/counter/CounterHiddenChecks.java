package lab.grader.counter;

import java.time.Duration;
import java.util.function.Supplier;
import lab.counter.AtomicCounter;
import lab.counter.Counter;
import lab.counter.LockCounter;
import lab.counter.SynchronizedCounter;
import lab.grader.harness.CheckFailure;
import lab.grader.harness.Linearizability;
import lab.grader.harness.Property;
import lab.grader.harness.StudentCall;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The counter exercise's hidden checks: they run only in instructor grading (batch, Gradescope, the
 * instructor's own {@code mvn verify}); the student edition does not contain them. They ask the same
 * questions as the visible checks with a bigger budget, so a counter that passes the visible checks by
 * luck is still caught. Rubric: {@code lab/grader/hidden/rubric.json}; titles:
 * {@code lab/grader/hidden/messages.properties}.
 */
public class CounterHiddenChecks {
    /**
     * Lincheck's budget here, larger than the visible checks' 3 x 20 (CounterChecks.LINCHECK_*): 4
     * scenarios x 50 interleavings. Every canary is rejected at 2 x 10 already, 20 runs out of 20
     * (grader/bench/lincheck-budgets.sh); this was 6 x 200, six times the work for the same verdicts.
     */
    static final int ITERATIONS = 4;
    static final int INVOCATIONS = 50;
    /** Shapes (threads x increments) tried on each counter by {@link #exactManyThreads}. */
    static final int EXACT_EXAMPLES = 4;

    /** Lincheck model checking with a bigger budget, on every counter in turn. */
    public static void linearizableLargerBudget(String name, Supplier<? extends Counter> factory) throws Exception {
        CounterChecks.freshCounter(name, factory);
        CounterChecks.CounterModel.factory = factory;
        StudentCall.run("Lincheck (larger budget) on " + name, Duration.ofSeconds(50),
                () -> Linearizability.modelCheck(CounterChecks.CounterModel.class, name, ITERATIONS, INVOCATIONS));
    }

    /**
     * Property: exact for 2..16 threads (the visible check goes to 8) and 50,000..200,000 increments
     * each, {@value #EXACT_EXAMPLES} shapes a counter. A racy counter loses updates in the first shape
     * already (CounterHiddenCanariesTest); the shapes are the cost of a correct one: 8 took 1.8 s of a
     * whole-machine JVM on 2 cores.
     */
    public static void exactManyThreads(String checkName, String name, Supplier<? extends Counter> factory) throws Exception {
        CounterChecks.freshCounter(name, factory);
        Property.forAll(checkName, EXACT_EXAMPLES,
                // At least two threads, and enough increments that each runs longer than a time slice: a race shows
                // only while two threads really run at once, also on a busy machine.
                SourceDSL.integers().between(2, 16).zip(SourceDSL.integers().between(50_000, 200_000), CounterChecks.Shape::new),
                CounterChecks.Shape::toString,
                shape -> {
                    Counter counter = StudentCall.call("new " + name + "()", StudentCall.LIMIT, factory::get);
                    long total = StudentCall.call(name + ": " + shape, StudentCall.LIMIT,
                            () -> CounterChecks.hammer(counter, shape.threads(), shape.increments()));
                    long expected = (long) shape.threads() * shape.increments();
                    CheckFailure.require(total == expected, "counter.lost-updates", name, total, expected, shape.threads(),
                            shape.increments(), expected - total);
                });
    }

    @Test
    public void countersLinearizableLargerBudget() throws Exception {
        linearizableLargerBudget("SynchronizedCounter", SynchronizedCounter::new);
        linearizableLargerBudget("LockCounter", LockCounter::new);
        linearizableLargerBudget("AtomicCounter", AtomicCounter::new);
    }

    @Test
    public void countersExactManyThreads() throws Exception {
        exactManyThreads("countersExactManyThreads.synchronized", "SynchronizedCounter", SynchronizedCounter::new);
        exactManyThreads("countersExactManyThreads.lock", "LockCounter", LockCounter::new);
        exactManyThreads("countersExactManyThreads.atomic", "AtomicCounter", AtomicCounter::new);
    }
}
