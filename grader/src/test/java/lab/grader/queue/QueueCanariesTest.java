package lab.grader.queue;

import static lab.grader.selftest.Canary.accepted;
import static lab.grader.selftest.Canary.rejected;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import lab.grader.harness.CheckFailure;
import lab.grader.queue.QueueChecks.BufferFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every queue check, proven able to fail: each known-broken buffer or run is rejected by the check
 * meant for its bug class, with the message key of that class. Factories are lambdas, not
 * constructor references (see {@link BufferFactory}).
 */
class QueueCanariesTest {

    // ---------------------------------------------------------------- BoundedBuffer

    @Test
    void fifoPropertyRejectsAStackAndAnUnboundedBuffer() {
        rejected(() -> QueueChecks.fifoAndCapacity("canary", c -> new BrokenBuffers.Lifo(c)), "queue.buffer.not-fifo");
        rejected(() -> QueueChecks.fifoAndCapacity("canary", c -> new BrokenBuffers.IgnoresCapacity(c)),
                "queue.buffer.over-capacity");
    }

    @Test
    void badArgumentsAreRejected() {
        rejected(() -> QueueChecks.rejectsBadArguments(c -> new BrokenBuffers.NoArgumentChecks(c)), "check.no-exception");
    }

    /** put that does not wait on a full buffer, take that does not wait on an empty one, whatever they do instead. */
    static Stream<Arguments> notBlocking() {
        return Stream.of(
                Arguments.of("ignores capacity", (BufferFactory) c -> new BrokenBuffers.IgnoresCapacity(c), "queue.buffer.put-did-not-block"),
                Arguments.of("put drops when full", (BufferFactory) c -> new BrokenBuffers.PutDropsWhenFull(c), "queue.buffer.put-did-not-block"),
                Arguments.of("put throws when full", (BufferFactory) c -> new BrokenBuffers.PutThrowsWhenFull(c), "queue.buffer.put-did-not-block"),
                Arguments.of("take returns null", (BufferFactory) c -> new BrokenBuffers.TakeReturnsNull(c), "queue.buffer.take-did-not-block"),
                Arguments.of("take gives up after 20 ms", (BufferFactory) c -> new BrokenBuffers.TakeGivesUp(c), "queue.buffer.take-did-not-block"),
                Arguments.of("offer/poll do not signal", (BufferFactory) c -> new BrokenBuffers.NonBlockingCallsDoNotSignal(c),
                        "queue.buffer.put-not-released"),
                Arguments.of("LIFO", (BufferFactory) c -> new BrokenBuffers.Lifo(c), "queue.buffer.not-fifo"));
    }

    @ParameterizedTest(name = "blocking check rejects: {0}")
    @MethodSource("notBlocking")
    void blockingCheckRejects(String name, BufferFactory broken, String key) {
        rejected(() -> QueueChecks.blocksWhileFullOrEmpty(broken), key);
    }

    static Stream<Arguments> ifNotWhile() {
        return Stream.of(
                Arguments.of("ReentrantLock, signal", (BufferFactory) c -> new BrokenBuffers.IfNotWhile(c)),
                Arguments.of("synchronized, notifyAll", (BufferFactory) c -> new BrokenBuffers.IfNotWhileMonitor(c)),
                Arguments.of("private lock object, notify", (BufferFactory) c -> new BrokenBuffers.IfNotWhilePrivateMonitor(c)));
    }

    @ParameterizedTest(name = "wakeup check rejects if instead of while: {0}")
    @MethodSource("ifNotWhile")
    void wakeupCheckRejectsIfInsteadOfWhile(String name, BufferFactory broken) {
        rejected(() -> QueueChecks.rechecksAfterWakeup(broken), "queue.buffer.if-not-while");
    }

    @Test
    void busyWaitingIsRejected() {
        rejected(() -> QueueChecks.waitsWithoutBusyWaiting(c -> new BrokenBuffers.BusyWaiting(c)), "queue.buffer.busy-wait");
        rejected(() -> QueueChecks.waitsWithoutBusyWaiting(c -> new BrokenBuffers.YieldWaiting(c)), "queue.buffer.busy-wait");
        rejected(() -> QueueChecks.waitsWithoutBusyWaiting(c -> new BrokenBuffers.SleepPolling(c)), "queue.buffer.sleep-polling");
        rejected(() -> QueueChecks.waitsWithoutBusyWaiting(c -> new BrokenBuffers.TakeReturnsNull(c)), "queue.buffer.stopped-waiting");
    }

    @Test
    void interruptsMustStopTheWait() {
        rejected(() -> QueueChecks.interruptible(c -> new BrokenBuffers.SwallowsInterrupt(c)), "queue.buffer.interrupt-ignored");
        rejected(() -> QueueChecks.interruptible(c -> new BrokenBuffers.ReturnsOnInterrupt(c)), "queue.buffer.interrupt-swallowed");
    }

