package lab.counter;

/**
 * The race-condition demo. Given: do not "fix" it, it is here to be broken.
 *
 * <p>{@code value++} is three steps (read, add one, write back). Two threads that both read 41
 * both write 42: one update is lost. Run two threads x 100,000 increments on it and the total is
 * usually far below 200,000. The grader shows you how many updates it lost (ungraded).
 *
 * <p>See the lesson: <a href="02-counter.md">02-counter.md</a>.
 */
public final class UnsafeCounter implements Counter {
    private long value;

    @Override
    public void increment() {
        value++;
    }

    @Override
    public long get() {
        return value;
    }
}
