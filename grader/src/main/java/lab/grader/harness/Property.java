package lab.grader.harness;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import lab.grader.i18n.Messages;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * Property-based checks (QuickTheories) with a seed a student can replay.
 *
 * <p>The seed is fixed per check by default, so the same code meets the same inputs on every run
 * (the same code gets the same grade); {@code -Dseed=N} replays or varies it. When a property fails,
 * the message keeps the check's own explanation of the smallest failing case, and says the seed.
 */
public final class Property {
    private Property() {
    }

    /** The body of a property: throws {@link CheckFailure} (or any error) when the case fails. */
    @FunctionalInterface
    public interface Case<T> {
        void check(T input) throws Exception;
    }

    /** The seed for {@code checkName}: {@code -Dseed} if given, else a fixed one derived from the name. */
    public static long seedFor(String checkName) {
        Long given = Long.getLong("seed");
        return given != null ? given : 0x5EED_0000L + checkName.hashCode();
    }

    /**
     * Checks {@code body} for {@code examples} inputs from {@code gen}.
     *
     * @param checkName names the check (and derives the default seed)
     * @param describe turns an input into words for the message ("4 threads x 1,000 increments")
     */
    public static <T> void forAll(String checkName, int examples, Gen<T> gen, Function<T, String> describe, Case<T> body) {
        long seed = seedFor(checkName);
        AtomicReference<Throwable> smallest = new AtomicReference<>();
        AtomicReference<T> smallestInput = new AtomicReference<>();
        try {
            QuickTheory.qt().withFixedSeed(seed).withExamples(examples).withShrinkCycles(20)
                    .forAll(gen)
                    .checkAssert(input -> {
                        try {
                            body.check(input);
                        } catch (Throwable t) {
                            // QuickTheories shrinks towards the smallest failing input: the last failure is the one to show.
                            smallest.set(t);
                            smallestInput.set(input);
                            if (t instanceof RuntimeException re) {
                                throw re;
                            }
                            if (t instanceof Error err) {
                                throw err;
                            }
                            throw new AssertionError(t);
                        }
                    });
        } catch (AssertionError | RuntimeException qtFailure) {
            Throwable cause = smallest.get();
            if (cause == null) {
                throw qtFailure;
            }
            // The report page shows the replay command from this, not from the message's words.
            Events.record(new Events.Event("seed", "value", "", 0, 0, 0, Long.toString(seed)));
            String key = cause instanceof CheckFailure cf ? cf.key() : "property.crashed";
            String why = cause instanceof CheckFailure ? cause.getMessage()
                    : Messages.get("property.crashed", cause.getClass().getName(), String.valueOf(cause.getMessage()));
            throw CheckFailure.withMessage(key,
                    Messages.get("property.falsified", describe.apply(smallestInput.get()), why, seed), cause);
        }
    }
}
