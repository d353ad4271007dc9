package lab.grader.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server on 127.0.0.1 for checking code that downloads, so that no check needs the
 * network: every answer is known in advance (bodies, status codes, latency), and the server itself
 * counts what the code under test did (requests per path, requests in flight at once).
 *
 * <p>Why it exists: "at most {@code workers} requests in flight" and "every body byte-exact" can
 * only be judged where the requests arrive. The in-flight {@link PeakGauge} counts a request from
 * its arrival until just before its response starts, so a client that waits for each response
 * before sending its next request can never be counted twice. An optional gate holds arriving
 * requests until enough are in flight (a barrier on the server side): concurrency is then proven
 * by what arrived together, not by a wall-clock guess.
 *
 * <p>Binds only to the loopback address, on a port the system picks. Its executor is big enough
 * that the server never limits concurrency; its threads are daemons named {@code grader-http-*},
 * which {@link LeakGuard} never counts. Use it in try-with-resources so it stops on every path.
 */
public final class LocalHttpServer implements AutoCloseable {
    private static final int MAX_THREADS = 256;

    /** What the server answers on one path. */
    private record Route(int status, byte[] body, Duration latency) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Object lock = new Object(); // guards the gate and signals arrivals
    private volatile PeakGauge inFlight = new PeakGauge();
    private volatile Duration latency = Duration.ZERO;
    /** Where each request's start and end go (the report page's timeline), or null. */
    private volatile Timeline timeline;
    private Gate gate; // guarded by lock

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, the body
        // then waits for the client's delayed ACK (about 40 ms per response), which would swamp the
        // latency the checks set. Read once, when the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private LocalHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on 127.0.0.1 and a free port. Unknown paths answer 404. */
    public static LocalHttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, MAX_THREADS, 10, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread t = new Thread(task, "grader-http-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        LocalHttpServer local = new LocalHttpServer(server, executor);
        server.createContext("/", local::handle);
        server.setExecutor(executor);
        server.start();
        return local;
    }

    /** The latency of every path that has none of its own. */
    public LocalHttpServer latency(Duration defaultLatency) {
        this.latency = defaultLatency;
        return this;
    }

    /** {@code path} answers 200 with {@code body} after the default latency. */
    public URI serve(String path, byte[] body) {
        return answer(path, 200, body, null);
    }

    /** {@code path} answers 200 with {@code body} after {@code latency}. */
    public URI serve(String path, byte[] body, Duration latency) {
        return answer(path, 200, body, latency);
    }

    /** {@code path} answers {@code status} with {@code body} after {@code latency} (null: the default). */
    public URI answer(String path, int status, byte[] body, Duration latency) {
        routes.put(path, new Route(status, body.clone(), latency));
        return uri(path);
    }

    /** The body {@code path} answers with (a copy), or null if the path is not served. */
    public byte[] body(String path) {
        Route r = routes.get(path);
        return r == null ? null : r.body.clone();
    }

    /** The address of {@code path} (which starts with a slash) on this server. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** A URI on 127.0.0.1 where nothing listens (a port just closed): connecting to it fails. */
    public static URI unreachable(String path) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * Deterministic bytes for a path: every byte value occurs (so decoding them as text changes
     * them), and different paths give different bytes.
     */
    public static byte[] bytesFor(String path, int size) {
        byte[] out = new byte[size];
        long x = 0x9E3779B97F4A7C15L ^ path.hashCode();
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            out[i] = (byte) x;
        }
        return out;
    }

    /** Requests received so far, on every path. */
    public int requests() {
        return requests.get();
    }

    /** Requests received so far on {@code path}. */
    public int requests(String path) {
        AtomicInteger n = perPath.get(path);
        return n == null ? 0 : n.get();
    }

    /** From now on each request's arrival and answer go to {@code run} (null: nowhere). */
    public void timeline(Timeline run) {
        this.timeline = run;
    }

    /** Requests in flight: arrived and not yet answered; its peak is the most there were at once. */
    public PeakGauge inFlight() {
        return inFlight;
    }

    /** Starts counting afresh: requests, per-path counts, the in-flight peak, and removes the gate. */
    public void reset() {
        requests.set(0);
        perPath.clear();
        inFlight = new PeakGauge();
        synchronized (lock) {
            gate = null;
            lock.notifyAll();
        }
    }

    /**
     * From now on, arriving requests wait (before their latency) until more than {@code target}
     * are in flight, or {@code target} are in flight and {@code settle} has passed since the first
     * arrival, or {@code max} has passed. Then the gate stays open. A client that really sends
     * {@code target} requests at once is always seen with {@code target} in flight; one that sends
     * more is seen with more; one that sends fewer costs at most {@code max}.
     */
    public void gate(int target, Duration settle, Duration max) {
        synchronized (lock) {
            gate = new Gate(target, settle.toNanos(), max.toNanos());
        }
    }

    /** Waits until at least {@code n} requests are in flight; false if that did not happen in {@code timeout}. */
    public boolean awaitInFlight(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight.current() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Stops the server at once and ends its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.incrementAndGet();
        perPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        PeakGauge gauge = inFlight;
        Timeline run = timeline;
        long arrived = System.nanoTime();
        gauge.enter();
        boolean inside = true;
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            synchronized (lock) {
                lock.notifyAll(); // an arrival: wakes awaitInFlight and the gate
                if (gate != null) {
                    gate.pass(gauge);
                }
            }
            Route route = routes.get(path);
            Duration wait = route == null || route.latency == null ? latency : route.latency;
            if (!wait.isZero()) {
                Thread.sleep(wait.toMillis()); // the simulated network latency, not a synchronisation
            }
            int status = route == null ? 404 : route.status;
            byte[] body = route == null ? ("<html>404 Not Found: " + path + "</html>").getBytes(StandardCharsets.UTF_8)
                    : route.body;
            // Leave the gauge before the response can be complete: a client that sends its next
            // request only after this response must never be counted twice.
            gauge.exit();
            inside = false;
            if (run != null) {
                run.exit(arrived, "");
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping
        } finally {
            if (inside) {
                gauge.exit();
            }
            exchange.close();
        }
    }

    /** The gate of {@link #gate}: guarded by {@code lock}. */
    private final class Gate {
        private final int target;
        private final long settle;
        private final long max;
        private long firstArrival = -1;
        private boolean open;

        Gate(int target, long settle, long max) {
            this.target = target;
            this.settle = settle;
            this.max = max;
        }

        /** Called with {@code lock} held by each arriving request; returns when the gate is open. */
        void pass(PeakGauge gauge) throws InterruptedException {
            long now = System.nanoTime();
            if (firstArrival < 0) {
                firstArrival = now;
            }
            while (!open && gate == this) {
                int inside = gauge.current();
                long waited = System.nanoTime() - firstArrival;
                if (inside > target || (inside >= target && waited >= settle) || waited >= max) {
                    open = true;
                    lock.notifyAll();
                    return;
                }
                long until = inside >= target ? settle - waited : max - waited;
                TimeUnit.NANOSECONDS.timedWait(lock, Math.max(until, TimeUnit.MILLISECONDS.toNanos(1)));
            }
        }
    }
}
