package lab.grader.harness;

import java.util.concurrent.Callable;

/**
 * Wall-clock measurement where time is the point (pools beat sequential): best of a few tries,
 * always compared with a baseline measured in the same run, never with a fixed number of seconds.
 */
public final class Timing {
    private Timing() {
    }

    /** Something timed. */
    @FunctionalInterface
    public interface Timed {
        void run() throws Exception;
    }

    /** The fastest of {@code tries} runs, in nanoseconds. */
    public static long bestOf(int tries, Timed body) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < tries; i++) {
            long start = System.nanoTime();
            body.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    /** How long {@code body} takes once, in nanoseconds, with its result. */
    public static <T> Measured<T> once(Callable<T> body) throws Exception {
        long start = System.nanoTime();
        T value = body.call();
        return new Measured<>(value, System.nanoTime() - start);
    }

    /** A result and the nanoseconds it took. */
    public record Measured<T>(T value, long nanos) {
        public double seconds() {
            return nanos / 1e9;
        }
    }

    /** Nanoseconds as seconds, for messages. */
    public static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