    @Test
    void lincheckRejectsAnUnsynchronizedBuffer() {
        rejected(() -> QueueChecks.linearizable(c -> new BrokenBuffers.Unsynchronized(c)), "lincheck.not-linearizable");
    }

    @Test
    void lostWakeupWithNotifyIsReportedWithTheStuckThreads() {
        CheckFailure failure = rejected(() -> QueueChecks.noLostWakeup(c -> new BrokenBuffers.NotifyOne(c)), "queue.buffer.stuck");
        assertTrue(failure.getMessage().contains("queue-check-consumer"), failure.getMessage());
    }

    @Test
    void lostWakeupWithOneConditionIsRejected() {
        rejected(() -> QueueChecks.noLostWakeup(c -> new BrokenBuffers.OneCondition(c)), "queue.buffer.stuck",
                "queue.buffer.lincheck-hung");
    }

    /** Lincheck's half on its own: real threads may get lucky, the model checker does not. */
    @Test
    void lincheckScenarioFindsTheHangAndTheMissingWhile() {
        rejected(() -> QueueChecks.noLostWakeupUnderLincheck(c -> new BrokenBuffers.OneCondition(c)), "queue.buffer.lincheck-hung");
        rejected(() -> QueueChecks.noLostWakeupUnderLincheck(c -> new BrokenBuffers.IfNotWhilePrivateMonitor(c)),
                "queue.buffer.lincheck-failed");
    }


    // ---------------------------------------------------------------- ProducerConsumer

    @Test
    void pillsBeforeTheProducersFinishedAreRejected() {
        rejected(() -> QueueChecks.terminates(BrokenRuns::pillsTooEarly), "harness.timeout", "harness.stalemate", "queue.pc.lost");
    }

    @Test
    void anInterruptedRunMustStop() {
        rejected(() -> QueueChecks.terminates(BrokenRuns::ignoresInterrupt), "queue.pc.interrupt-ignored");
        rejected(() -> QueueChecks.stopsWhenInterrupted(BrokenRuns::spinsWhileJoining), "check.wait.busy");
        rejected(() -> QueueChecks.terminates(BrokenRuns::returnsWhenInterrupted), "queue.pc.interrupt-swallowed");
    }

    @Test
    void aPillThatIsAlsoAValueLosesItems() {
        rejected(() -> QueueChecks.exactlyOnceProperty("canary", BrokenRuns::pillIsAValue), "queue.pc.lost", "harness.timeout", "harness.stalemate");
    }

    @Test
    void duplicatedAndForeignItemsAreRejected() {
        rejected(() -> QueueChecks.exactlyOnceProperty("canary", BrokenRuns::mergesTwice), "queue.pc.duplicated");
        rejected(() -> QueueChecks.headline(BrokenRuns::mergesTwice), "queue.pc.duplicated");
        rejected(() -> QueueChecks.exactlyOnceProperty("canary", BrokenRuns::keepsThePill), "queue.pc.foreign");
    }

    @Test
    void returningWithoutJoiningIsRejected() {
        rejected(() -> QueueChecks.leavesNoThreads(BrokenRuns::joinsNothing), "queue.pc.returned-early", "queue.pc.lost");
    }

