package lab.grader.counter;

import static lab.grader.selftest.Canary.accepted;
import static lab.grader.selftest.Canary.rejected;

import java.util.function.Supplier;
import java.util.stream.Stream;
import lab.counter.Counter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The counter's hidden checks (grader/src/hidden) reject racy counters for the right reason and accept a correct one. */
class CounterHiddenCanariesTest {
    static Stream<Arguments> racyCounters() {
        return Stream.of(
                Arguments.of("value++", (Supplier<Counter>) BrokenCounters.PlainIncrement::new),
                Arguments.of("AtomicLong get then set", (Supplier<Counter>) BrokenCounters.AtomicGetThenSet::new));
    }

    @ParameterizedTest(name = "larger Lincheck budget rejects {0}")
    @MethodSource("racyCounters")
    void largerBudgetRejectsRaces(String name, Supplier<Counter> broken) {
        rejected(() -> CounterHiddenChecks.linearizableLargerBudget(name, broken), "lincheck.not-linearizable");
    }

    @ParameterizedTest(name = "many threads reject {0}")
    @MethodSource("racyCounters")
    void manyThreadsRejectLostUpdates(String name, Supplier<Counter> broken) {
        rejected(() -> CounterHiddenChecks.exactManyThreads("canary", name, broken), "counter.lost-updates");
    }

    @Test
    void aCorrectCounterPassesBoth() {
        Supplier<Counter> correct = () -> new Counter() {
            private final java.util.concurrent.atomic.AtomicLong value = new java.util.concurrent.atomic.AtomicLong();

            @Override
            public void increment() {
                value.incrementAndGet();
            }

            @Override
            public long get() {
                return value.get();
            }
        };
        accepted(() -> CounterHiddenChecks.linearizableLargerBudget("correct", correct));
        accepted(() -> CounterHiddenChecks.exactManyThreads("canary", "correct", correct));
    }
}
