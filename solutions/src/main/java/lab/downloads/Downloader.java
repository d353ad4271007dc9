package lab.downloads;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reference solution for the {@code downloads} exercise: the seed's "download five images with a
 * thread pool", done so that a download that fails is reported instead of silently skipped (the
 * seed's 0.45-second process-pool "download" did no work at all).
 *
 * <p>A fixed pool of worker threads, each doing a blocking {@link HttpClient#send}: the pool
 * size is the number of requests in flight. Downloads are I/O-bound, so threads spend their time
 * waiting on the network and many of them overlap well.
 *
 * <p>See the lesson: <a href="06-downloads.md">06-downloads.md</a>
 */
public final class Downloader {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private Downloader() {
        // static helpers only
    }

    /**
     * Downloads every URI with at most {@code workers} requests in flight and returns each body.
     * Only when all downloads are done, and if any failed, it throws a {@link DownloadException}
     * naming every failed URI. A response whose status is not 2xx is a failure too.
     *
     * @param uris the URIs; may be empty; a URI listed twice is downloaded once
     * @param workers the largest number of requests in flight at once, at least 1
     * @return each URI with its body, in the order of {@code uris}
     * @throws NullPointerException if {@code uris} or one of its URIs is null
     * @throws IllegalArgumentException if {@code workers} is below 1
     * @throws DownloadException if at least one download failed, with all failures
     * @throws InterruptedException if the caller is interrupted while waiting; downloads in
     *         flight are cancelled
     */
    public static Map<URI, byte[]> downloadAll(List<URI> uris, int workers)
            throws DownloadException, InterruptedException {
        Objects.requireNonNull(uris, "uris");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        // Distinct URIs in input order; a null URI fails here, before any request is sent.
        LinkedHashSet<URI> distinct = new LinkedHashSet<>();
        for (URI uri : uris) {
            distinct.add(Objects.requireNonNull(uri, "a URI is null"));
        }
        if (distinct.isEmpty()) {
            return new LinkedHashMap<>(); // nothing to download: no pool, no client
        }

        // One client per call, shared by all workers (it is thread-safe and pools connections).
        // HTTP/1.1 so that every request in flight is its own connection, simple to reason about.
        // Java 17's HttpClient has no close(); it is released when garbage-collected.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(workers, distinct.size()), namedThreads());
        try {
            Map<URI, Future<byte[]>> pending = new LinkedHashMap<>();
            for (URI uri : distinct) {
                pending.put(uri, pool.submit(() -> fetch(client, uri)));
            }
            Map<URI, byte[]> bodies = new LinkedHashMap<>();
            Map<URI, Exception> failures = new LinkedHashMap<>();
            // Wait for every download, failed or not, before deciding: stopping at the first
            // failure would hide the others.
            for (Map.Entry<URI, Future<byte[]>> entry : pending.entrySet()) {
                try {
                    bodies.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Error) {
                        throw (Error) cause; // e.g. OutOfMemoryError: not a download failure
                    }
                    failures.put(entry.getKey(),
                            cause instanceof Exception ? (Exception) cause : e);
                }
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // every task is done; this only lets the worker threads end
            }
            if (!failures.isEmpty()) {
                throw new DownloadException(failures);
            }
            return bodies;
        } finally {
            // Reached with the pool still running only when interrupted (or on an Error):
            // interrupting the workers cancels their requests.
            if (!pool.isTerminated()) {
                pool.shutdownNow();
            }
        }
    }

    /** One download, on a worker thread. A non-2xx status is an IOException, not a body. */
    private static byte[] fetch(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri) // IllegalArgumentException if not http(s)
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            // An error page is still a body; returning it as the download would be the seed's
            // "too fast to be true" mistake all over again.
            throw new IOException("HTTP status " + status + " for " + uri);
        }
        return response.body();
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "downloader-" + count.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
    }
}