    /**
     * Not joining only the consumers shows only when a consumer is still at work as run returns:
     * likely in every round of the check, not certain. The canary allows a few tries.
     */
    @Test
    void returningBeforeTheConsumersFinishedIsRejected() {
        for (int attempt = 1; ; attempt++) {
            try {
                QueueChecks.leavesNoThreads(BrokenRuns::noConsumerJoin);
            } catch (CheckFailure f) {
                assertTrue(java.util.Set.of("queue.pc.returned-early", "queue.pc.lost").contains(f.key()), f.getMessage());
                return;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertTrue(attempt < 5, "a run that does not join its consumers passed 5 times in a row");
        }
    }

    @Test
    void consumerThreadsLeftRunningAreRejected() {
        rejected(() -> QueueChecks.leavesNoThreads(BrokenRuns::poolNeverShutDown), "queue.pc.threads-left");
    }

    @Test
    void producerOrderMustBeKept() {
        rejected(() -> QueueChecks.keepsProducerOrder(BrokenRuns::collectsLastFirst), "queue.pc.seed");
    }

    @Test
    void runWithoutArgumentChecksIsRejected() {
        rejected(() -> QueueChecks.runRejectsBadArguments(BrokenRuns::noArgumentChecks), "check.no-exception",
                "check.wrong-exception");
    }

    // ---------------------------------------------------------------- correct implementations pass

    /** Buffers every behavioural check passes that are still not the exercise. */
    static Stream<Arguments> notBuiltWithALock() {
        return Stream.of(
                Arguments.of("on an ArrayBlockingQueue", (BufferFactory) c -> new BuiltWithBuffers.OnArrayBlockingQueue(c),
                        "queue.buffer.uses-queue", "ArrayBlockingQueue"),
                Arguments.of("items in a ConcurrentLinkedQueue", (BufferFactory) c -> new BuiltWithBuffers.LockedConcurrentQueue(c),
                        "queue.buffer.uses-queue", "ConcurrentLinkedQueue"),
                Arguments.of("two semaphores", (BufferFactory) c -> new BuiltWithBuffers.TwoSemaphores(c),
                        "queue.buffer.uses-semaphore", "Semaphore"),
                Arguments.of("size() reads a plain count without the monitor", (BufferFactory) c -> new BuiltWithBuffers.PlainCountSize(c),
                        "queue.buffer.race", "BuiltWithBuffers$PlainCountSize.size (BuiltWithBuffers.java:"));
    }

    @ParameterizedTest(name = "built-with check rejects: {0}")
    @MethodSource("notBuiltWithALock")
    void builtWithCheckRejects(String name, BufferFactory broken, String key, String named) {
        CheckFailure f = rejected(() -> QueueChecks.builtWithALock(broken), key);
        assertTrue(f.getMessage().contains(named), f.getMessage());
    }

    @Test
    void lincheckAtCapacityOneRejectsTwoSemaphores() {
        CheckFailure f = rejected(() -> QueueChecks.linearizable(c -> new BuiltWithBuffers.TwoSemaphores(c)),
                "lincheck.not-linearizable");
        assertTrue(f.getMessage().contains("BoundedBuffer(1)"), f.getMessage());
    }

    @Test
    void builtWithCheckAcceptsAVolatileCountAndAtomicsBesideTheMonitor() {
        accepted(() -> QueueChecks.builtWithALock(c -> new BuiltWithBuffers.VolatileCountSize(c)));
        accepted(() -> QueueChecks.builtWithALock(c -> new BuiltWithBuffers.AtomicSizeMonitor(c)));
    }

    static Stream<Arguments> correctBuffers() {
        return Stream.of(
                Arguments.of("ReentrantLock, two conditions", (BufferFactory) c -> new BrokenBuffers.Correct(c)),
                Arguments.of("synchronized, notifyAll", (BufferFactory) c -> new BrokenBuffers.CorrectMonitor(c)),
                Arguments.of("parts made by constructor references", (BufferFactory) c -> new BrokenBuffers.CorrectMadeByReferences(c)));
    }

    @ParameterizedTest(name = "every buffer check accepts a correct buffer: {0}")
    @MethodSource("correctBuffers")
    void everyBufferCheckAcceptsACorrectBuffer(String name, BufferFactory correct) {
        accepted(() -> QueueChecks.fifoAndCapacity("canary", correct));
        accepted(() -> QueueChecks.rejectsBadArguments(correct));
        accepted(() -> QueueChecks.builtWithALock(correct));
        accepted(() -> QueueChecks.blocksWhileFullOrEmpty(correct));
        accepted(() -> QueueChecks.rechecksAfterWakeup(correct));
        accepted(() -> QueueChecks.waitsWithoutBusyWaiting(correct));
        accepted(() -> QueueChecks.interruptible(correct));
        accepted(() -> QueueChecks.linearizable(correct));
        accepted(() -> QueueChecks.noLostWakeup(correct));
    }

    @Test
    void everyRunCheckAcceptsACorrectRun() {
        accepted(() -> QueueChecks.headline(BrokenRuns::correct));
        accepted(() -> QueueChecks.exactlyOnceProperty("canary", BrokenRuns::correct));
        accepted(() -> QueueChecks.terminates(BrokenRuns::correct));
        accepted(() -> QueueChecks.leavesNoThreads(BrokenRuns::correct));
        accepted(() -> QueueChecks.keepsProducerOrder(BrokenRuns::correct));
        accepted(() -> QueueChecks.runRejectsBadArguments(BrokenRuns::correct));
    }

    @Test
    void everyRunCheckAcceptsACorrectRunOnAPool() {
        accepted(() -> QueueChecks.headline(BrokenRuns::correctWithPool));
        accepted(() -> QueueChecks.exactlyOnceProperty("canary", BrokenRuns::correctWithPool));
        accepted(() -> QueueChecks.terminates(BrokenRuns::correctWithPool));
        for (int i = 0; i < 5; i++) {
            accepted(() -> QueueChecks.leavesNoThreads(BrokenRuns::correctWithPool));
        }
        accepted(() -> QueueChecks.keepsProducerOrder(BrokenRuns::correctWithPool));
    }
}
