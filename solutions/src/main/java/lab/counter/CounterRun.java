package lab.counter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The seed program in Java: several threads increment one shared counter, main waits for all.
 *
 * <p>See the lesson: <a href="02-counter.md">02-counter.md</a>.
 */
public final class CounterRun {

    private CounterRun() {
    }

    public static long incrementConcurrently(Counter counter, int threads, int incrementsPerThread)
            throws InterruptedException {
        Objects.requireNonNull(counter, "counter");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (incrementsPerThread < 0) {
            throw new IllegalArgumentException("incrementsPerThread must not be negative, was " + incrementsPerThread);
        }
        List<Thread> workers = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                for (int n = 0; n < incrementsPerThread; n++) {
                    counter.increment();
                }
            }, "counter-worker-" + i);
            worker.setDaemon(false);
            workers.add(worker);
        }
        // Start them all before joining any: joining inside the start loop would run them one at a time.
        for (Thread worker : workers) {
            worker.start();
        }
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            for (Thread worker : workers) {
                worker.interrupt();
            }
            throw e;
        }
        // join() also makes every worker's writes visible here (happens-before).
        return counter.get();
    }
}
