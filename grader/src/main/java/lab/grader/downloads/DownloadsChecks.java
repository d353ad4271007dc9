package lab.grader.downloads;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import lab.downloads.DownloadException;
import lab.downloads.Downloader;
import lab.grader.harness.CheckFailure;
import lab.grader.harness.Figures;
import lab.grader.harness.GraderPool;
import lab.grader.harness.LeakGuard;
import lab.grader.harness.LocalHttpServer;
import lab.grader.harness.Property;
import lab.grader.harness.StudentCall;
import lab.grader.harness.ThreadDump;
import lab.grader.harness.ThreadWatch;
import lab.grader.harness.Timeline;
import lab.grader.harness.Timing;
import lab.grader.i18n.Messages;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The downloads exercise's checks: "I/O-bound pool beats sequential, and the work was really done".
 *
 * <p>Every check starts its own {@link LocalHttpServer} on 127.0.0.1 (no network needed) whose
 * answers are known in advance: bodies derived from the path (0 bytes to 100 KB, every byte value),
 * some paths answering 404 or 500, a fixed latency per request. The server itself counts the
 * requests in flight, so "at most {@code workers} at once" is measured where it happens.
 *
 * <p>The first half are check functions over a {@link Download} (the implementation under test),
 * so the project's own tests can prove each one rejects known-broken downloaders. The {@code @Test}
 * methods at the end bind them to {@link Downloader#downloadAll}; their names are the rubric's ids.
 */
public class DownloadsChecks {
    static final Duration LIMIT = StudentCall.LIMIT;
    /** How many URIs the error messages name before "...". */
    private static final int SHOWN = 4;

    /** {@link Downloader#downloadAll} or a stand-in for it. */
    @FunctionalInterface
    public interface Download {
        Map<URI, byte[]> downloadAll(List<URI> uris, int workers) throws DownloadException, InterruptedException;
    }

    /** URIs served by a test server, in the order they are asked for, with the body each must give. */
    record Site(List<URI> uris, Map<URI, byte[]> bodies) {
        Site {
            uris = List.copyOf(uris);
            bodies = new LinkedHashMap<>(bodies);
        }
    }

    /** Serves {@code sizes.length} paths under {@code prefix}, the i-th with a body of sizes[i] bytes. */
    static Site serve(LocalHttpServer server, String prefix, int[] sizes, Duration[] latencies) {
        List<URI> uris = new ArrayList<>();
        Map<URI, byte[]> bodies = new LinkedHashMap<>();
        for (int i = 0; i < sizes.length; i++) {
            String path = prefix + i + "-" + sizes[i] + ".bin";
            byte[] body = LocalHttpServer.bytesFor(path, sizes[i]);
            URI uri = latencies == null ? server.serve(path, body) : server.serve(path, body, latencies[i]);
            uris.add(uri);
            bodies.put(uri, body);
        }
        return new Site(uris, bodies);
    }

    static String what(int uris, int workers) {
        return Messages.get("downloads.call", "Downloader.downloadAll", uris, workers);
    }

    /** Calls the downloader under the time limit; a DownloadException where none was due is a failed check. */
    static Map<URI, byte[]> download(Download d, Site site, int workers) throws Exception {
        try {
            return StudentCall.call(what(site.uris().size(), workers), LIMIT, () -> d.downloadAll(site.uris(), workers));
        } catch (DownloadException e) {
            throw CheckFailure.because(e, "downloads.unexpected-failure", site.uris().size(), workers,
                    e.failures().size(), shown(e.failures().keySet()), String.valueOf(e.getMessage()));
        }
    }

    // ---------------------------------------------------------------- bodies

    /**
     * The map has exactly the requested URIs, each with its body byte for byte. The failure names
     * the bug class: a missing URI (results never read, tasks not waited for, a list split that
     * drops some), a null body, a body of another URI (keys mixed up), a body cut short (one read
     * into a fixed buffer), a body changed (bytes turned into text and back).
     */
    static void verifyBodies(Map<URI, byte[]> got, Site site, int workers) {
        int n = site.uris().size();
        CheckFailure.require(got != null, "downloads.returned-null", n, workers);
        Set<URI> expected = site.bodies().keySet();
        List<URI> missing = expected.stream().filter(u -> !got.containsKey(u)).toList();
        CheckFailure.require(missing.isEmpty(), "downloads.missing", n, workers, expected.size() - missing.size(),
                missing.size(), shown(missing));
        List<URI> extra = got.keySet().stream().filter(u -> !expected.contains(u)).toList();
        CheckFailure.require(extra.isEmpty(), "downloads.extra", n, workers, extra.size(), shown(extra));
        for (URI uri : site.uris()) {
            byte[] want = site.bodies().get(uri);
            byte[] have = got.get(uri);
            CheckFailure.require(have != null, "downloads.body-null", uri, want.length);
            if (Arrays.equals(want, have)) {
                continue;
            }
            for (Map.Entry<URI, byte[]> other : site.bodies().entrySet()) {
                if (!other.getKey().equals(uri) && Arrays.equals(other.getValue(), have)) {
                    throw CheckFailure.of("downloads.body-swapped", uri, other.getKey());
                }
            }
            if (have.length < want.length && Arrays.equals(want, 0, have.length, have, 0, have.length)) {
                throw CheckFailure.of("downloads.body-truncated", uri, want.length, have.length);
            }
            int at = Arrays.mismatch(want, have);
            throw CheckFailure.of("downloads.body-garbled", uri, want.length, have.length, at);
        }
    }

    /** How many bodies are right (for the figures). */
    static int bodiesRight(Map<URI, byte[]> got, Site site) {
        if (got == null) {
            return 0;
        }
        int right = 0;
        for (URI uri : site.uris()) {
            byte[] have = got.get(uri);
            right += have != null && Arrays.equals(have, site.bodies().get(uri)) ? 1 : 0;
        }
        return right;
    }

    /**
     * Every body byte-exact and keyed by its own URI: 12 URIs of 0 bytes to 100 KB with 5 workers
     * (latencies differ, so downloads finish in another order than asked), then a property over
     * 1..10 URIs and 1..6 workers.
     */
    public static void bodiesByteExact(String checkName, Download d) throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start()) {
            int[] sizes = {0, 1, 100, 1_000, 4_096, 8_192, 8_193, 30_000, 65_536, 100_000, 777, 50_000};
            Duration[] latencies = new Duration[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                // The first asked finish last: a result keyed by finishing order gets the wrong URI.
                latencies[i] = Duration.ofMillis(5 + 8L * (sizes.length - i));
            }
            Site site = serve(server, "/seed/image-", sizes, latencies);
            verifyBodies(download(d, site, 5), site, 5);

            AtomicInteger example = new AtomicInteger();
            Property.forAll(checkName, 6,
                    SourceDSL.integers().between(1, 10).zip(SourceDSL.integers().between(1, 6),
                            SourceDSL.integers().between(0, 1_000_000), Shape::new),
                    Shape::toString,
                    shape -> {
                        int[] s = new int[shape.uris];
                        Duration[] l = new Duration[shape.uris];
                        for (int i = 0; i < shape.uris; i++) {
                            s[i] = (int) ((shape.salt * 31L + i * 7_919L) % 40_000) * (i % 4 == 3 ? 0 : 1);
                            l[i] = Duration.ofMillis(2 + (shape.salt + i) % 4 * 4);
                        }
                        Site one = serve(server, "/p" + example.incrementAndGet() + "/file-", s, l);
                        verifyBodies(download(d, one, shape.workers), one, shape.workers);
                    });
        }
    }

    /** A property's input: how many URIs, how many workers, and a number the body sizes come from. */
    record Shape(int uris, int workers, int salt) {
        @Override
        public String toString() {
            return Messages.get("downloads.shape", uris, workers);
        }
    }

    // ---------------------------------------------------------------- failures

    /** What a call that should fail did: returned a map, or threw DownloadException. */
    private record Outcome(Map<URI, byte[]> map, DownloadException failure) {
    }

    private static Outcome attempt(Download d, List<URI> uris, int workers) throws Exception {
        try {
            return new Outcome(StudentCall.call(what(uris.size(), workers), LIMIT, () -> d.downloadAll(uris, workers)), null);
        } catch (DownloadException e) {
            return new Outcome(null, e);
        } catch (CheckFailure e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            throw e; // a stub's TODO: reported as "not written yet"
        } catch (Exception e) {
            throw CheckFailure.because(e, "downloads.wrong-exception", uris.size(), workers, e.getClass().getName(),
                    String.valueOf(e.getMessage()));
        }
    }

    /**
     * Failures raise {@link DownloadException} whose {@code failures()} names exactly the URIs that
     * failed: a 404 among good URIs; then 404s, a 500 and an unreachable port among good URIs. A
     * returned map (failure swallowed, error page taken for the body), one failure where there
     * were several, or good URIs named as failed are each rejected with their own message.
     */
    public static void failuresNamed(Download d) throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start()) {
            server.latency(Duration.ofMillis(15));
            URI a1 = ok(server, "/a/one.jpg", 3_000);
            URI a2 = ok(server, "/a/two.jpg", 0);
            URI lost = error(server, "/a/lost.jpg", 404);
            URI a3 = ok(server, "/a/three.jpg", 20_000);
            expectFailures(d, server, List.of(a1, a2, lost, a3), 2, List.of(lost), Set.of(lost));

            URI b1 = ok(server, "/b/one.jpg", 5_000);
            URI gone = error(server, "/b/gone.jpg", 404);
            URI b2 = ok(server, "/b/two.jpg", 60_000);
            URI broken = error(server, "/b/broken.jpg", 500);
            URI dead = LocalHttpServer.unreachable("/b/nobody-listens.jpg");
            URI b3 = ok(server, "/b/three.jpg", 1);
            URI missing = error(server, "/b/missing.jpg", 404);
            expectFailures(d, server, List.of(b1, gone, b2, broken, dead, b3, missing), 3,
                    List.of(gone, broken, missing), Set.of(gone, broken, dead, missing));
        }
    }

    private static URI ok(LocalHttpServer server, String path, int size) {
        return server.serve(path, LocalHttpServer.bytesFor(path, size));
    }

    private static URI error(LocalHttpServer server, String path, int status) {
        String page = "<html><body><h1>" + status + (status == 404 ? " Not Found" : " Internal Server Error")
                + "</h1><p>" + path + "</p></body></html>";
        return server.answer(path, status, page.getBytes(StandardCharsets.UTF_8), null);
    }

    private static void expectFailures(Download d, LocalHttpServer server, List<URI> uris, int workers,
            List<URI> httpErrors, Set<URI> expected) throws Exception {
        Outcome o = attempt(d, uris, workers);
        String shownExpected = shown(expected);
        if (o.failure() == null) {
            Map<URI, byte[]> map = o.map();
            boolean errorPages = map != null && httpErrors.stream().anyMatch(u -> map.get(u) != null
                    && Arrays.equals(map.get(u), server.body(u.getPath())));
            throw CheckFailure.of(errorPages ? "downloads.status-ignored" : "downloads.swallowed",
                    uris.size(), expected.size(), shownExpected);
        }
        Set<URI> named = o.failure().failures().keySet();
        if (named.equals(expected)) {
            return;
        }
        Set<URI> wrong = new LinkedHashSet<>(named);
        wrong.removeAll(expected);
        Set<URI> notNamed = new LinkedHashSet<>(expected);
        notNamed.removeAll(named);
        if (wrong.isEmpty() && httpErrors.stream().allMatch(notNamed::contains)) {
            throw CheckFailure.of("downloads.status-ignored", uris.size(), expected.size(), shownExpected);
        }
        if (wrong.isEmpty() && named.size() == 1) {
            throw CheckFailure.of("downloads.first-only", expected.size(), shownExpected, shown(named));
        }
        throw CheckFailure.of("downloads.failures-wrong", expected.size(), shownExpected, named.size(), shown(named),
                wrong.isEmpty() ? "-" : shown(wrong), notNamed.isEmpty() ? "-" : shown(notNamed));
    }

    // ---------------------------------------------------------------- requests in flight

    /**
     * At most {@code workers} requests in flight, and really that many: the server holds arriving
     * requests (up to a second) until {@code min(workers, n)} are in flight, so a correct pool is
     * always seen at exactly that peak, a one-at-a-time downloader at 1, an unbounded one above.
     */
    public static void atMostWorkersInFlight(Download d) throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start()) {
            int[][] cases = {{3, 9}, {5, 7}};
            for (int[] c : cases) {
                int workers = c[0];
                int n = c[1];
                server.reset();
                server.latency(Duration.ofMillis(60));
                int expected = Math.min(workers, n);
                int[] sizes = new int[n];
                Arrays.fill(sizes, 2_000);
                Site site = serve(server, "/w" + workers + "/photo-", sizes, null);
                server.gate(expected, Duration.ofMillis(150), Duration.ofSeconds(1));
                Map<URI, byte[]> got = download(d, site, workers);
                int peak = server.inFlight().peak();
                verifyBodies(got, site, workers);
                CheckFailure.require(peak <= workers, "downloads.too-many", n, workers, peak);
                CheckFailure.require(peak > 1 || expected == 1, "downloads.one-at-a-time", n, workers);
                CheckFailure.require(peak >= expected, "downloads.fewer-than-workers", n, workers, peak, expected);
            }
        }
    }

    // ---------------------------------------------------------------- speed

    /** The speed-up asked of downloadAll on a machine with its cores free. */
    static final double REQUIRED_SPEEDUP = 2.0;
    /** The least asked however little the machine gives (see {@link Timing#speedupAsked}). */
    static final double MIN_SPEEDUP = 1.2;
    /** The server's latency per request in the speed check. */
    static final Duration LATENCY = Duration.ofMillis(40);

    /**
     * Faster than sequential, credited only when every body is right: 12 URIs at 40 ms each, 6
     * workers; the same URIs downloaded one at a time by the grader in the same run; best of up to 3
     * pool runs and up to 2 sequential ones (see below); at least {@value #REQUIRED_SPEEDUP}x faster, or less while the machine gives less
     * ({@link Timing#speedupAsked}: a share of what the grader's own 6-worker download got just then,
     * never below {@value #MIN_SPEEDUP}x). Seen on a VM losing 37% of its CPU to the hypervisor: the
     * reference solution measured 1.5x. One request at a time fails whatever the clock says: the
     * server's gauge must have seen more than one in flight. Every timed result is checked byte for
     * byte first.
     */
    public static void fasterThanSequential(Download d) throws Exception {
        int workers = 6;
        int[] sizes = {2_000, 0, 15_000, 700, 9_000, 30_000, 1, 4_096, 12_345, 100, 20_000, 6_000};
        try (LocalHttpServer server = LocalHttpServer.start()) {
            server.latency(LATENCY);
            Site site = serve(server, "/speed/image-", sizes, null);
            int n = site.uris().size();
            Figures.record("bodies.total", n);
            Figures.record("workers", workers);

            // Warm-up, and the first proof that the work was done.
            Timing.Measured<Map<URI, byte[]>> first = Timing.once(() -> download(d, site, workers));
            creditOnlyRight(first.value(), site, workers, first.nanos());

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            // The server sees each request's start and end: the report page's timeline, sequential above pool.
            java.util.concurrent.atomic.AtomicReference<Timeline> seqRun = new java.util.concurrent.atomic.AtomicReference<>();
            // The baseline: a first try now, a second only where it could matter. Twelve requests one after
            // another take at least 12 x 40 ms of the server's latency (the floor), whatever the machine
            // does; a third try changed nothing but the time (the gauge, not this baseline, tells a pool
            // that downloads one at a time apart).
            long floor = n * LATENCY.toNanos();
            Timing.Timed sequentialTry = () -> {
                Timeline run = new Timeline("timeline.sequential");
                server.timeline(run);
                for (URI uri : site.uris()) {
                    client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                }
                seqRun.set(Timeline.shorter(seqRun.get(), run.finish()));
            };
            long firstSequential = Timing.bestOf(1, sequentialTry);

            server.reset();
            java.util.concurrent.atomic.AtomicReference<Timeline> poolRun = new java.util.concurrent.atomic.AtomicReference<>();
            // Stops repeating once the speed-up beats the most ever asked by a wide margin (more tries could only lower the time).
            long pool = Timing.bestOf(3, () -> {
                Timeline run = new Timeline("timeline.concurrent");
                server.timeline(run);
                long start = System.nanoTime();
                Map<URI, byte[]> got = download(d, site, workers);
                poolRun.set(Timeline.shorter(poolRun.get(), run.finish()));
                creditOnlyRight(got, site, workers, System.nanoTime() - start);
            }, best -> (double) firstSequential / best >= Timing.CLEAR_MARGIN * REQUIRED_SPEEDUP && server.inFlight().peak() > 1);
            int peak = server.inFlight().peak(); // read now: the grader's own downloads below go through the server too
            // A second sequential try could only bring the baseline down towards the floor: when even the floor
            // is REQUIRED_SPEEDUP times the pool's time, no try could change the verdict, so none is made.
            long sequential = firstSequential;
            if ((double) floor / pool < REQUIRED_SPEEDUP || peak <= 1) {
                sequential = Math.min(sequential, Timing.bestOf(1, sequentialTry));
            }
            server.timeline(null);
            long reference = Timing.referenceBestOf(3, sequential, REQUIRED_SPEEDUP, () -> referenceDownload(site.uris(), workers));
            double machine = (double) sequential / reference;
            double asked = Timing.speedupAsked(REQUIRED_SPEEDUP, MIN_SPEEDUP, machine);
            seqRun.get().publish();
            poolRun.get().publish();
            double ratio = (double) sequential / pool;
            Figures.record("bodies.right", n);
            Figures.record("sequential.seconds", Timing.seconds(sequential));
            Figures.record("pool.seconds", Timing.seconds(pool));
            Figures.record("speedup", ratio);
            Figures.record("peak", peak);
            Figures.record("machine.speedup", machine);
            Figures.record("speedup.required", asked);
            // One request in flight at a time can never be a speed-up: the server's gauge says so exactly,
            // where the clock alone could be fooled by a slow baseline on a busy machine.
            CheckFailure.require(ratio >= asked && peak > 1, "downloads.not-faster", n, workers, ratio, Timing.seconds(pool),
                    Timing.seconds(sequential), peak, asked, machine);
        }
    }

    /**
     * The grader's own download of {@code uris} with {@code workers} threads, done the way the lesson
     * teaches (a new client, a fixed pool, every request submitted before any result is awaited):
     * what the machine allows right now.
     */
    static void referenceDownload(List<URI> uris, int workers) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<Callable<byte[]>> calls = new ArrayList<>();
        for (URI uri : uris) {
            calls.add(() -> client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body());
        }
        GraderPool.runAll("grader-reference-download", workers, calls);
    }

    /** The seed's 0.26 s lesson: a run whose bodies are not all right earns nothing for its speed. */
    private static void creditOnlyRight(Map<URI, byte[]> got, Site site, int workers, long nanos) {
        try {
            verifyBodies(got, site, workers);
        } catch (CheckFailure wrong) {
            int right = bodiesRight(got, site);
            Figures.record("bodies.right", right);
            throw CheckFailure.because(wrong, "downloads.speed.not-credited", right, site.uris().size(),
                    Timing.seconds(nanos), wrong.getMessage());
        }
    }

    // ---------------------------------------------------------------- edge cases

    /**
     * No URIs: an empty map, no request, no thread left behind. workers below 1:
     * IllegalArgumentException. A null list or a null URI: NullPointerException.
     */
    public static void emptyAndBadArguments(Download d) throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start()) {
            URI good = ok(server, "/edge/ok.jpg", 500);
            LeakGuard threads = LeakGuard.snapshot();
            Map<URI, byte[]> empty;
            try {
                empty = StudentCall.call(what(0, 3), LIMIT, () -> d.downloadAll(List.of(), 3));
            } catch (CheckFailure | UnsupportedOperationException e) {
                throw e;
            } catch (Exception e) {
                throw CheckFailure.because(e, "downloads.empty-threw", e.getClass().getName(), String.valueOf(e.getMessage()));
            }
            CheckFailure.require(empty != null, "downloads.empty-null");
            CheckFailure.require(empty.isEmpty(), "downloads.empty-not-empty", empty.size());
            List<Thread> left = threads.leaked(Duration.ofMillis(500));
            CheckFailure.require(left.isEmpty(), "downloads.empty-threads", LeakGuard.names(left));

            StudentCall.expectThrows(IllegalArgumentException.class, "downloadAll([" + good + "], 0)", () -> d.downloadAll(List.of(good), 0));
            StudentCall.expectThrows(IllegalArgumentException.class, "downloadAll([" + good + "], -2)", () -> d.downloadAll(List.of(good), -2));
            StudentCall.expectThrows(NullPointerException.class, "downloadAll(null, 2)", () -> d.downloadAll(null, 2));
            StudentCall.expectThrows(NullPointerException.class, "downloadAll([" + good + ", null], 2)",
                    () -> d.downloadAll(Arrays.asList(good, null), 2));
        }
    }

    // ---------------------------------------------------------------- threads

    /**
     * No thread left running after {@code downloadAll} returns or throws: the pool is shut down on
     * every path. JDK-internal daemon threads (the HttpClient's selector and workers) do not count.
     */
    public static void noThreadsLeft(Download d) throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start()) {
            server.latency(Duration.ofMillis(10));
            Site site = serve(server, "/leak/file-", new int[] {1_000, 0, 5_000, 300, 70_000, 2}, null);
            LeakGuard before = LeakGuard.snapshot();
            verifyBodies(download(d, site, 3), site, 3);
            List<Thread> left = before.leaked(Duration.ofSeconds(1));
            CheckFailure.require(left.isEmpty(), "downloads.leaked", left.size(), LeakGuard.names(left));

            URI lost = error(server, "/leak/lost.jpg", 404);
            List<URI> withFailure = List.of(site.uris().get(0), lost, site.uris().get(2));
            LeakGuard beforeFailure = LeakGuard.snapshot();
            attempt(d, withFailure, 2); // whether it reported the failure is failuresNamedEvery's business
            left = beforeFailure.leaked(Duration.ofSeconds(1));
            CheckFailure.require(left.isEmpty(), "downloads.leaked-on-failure", left.size(), LeakGuard.names(left));
        }
    }

    // ---------------------------------------------------------------- interrupt

    /**
     * Interrupted while downloads are in flight: throws InterruptedException promptly (not after
     * the downloads), and starts no new request afterwards (the pool is stopped with shutdownNow).
     */
    public static void interruptStopsDownloads(Download d) throws Exception {
        int workers = 2;
        try (LocalHttpServer server = LocalHttpServer.start()) {
            server.latency(Duration.ofMillis(800));
            Site site = serve(server, "/slow/file-", new int[] {1_000, 2_000, 3_000}, null);
            LeakGuard before = LeakGuard.snapshot();
            Interrupter interrupter = new Interrupter(server, workers);
            Object result = StudentCall.call(Messages.get("downloads.call.interrupted", what(3, workers)), LIMIT, () -> {
                interrupter.start(Thread.currentThread());
                Object r;
                try {
                    r = d.downloadAll(site.uris(), workers);
                } catch (InterruptedException e) {
                    r = e;
                } catch (UnsupportedOperationException e) {
                    interrupter.finish();
                    throw e;
                } catch (Exception e) {
                    r = e;
                }
                interrupter.finish();
                Thread.interrupted(); // clear a late interrupt: it is not the student's
                return r;
            });
            CheckFailure.require(interrupter.interruptedAt > 0, "downloads.interrupt-not-reached",
                    server.requests(), site.uris().size());
            StudentCall.requireIdle(Messages.get("downloads.call.interrupted", what(3, workers)), interrupter.waitingWhere,
                    interrupter.waiting, Messages.get("check.wait.how.future"));
            double after = Timing.seconds(interrupter.endedAt - interrupter.interruptedAt);
            if (!(result instanceof InterruptedException)) {
                if (result instanceof Exception e) {
                    throw CheckFailure.because(e, "downloads.interrupt-wrong-exception", e.getClass().getName(),
                            String.valueOf(e.getMessage()), ThreadDump.stopAdvice(interrupter.stackAtInterrupt));
                }
                throw CheckFailure.of("downloads.interrupt-ignored", after, ThreadDump.stopAdvice(interrupter.stackAtInterrupt));
            }
            CheckFailure.require(after <= 0.5, "downloads.interrupt-slow", after, ThreadDump.stopAdvice(interrupter.stackAtInterrupt));
            // Wait until the code's own threads have ended (or a new request shows it kept going).
            long deadline = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
            while (server.requests() == interrupter.requestsAtInterrupt && System.nanoTime() < deadline
                    && !before.leaked(Duration.ZERO).isEmpty()) {
                Thread.sleep(20); // polling for threads to end, not synchronising with them
            }
            int more = server.requests() - interrupter.requestsAtInterrupt;
            CheckFailure.require(more == 0, "downloads.interrupt-kept-going", more);
            // Every interrupt scenario ends with a leak check.
            List<Thread> left = before.leaked(Duration.ofSeconds(1));
            CheckFailure.require(left.isEmpty(), "downloads.interrupt-leak", left.size(), LeakGuard.names(left),
                    ThreadDump.leakAdvice(interrupter.stackAtInterrupt));
        }
    }

    /** Interrupts the calling thread once the downloads are in flight, unless the call ended before. */
    private static final class Interrupter {
        private final LocalHttpServer server;
        private final int inFlight;
        private final Object guard = new Object();
        private boolean done;
        volatile long interruptedAt;
        volatile long endedAt;
        volatile int requestsAtInterrupt;
        volatile ThreadWatch.Sample waiting;
        volatile String waitingWhere = "";
        volatile StackTraceElement[] stackAtInterrupt = new StackTraceElement[0];

        Interrupter(LocalHttpServer server, int inFlight) {
            this.server = server;
            this.inFlight = inFlight;
        }

        void start(Thread caller) {
            Thread t = new Thread(() -> {
                try {
                    server.awaitInFlight(inFlight, Duration.ofSeconds(1));
                } catch (InterruptedException e) {
                    return;
                }
                // How the caller waits while the downloads are in flight (the server holds each for
                // 800 ms): parked in get()/join(), or busy in a loop.
                try {
                    ThreadWatch watch = ThreadWatch.of(caller);
                    watch.untilBlockedOrEnded(ThreadWatch.WAIT_SAMPLE); // a waiting caller parks at once
                    ThreadWatch.Sample sample = watch.worthSampling() ? watch.sample(ThreadWatch.WAIT_SAMPLE) : null;
                    if (sample != null && !sample.ended() && (sample.busy() || sample.sleepPolling())) {
                        waitingWhere = ThreadDump.describe(List.of(caller));
                        waiting = sample;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (guard) {
                    if (!done) {
                        stackAtInterrupt = caller.getStackTrace();
                        requestsAtInterrupt = server.requests();
                        interruptedAt = System.nanoTime();
                        caller.interrupt();
                    }
                }
            }, "grader-interrupter");
            t.setDaemon(true);
            t.start();
        }

        void finish() {
            synchronized (guard) {
                done = true;
                endedAt = System.nanoTime();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A few URIs for a message, sorted, with "..." when there are more. */
    static String shown(java.util.Collection<URI> uris) {
        List<String> sorted = uris.stream().map(URI::toString).sorted().toList();
        String head = sorted.stream().limit(SHOWN).collect(Collectors.joining(", "));
        return sorted.size() > SHOWN ? head + ", ... (" + Messages.get("downloads.in-all", sorted.size()) + ")" : head;
    }

    // ---------------------------------------------------------------- graded checks (rubric ids)

    @Test
    public void bodiesByteExact() throws Exception {
        bodiesByteExact("bodiesByteExact", Downloader::downloadAll);
    }

    @Test
    public void failuresNamedEvery() throws Exception {
        failuresNamed(Downloader::downloadAll);
    }

    @Test
    public void atMostWorkersInFlight() throws Exception {
        atMostWorkersInFlight(Downloader::downloadAll);
    }

    @Test
    public void fasterThanSequential() throws Exception {
        fasterThanSequential(Downloader::downloadAll);
    }

    @Test
    public void emptyAndBadArguments() throws Exception {
        emptyAndBadArguments(Downloader::downloadAll);
    }

    @Test
    public void noThreadsLeft() throws Exception {
        noThreadsLeft(Downloader::downloadAll);
    }

    @Test
    public void interruptStopsDownloads() throws Exception {
        interruptStopsDownloads(Downloader::downloadAll);
    }
}
